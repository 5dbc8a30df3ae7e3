total = 0
for i in range(3):
    price = input("Price of item: ")
    total = total + price
print("Total to pay:", total)
