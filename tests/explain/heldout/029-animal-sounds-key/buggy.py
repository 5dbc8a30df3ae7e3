sounds = {"cow": "moo", "duck": "quack", "cat": "meow"}
animal = "Duck"
print("The", animal, "says", sounds[animal])
