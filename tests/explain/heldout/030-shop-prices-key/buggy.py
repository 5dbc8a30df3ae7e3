prices = {"apple": 30, "banana": 25, "orange": 40}
basket = ["apple", "bannana", "orange"]
total = 0
for fruit in basket:
    total = total + prices[fruit]
print("Total:", total, "pence")
