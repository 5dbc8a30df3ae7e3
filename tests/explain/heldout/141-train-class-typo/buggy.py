class Train:
    def __init__(self, colour):
        self.colour = colour
        self.carriages = 3

    def describe(self):
        print("A", self.colour, "train with", self.carriges, "carriages")

t = Train("red")
t.describe()
