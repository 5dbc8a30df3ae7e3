spot = "3,7"
x, y = spot.split(" ")
print("Treasure is at x =", x, "and y =", y)
