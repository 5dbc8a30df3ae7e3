sweets = 100
days = 0
while sweets > 1:
    sweets = sweets // 2
    days = days + 1
print("Sweets last", days, "days")
