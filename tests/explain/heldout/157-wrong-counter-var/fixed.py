row = 0
col = 0
while row < 3:
    print("Row", row)
    row = row + 1
