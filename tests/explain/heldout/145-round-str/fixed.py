height = float(input("Height in metres: "))
print("About", round(height, 1), "metres")
