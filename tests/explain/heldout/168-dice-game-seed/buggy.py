import random
random.seed(10)
player = random.randint(1, 6)
computer = random.randint(1, 6)
print("You rolled " + player)
print("Computer rolled", computer)
