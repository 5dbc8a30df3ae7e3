lives = 3
turn = 1
while turn < lives:
    print("Turn", turn)
    turn = turn + 1
