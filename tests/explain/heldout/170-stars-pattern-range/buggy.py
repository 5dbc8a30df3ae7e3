rows = 4
for i in range(rows):
    print("*" * i)
