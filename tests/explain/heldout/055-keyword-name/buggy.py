class = "5B"
print("My class is", class)
