cost = 7
paid = int(input("How much did you pay? "))
chnage = paid - cost
print("Your change is", change)
