coins = 0

def collect():
    global coins
    coins = coins + 1
    print("Ding! Coins:", coins)

collect()
collect()
