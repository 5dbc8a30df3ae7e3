team = ["Ali", "Bea", "Cy"]
for i in range(1, len(team)):
    print("Player", i, "is", team[i - 1])
