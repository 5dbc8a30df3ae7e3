prices = [2, 5, 3]
total = 0
for p in prices:
    total = p
print("Total is", total)
