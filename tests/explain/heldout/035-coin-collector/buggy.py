coins = 0

def collect():
    coins = coins + 1
    print("Ding! Coins:", coins)

collect()
collect()
