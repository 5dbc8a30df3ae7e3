row = 0
col = 0
while row < 3:
    print("Row", row)
    col = col + 1
