jumps = 0
for i in range(5):
    jumps++
print("Jumps:", jumps)
