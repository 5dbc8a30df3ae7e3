for n in range(1, 4):
print(n, "squared is", n * n)
