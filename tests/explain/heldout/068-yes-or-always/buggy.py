answer = input("Do you like snakes? ")
if answer == "yes" or "y":
    print("Sssssuper!")
else:
    print("OK, no snakes")
