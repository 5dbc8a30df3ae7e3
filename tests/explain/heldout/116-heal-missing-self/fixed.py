class Player:
    def __init__(self):
        self.hp = 50

    def heal(self, amount):
        self.hp = self.hp + amount

p = Player()
p.heal(10)
print("HP:", p.hp)
