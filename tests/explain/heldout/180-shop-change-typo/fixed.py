cost = 7
paid = int(input("How much did you pay? "))
change = paid - cost
print("Your change is", change)
