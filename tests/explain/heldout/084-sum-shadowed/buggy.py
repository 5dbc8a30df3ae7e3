sum = 0
marks = [7, 8, 9]
for m in marks:
    sum = sum + m
print("Total:", sum)
print("Check:", sum(marks))
