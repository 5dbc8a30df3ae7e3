name = "Poppy
print("Hello", name)
