name = input("Name: ")
level = 7
print("{name} is on level {level}!")
