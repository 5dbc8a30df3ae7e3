pet = "dog"
print("My pet is a", pet)
print("The end")
