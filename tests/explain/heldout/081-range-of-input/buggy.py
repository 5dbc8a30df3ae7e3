count = input("How many stars? ")
for i in range(count):
    print("*" * (i + 1))
