colour = input("Favourite colour? ")
if colour == "blue":
    print("Blue like the sea!")
else:
    print("Nice,", colour, "is cool too")
