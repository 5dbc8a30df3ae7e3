for i in range(3):
    print("Hip hip hooray!")
