n = 3
for i in range(1, 4):
    print(f"{n} x {i} = {n * i}")
