money = 10

def spend(amount):
    money = money - amount
    print("Left:", money)

spend(3)
