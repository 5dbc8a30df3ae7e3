scores = [5, 2, 9]
ranked = sorted(scores)
print("Top score:", ranked[-1])
