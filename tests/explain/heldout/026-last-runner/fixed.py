runners = ["Ava", "Ben", "Cal", "Dee"]
print("First place:", runners[0])
print("Last place:", runners[3])
