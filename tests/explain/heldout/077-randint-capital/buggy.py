import random
random.seed(1)
coin = random.randInt(0, 1)
if coin == 0:
    print("Heads")
else:
    print("Tails")
