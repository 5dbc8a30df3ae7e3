def hello:
    print("Hello there!")

hello()
