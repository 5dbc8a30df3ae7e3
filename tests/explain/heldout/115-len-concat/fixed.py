bag = ["apple", "book", "pen"]
print("You have " + str(len(bag)) + " things in your bag")
