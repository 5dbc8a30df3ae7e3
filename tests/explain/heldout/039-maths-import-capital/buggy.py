import Math
r = 3
print("Area:", round(Math.pi * r * r, 2))
