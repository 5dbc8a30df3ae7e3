pet = input("Pet name? ")
print("Hello", pet, "!")
