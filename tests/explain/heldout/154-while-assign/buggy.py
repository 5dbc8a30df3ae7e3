answer = "no"
while answer = "no":
    answer = "yes"
print("Done")
