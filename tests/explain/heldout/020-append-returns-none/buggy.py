pets = ["cat", "dog"]
pets = pets.append("hamster")
for pet in pets:
    print("I love my", pet)
