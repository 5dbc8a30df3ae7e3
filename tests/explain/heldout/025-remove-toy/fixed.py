toys = ["teddy", "lego", "ball"]
toys.remove("lego")
print("Toys left:", toys)
