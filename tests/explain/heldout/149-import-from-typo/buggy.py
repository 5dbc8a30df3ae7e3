from random import randit, seed
seed(4)
print("Dice:", randit(1, 6))
