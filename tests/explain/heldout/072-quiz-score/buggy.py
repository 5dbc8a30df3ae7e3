score = 0
a = input("Capital of France? ")
if a == "paris":
    score = score + 1
b = input("5 x 6? ")
if b == "30":
    score = score + 1
print("You got", score, "out of 2")
