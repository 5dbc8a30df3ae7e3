score = 7
print(f"Score: {score}")
