def feed(hamstr, food):
    print("Feeding", hamstr, "some", food)

feed("Nibbles", "seeds")
feed("Squeak", "carrot")
