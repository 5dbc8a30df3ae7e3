# how much money for lunches this week
days = 5
print("Lunch costs", price, "pounds")
price = 3
total = days * price
print("This week costs", total)
