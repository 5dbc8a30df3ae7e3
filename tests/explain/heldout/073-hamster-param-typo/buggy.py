def feed(hamstr, food):
    print("Feeding", hamster, "some", food)

feed("Nibbles", "seeds")
feed("Squeak", "carrot")
