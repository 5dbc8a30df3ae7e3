bag = ["apple", "book", "pen"]
print("You have " + len(bag) + " things in your bag")
