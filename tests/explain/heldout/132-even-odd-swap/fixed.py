for n in range(1, 5):
    if n % 2 == 0:
        print(n, "is even")
    else:
        print(n, "is odd")
