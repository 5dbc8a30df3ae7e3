my_class = "5B"
print("My class is", my_class)
