class Robot
    def __init__(self, name):
        self.name = name

r = Robot("Beep")
print(r.name)
