coins = 5
print("Before:", coins)
coins = coins + 10
print("After:", coins)
