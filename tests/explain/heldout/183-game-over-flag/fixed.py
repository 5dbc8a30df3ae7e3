game_over = False
turns = 0
while not game_over:
    turns = turns + 1
    if turns == 3:
        game_over = True
print("Game lasted", turns, "turns")
