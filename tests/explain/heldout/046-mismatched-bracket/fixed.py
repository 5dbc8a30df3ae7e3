lives = 3
print("Lives left:", str(lives))
