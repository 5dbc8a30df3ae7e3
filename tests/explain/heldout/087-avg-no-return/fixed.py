def average(a, b):
    return (a + b) / 2

result = average(4, 8)
print("Double the average is", result * 2)
