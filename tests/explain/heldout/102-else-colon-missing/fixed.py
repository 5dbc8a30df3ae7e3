x = 4
if x > 5:
    print("big")
else:
    print("small")
