score = 10
print("Your score is", score)
print("Well done!")
