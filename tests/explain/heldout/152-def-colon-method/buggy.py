class Bird:
    def sing(self)
        print("Tweet!")

Bird().sing()
