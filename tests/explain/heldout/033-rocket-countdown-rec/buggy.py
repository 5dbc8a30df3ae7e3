def countdown(n):
    if n == 0:
        print("Blast off!")
    else:
        print(n)
        countdown(n)

countdown(5)
