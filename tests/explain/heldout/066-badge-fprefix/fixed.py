name = input("Name: ")
level = 7
print(f"{name} is on level {level}!")
