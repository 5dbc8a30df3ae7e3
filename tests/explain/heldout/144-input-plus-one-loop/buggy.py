start = input("Start counting from: ")
for i in range(3):
    print(start + i)
