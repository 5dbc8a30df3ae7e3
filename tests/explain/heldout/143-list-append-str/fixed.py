names = ["Amy"]
names.append("Bob")
print(names)
