lives = 3
lives -= 1
print(lives)
