age = 11
if (age > 10):
    print("You can play")
