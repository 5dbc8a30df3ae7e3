age = 12
if age => 12:
    print("You can watch it")
