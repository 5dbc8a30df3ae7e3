class Potion:
    def __init__(self, colour):
        self.colour = colour

    def describe(self):
        return "A " + self.colour + " potion"

p = Potion("green")
print(p.describe)
print("Drink it!")
