friends = ["zoe", "max"]
for f in friends:
    print(f.upper())
print(friends.upper())
