menu = ["pizza", "pasta", "salad"]
for i in range(len(menu)):
    print(i, menu[i])
pick = int(input("Pick a number: "))
print("You picked", menu[pick])
