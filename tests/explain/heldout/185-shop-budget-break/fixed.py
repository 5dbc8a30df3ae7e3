money = 20
prices = [5, 8, 4, 9]
bought = 0
for p in prices:
    if money >= p:
        money = money - p
        bought = bought + 1
print("Bought", bought, "things, money left:", money)
