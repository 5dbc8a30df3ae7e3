width = 4
height = 6
area = width * width
print("The rug is", area, "square metres")
