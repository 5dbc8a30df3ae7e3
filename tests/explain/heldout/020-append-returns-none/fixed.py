pets = ["cat", "dog"]
pets.append("hamster")
for pet in pets:
    print("I love my", pet)
