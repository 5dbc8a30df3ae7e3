y = 0
while y < 2:
    x = 0
    while x < 3:
        print(x, y)
        x = x + 1
    y = y + 1
