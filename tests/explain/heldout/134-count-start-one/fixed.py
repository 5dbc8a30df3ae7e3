word = "elephant"
count = 0
for letter in word:
    if letter == "e":
        count = count + 1
print("There are", count, "e's")
