words = ["cat", "sun", "tree"]
correct = 0
for w in words:
    guess = input("Spell " + w + ": ")
    if guess == w:
        corect = correct + 1
print("You got", correct, "right")
