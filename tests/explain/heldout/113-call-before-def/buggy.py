print("Welcome to the zoo!")
show_animals()

def show_animals():
    for a in ["lion", "zebra"]:
        print("-", a)
