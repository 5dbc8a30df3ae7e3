pets = 3
print("I have", pets, "pets"))
