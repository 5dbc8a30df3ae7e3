price = 5
count = int(input("How many fish? "))
total = price * count
print("That will be", total, "pounds")
