class Ninja:
    def __init__(self, name):
        self.name = name
        self.stars = 5

    def throw(self):
        self.stars = self.stars - 1
        print(self.name, "throws a star!", self.stars, "left")

n = Ninja("Kage")
n.throw()
