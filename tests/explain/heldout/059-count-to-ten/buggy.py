n = 1
while n <= 10:
    print(n)
print("I can count to ten!")
