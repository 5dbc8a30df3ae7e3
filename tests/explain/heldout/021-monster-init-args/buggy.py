class Monster:
    def __init__(self, name, teeth):
        self.name = name
        self.teeth = teeth

    def roar(self):
        print(self.name, "ROARS with", self.teeth, "teeth!")

m = Monster("Gloop")
m.roar()
