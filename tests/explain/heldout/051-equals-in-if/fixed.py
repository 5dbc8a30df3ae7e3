answer = input("What is 3 + 4? ")
if answer == "7":
    print("Correct!")
else:
    print("Oops")
