team = ["Ali", "Bea", "Cy"]
for i in range(1, len(team) + 1):
    print("Player", i, "is", team[i - 1])
