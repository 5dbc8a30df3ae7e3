seconds = 5
while seconds > 0:
    print(seconds)
    seconds = seconds - 1
print("Time's up!")
