for i in range(10, 0):
    print(i)
print("Lift off!")
