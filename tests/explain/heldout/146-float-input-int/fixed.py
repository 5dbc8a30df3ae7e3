temp = float(input("Temperature today? "))
if temp > 20:
    print("Shorts weather!")
else:
    print("Jumper weather")
