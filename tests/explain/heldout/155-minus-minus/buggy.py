lives = 3
lives--
print(lives)
