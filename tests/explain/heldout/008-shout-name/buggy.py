name = input("Type your name: ")
loud = name.uppercase()
print("HELLO " + loud + "!!!")
