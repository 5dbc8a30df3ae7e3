import random
random.seed(3)
cards = ["ace", "king", "queen"]
for turn in range(5):
    pick = random.randint(0, len(cards))
    print("You drew the", cards[pick])
