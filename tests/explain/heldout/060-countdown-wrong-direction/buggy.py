lives = 3
while lives > 0:
    print("Lives:", lives)
    lives = lives + 1
print("Game over")
