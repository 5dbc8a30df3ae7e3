number = input("Which times table? ")
for i in range(1, 6):
    answer = number * i
    print(number, "x", i, "=", answer)
