total = 0
n = 0
while n < 5:
    n = n + 1
    total = total + n
    print("Adding", n)
print("Total of 1 to 6 is", total)
