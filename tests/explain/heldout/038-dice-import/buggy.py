import randon
random.seed(3)
roll = random.randint(1, 6)
print("You rolled a", roll)
