money = 0
week = 0
while money < 20:
    money += 5
    week = week + 1
print("It took", week, "weeks")
