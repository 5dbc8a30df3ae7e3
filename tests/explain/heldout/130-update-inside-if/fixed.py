n = 1
while n <= 10:
    if n % 2 == 0:
        print(n, "is even")
    n = n + 1
