a = input("First number: ")
b = input("Second number: ")
if a > b:
    print(a, "is bigger")
else:
    print(b, "is bigger")
