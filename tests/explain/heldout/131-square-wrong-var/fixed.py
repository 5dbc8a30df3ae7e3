width = 4
height = 6
area = width * height
print("The rug is", area, "square metres")
