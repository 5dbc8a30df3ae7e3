money = 10

def spend(amount):
    global money
    money = money - amount
    print("Left:", money)

spend(3)
