slices = 8
people = ["mum", "dad", "me"]
count = 0
each = slices // count
count = len(people)
print("Each person gets", each, "slices")
