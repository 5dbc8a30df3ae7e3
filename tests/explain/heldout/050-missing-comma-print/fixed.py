name = "Tom"
age = 11
print("Name:", name, "Age:", age)
