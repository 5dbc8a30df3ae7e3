a = 3
b = 4
print("a is", a "and b is", b)
