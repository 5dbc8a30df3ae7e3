a = int(input("First number: "))
b = int(input("Second number: "))
if a > b:
    print(a, "is bigger")
else:
    print(b, "is bigger")
