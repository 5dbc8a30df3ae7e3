lives = 3
while lives > 0:
    print("Ouch! Lives:", lives)
    lives - 1
print("Game over")
