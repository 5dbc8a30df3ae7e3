eggs = 3
dragons = []
for egg in range(eggs):
    bady = "baby dragon " + str(egg + 1)
    dragons.append(baby)
print("Hatched:", dragons)
