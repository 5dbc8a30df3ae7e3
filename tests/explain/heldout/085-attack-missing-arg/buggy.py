class Hero:
    def __init__(self, name):
        self.name = name

    def attack(self, monster):
        print(self.name, "attacks the", monster)

h = Hero("Zed")
h.attack("goblin")
h.attack()
