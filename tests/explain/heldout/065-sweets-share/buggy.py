sweets = 23
kids = 4
each = sweets / kids
print("Each kid gets", each, "sweets")
print("Left over:", sweets % kids)
