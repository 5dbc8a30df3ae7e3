class Hero:
    def __init__(self, name, power):
        self.name = name
        self.power = power

    def show():
        print("Hero:", self.name, "Power:", self.power)

h = Hero("Flash Kid", "speed")
h.show()
