total = 0
for i in range(3):
    price = int(input("Price of item: "))
    total = total + price
print("Total to pay:", total)
