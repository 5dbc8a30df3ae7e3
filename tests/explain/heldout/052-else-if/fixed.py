temp = 30
if temp > 25:
    print("Hot!")
elif temp > 15:
    print("Warm")
else:
    print("Cold")
