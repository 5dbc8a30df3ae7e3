import random
random.seed(2)
secret = random.randint(1, 10)
guess = input("Guess a number 1-10: ")
if guess > secret:
    print("Too high")
else:
    print("Not too high!")
