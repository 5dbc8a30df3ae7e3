x = input("Number: ")
y = input("Another: ")
print("Sum:", x + y)
