colours = ["red", "green"]
for i in range(len(colours)):
    print("Colour:", colours[i])
