with open("diary.txt", "w") as f:
    f.write("Today I saw a fox\n")

print("Reading my diary:")
with open("diary.txt") as f:
    print(f.read())
