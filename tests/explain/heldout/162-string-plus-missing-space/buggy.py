first = "Ada"
last = "Lovelace"
print(first + last)
