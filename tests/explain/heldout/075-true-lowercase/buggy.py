playing = true
rounds = 0
while playing:
    rounds = rounds + 1
    if rounds == 3:
        playing = False
print("Played", rounds, "rounds")
