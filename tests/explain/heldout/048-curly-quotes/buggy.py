pet = "rabbit"
print(“My pet is a”, pet)
