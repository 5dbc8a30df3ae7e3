sounds = {"cow": "moo", "duck": "quack", "cat": "meow"}
animal = "duck"
print("The", animal, "says", sounds[animal])
