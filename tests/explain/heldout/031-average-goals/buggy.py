goals = [2, 0, 3, 1]
total = 0
games = 0
for g in goals:
    total = total + g
    games + 1
print("Average goals:", total / games)
