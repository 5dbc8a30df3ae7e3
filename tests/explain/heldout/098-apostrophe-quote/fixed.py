name = "Rex"
print("It's time to walk", name)
