friends = ["zoe", "max"]
for f in friends:
    print(f.upper())
print([f.upper() for f in friends])
