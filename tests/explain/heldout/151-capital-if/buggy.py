x = 5
If x > 3:
    print("big")
