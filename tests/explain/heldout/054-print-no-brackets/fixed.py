name = "Kai"
print("Hello " + name)
