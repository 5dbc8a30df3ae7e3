# how much money for lunches this week
days = 5
print("Lunch costs", 3, "pounds")
price = 3
total = days * price
print("This week costs", total)
