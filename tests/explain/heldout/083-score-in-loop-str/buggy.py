score = 0
for level in range(3):
    score = score + 50
    print("After level " + str(level + 1) + " score is " + score)
