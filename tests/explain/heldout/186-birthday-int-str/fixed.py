age = int(input("How old are you? "))
print("Happy birthday! You are now " + str(age + 1))
