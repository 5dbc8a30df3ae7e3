import random
random.seed(7)
secret = random.randint(1, 10)
guess = 0
tries = 0
while guess != secret:
    tries = tries + 1
    guess = guess - 1
print("Found", secret, "in", tries, "tries")
