names = ["Ana", "Bo"]
with open("players.txt", "w") as f:
    for n in names:
        f.write(n + "\n")

with open("players.text") as f:
    for line in f:
        print("Player:", line.strip())
