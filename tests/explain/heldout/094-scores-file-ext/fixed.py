names = ["Ana", "Bo"]
with open("players.txt", "w") as f:
    for n in names:
        f.write(n + "\n")

with open("players.txt") as f:
    for line in f:
        print("Player:", line.strip())
