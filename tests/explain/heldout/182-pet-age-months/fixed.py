name = input("Pet's name: ")
years = int(input("How old in years? "))
months = years * 12
print(name, "is", months, "months old")
