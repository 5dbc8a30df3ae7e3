marks = [7, 8, 10]
average = sum(marks) / len(marks)
print("Average:", average)
