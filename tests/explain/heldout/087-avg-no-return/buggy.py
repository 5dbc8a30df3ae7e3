def average(a, b):
    print((a + b) / 2)

result = average(4, 8)
print("Double the average is", result * 2)
