mark = 65
if mark >= 80:
    print("A")
elif mark >= 60:
    print("B")
else:
    print("C")
