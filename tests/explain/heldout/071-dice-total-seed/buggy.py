import random
random.seed(42)
total = 0
# roll the dice 3 times
for turn in range(1, 3):
    roll = random.randint(1, 6)
    print("Turn", turn, "rolled", roll)
    total = total + roll
print("Total:", total)
