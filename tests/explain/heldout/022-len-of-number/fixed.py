secret = 4821
digits = len(str(secret))
print("The secret has", digits, "digits")
