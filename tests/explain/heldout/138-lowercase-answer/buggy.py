answer = input("Is the sky blue? ")
if answer == "yes":
    print("Correct!")
else:
    print("Hmm, look up!")
