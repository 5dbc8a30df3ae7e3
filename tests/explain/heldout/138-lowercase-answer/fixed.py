answer = input("Is the sky blue? ").lower()
if answer == "yes":
    print("Correct!")
else:
    print("Hmm, look up!")
