secret = 4821
digits = len(secret)
print("The secret has", digits, "digits")
