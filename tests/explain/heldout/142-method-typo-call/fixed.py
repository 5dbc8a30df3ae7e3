class Pet:
    def __init__(self, name):
        self.name = name
        self.food = 0

    def feed(self):
        self.food = self.food + 1
        print(self.name, "ate!")

p = Pet("Bubbles")
p.feed()
p.feed()
print("Food eaten:", p.food)
