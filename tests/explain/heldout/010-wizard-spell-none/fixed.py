class Wizard:
    def __init__(self, name):
        self.name = name
        self.spells = []

    def learn(self, spell):
        self.spells.append(spell)
        print(self.name, "learned", spell)

merlin = Wizard("Merlin")
merlin.learn("fireball")
merlin.learn("ice wall")
