temps = [12, 15, 11]
total = 0
for t in temps:
    total += t
print("Average:", total / len(temps))
