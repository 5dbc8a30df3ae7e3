day = "Saturday"
if day == "Saturday" or day == "Sunday":
    print("Weekend! No school!")
else:
    print("School day")
