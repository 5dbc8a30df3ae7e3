x = input("Number: ")
y = input("Another: ")
print("Sum:", int(x) + int(y))
