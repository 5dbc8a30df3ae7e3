colours = ["red", "green", "blue"
for c in colours:
    print(c)
