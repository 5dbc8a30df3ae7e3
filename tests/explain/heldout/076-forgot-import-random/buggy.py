# roll two dice
random.seed(5)
a = random.randint(1, 6)
b = random.randint(1, 6)
print("You rolled", a, "and", b)
