name = input("Type your name: ")
loud = name.upper()
print("HELLO " + loud + "!!!")
