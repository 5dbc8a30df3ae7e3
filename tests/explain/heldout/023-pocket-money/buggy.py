money = int(input("How much pocket money? "))
saved = money * 4
print("In 4 weeks you will have", saved)
