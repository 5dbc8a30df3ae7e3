name = input("Name? ")
print("Your name has", len(name), "letters")
