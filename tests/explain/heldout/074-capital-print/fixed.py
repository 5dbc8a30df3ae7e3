colours = ["red", "blue"]
for c in colours:
    print("I like", c)
