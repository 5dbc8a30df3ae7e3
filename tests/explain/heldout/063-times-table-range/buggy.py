# 5 times table up to 10
for i in range(1, 10):
    print(i, "x 5 =", i * 5)
