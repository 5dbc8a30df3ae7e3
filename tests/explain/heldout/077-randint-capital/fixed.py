import random
random.seed(1)
coin = random.randint(0, 1)
if coin == 0:
    print("Heads")
else:
    print("Tails")
