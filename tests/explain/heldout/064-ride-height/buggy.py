height = int(input("How tall are you in cm? "))
# you can ride if you are 120 or taller
if height > 120:
    print("You can ride!")
else:
    print("Sorry, too small")
