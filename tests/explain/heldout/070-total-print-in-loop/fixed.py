prices = [3, 4, 2]
total = 0
for p in prices:
    total = total + p
print("Total:", total)
