points = [10, 20, 30]
total = 0
for p in points:
    total = total + p
print("All points:", total)
