class Knight:
    def __init__(self, name):
        self.name = name
        self.health = 100

    def hurt(self, amount):
        self.health = self.health - amount
        print(self.name, "has", self.health, "health left")

sir = Knight("Sir Lance")
sir.hurt(30)
sir.hurt(25)
