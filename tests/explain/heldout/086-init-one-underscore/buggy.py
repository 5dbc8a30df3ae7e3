class Cat:
    def _init_(self, name):
        self.name = name

    def meow(self):
        print(self.name, "says meow")

kitty = Cat("Tom")
kitty.meow()
