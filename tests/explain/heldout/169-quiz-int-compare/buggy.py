score = 0
answer = input("What is 6 x 7? ")
if answer == 42:
    score = score + 1
print("Score:", score)
