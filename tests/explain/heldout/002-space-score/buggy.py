Score = 0
aliens = 5
# each alien is 10 points
for a in range(aliens):
    Score = Score + 10
print("You blasted all the aliens!")
print("Your score is", score)
