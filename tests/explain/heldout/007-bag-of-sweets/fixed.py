sweets = ["toffee", "jelly bean"]
print("I have", sweets)
sweets.append("lolly")
print("Now I have", sweets)
print("That's", len(sweets), "sweets!")
