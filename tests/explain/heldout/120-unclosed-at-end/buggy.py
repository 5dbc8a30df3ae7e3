name = "Ruby"
print("Goodbye", name
