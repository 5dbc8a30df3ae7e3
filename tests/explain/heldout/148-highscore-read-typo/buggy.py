def save(score):
    f = open("score.txt", "w")
    f.write(str(score))
    f.close()

save(99)
f = open("scores.txt")
print("Saved score:", f.read())
f.close()
