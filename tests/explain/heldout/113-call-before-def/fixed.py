print("Welcome to the zoo!")
def show_animals():
    for a in ["lion", "zebra"]:
        print("-", a)

show_animals()

def show_animals():
    for a in ["lion", "zebra"]:
        print("-", a)
