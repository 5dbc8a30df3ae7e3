laps = 4
for lap in laps:
    print("Lap", lap + 1)
print("Race over!")
