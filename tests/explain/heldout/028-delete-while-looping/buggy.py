marks = [5, 0, 7, 0, 9]
# take out the zeros
for i in range(len(marks)):
    if marks[i] == 0:
        del marks[i]
print(marks)
