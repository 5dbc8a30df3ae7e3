scores = [3, 5, 8
total = sum(scores)
print(total)
