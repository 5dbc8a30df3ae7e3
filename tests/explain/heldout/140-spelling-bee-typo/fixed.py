words = ["cat", "sun", "tree"]
correct = 0
for w in words:
    guess = input("Spell " + w + ": ")
    if guess == w:
        correct = correct + 1
print("You got", correct, "right")
