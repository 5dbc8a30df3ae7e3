points = [10, 20, 30]
for p in points:
    total = 0
    total = total + p
print("All points:", total)
