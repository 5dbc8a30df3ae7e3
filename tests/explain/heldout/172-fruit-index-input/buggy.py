fruits = ["apple", "banana", "cherry"]
n = int(input("Pick a fruit 1-3: "))
print("You picked", fruits[n])
