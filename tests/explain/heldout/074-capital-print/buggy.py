colours = ["red", "blue"]
for c in colours:
    Print("I like", c)
