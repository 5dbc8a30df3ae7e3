name = input("Name? ")
print("Your name has", name.length, "letters")
