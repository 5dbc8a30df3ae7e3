ages = {"sam": 10, "lily": 12, "omar": 9}
who = input("Whose age? ")
print(who, "is", ages[who])
