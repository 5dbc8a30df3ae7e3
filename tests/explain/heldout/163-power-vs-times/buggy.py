side = 5
print("Square area:", side * 2)
