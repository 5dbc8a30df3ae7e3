toys = ["teddy", "lego", "ball"]
toys.remove("Lego")
print("Toys left:", toys)
