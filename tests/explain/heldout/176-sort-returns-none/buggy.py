scores = [5, 2, 9]
ranked = scores.sort()
print("Top score:", ranked[-1])
