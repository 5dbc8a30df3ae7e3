jumps = 0
for i in range(5):
    jumps += 1
print("Jumps:", jumps)
