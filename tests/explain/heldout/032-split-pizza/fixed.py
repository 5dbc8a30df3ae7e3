slices = 8
people = ["mum", "dad", "me"]
count = len(people)
each = slices // count
count = len(people)
print("Each person gets", each, "slices")
