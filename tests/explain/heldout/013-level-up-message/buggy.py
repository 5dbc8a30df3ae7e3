level = 1
xp = 250
while xp >= 100:
    xp = xp - 100
    level = level + 1
print("You reached level " + level + "!")
