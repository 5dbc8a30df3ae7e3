laps = 4
for lap in range(laps):
    print("Lap", lap + 1)
print("Race over!")
