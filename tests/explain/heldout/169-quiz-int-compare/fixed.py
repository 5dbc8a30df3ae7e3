score = 0
answer = int(input("What is 6 x 7? "))
if answer == 42:
    score = score + 1
print("Score:", score)
