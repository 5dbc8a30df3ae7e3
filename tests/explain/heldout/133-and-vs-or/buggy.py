day = "Saturday"
if day == "Saturday" and day == "Sunday":
    print("Weekend! No school!")
else:
    print("School day")
