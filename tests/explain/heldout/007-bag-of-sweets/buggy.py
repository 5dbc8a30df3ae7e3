sweets = ["toffee", "jelly bean"]
print("I have", sweets)
sweets.add("lolly")
print("Now I have", sweets)
print("That's", len(sweets), "sweets!")
