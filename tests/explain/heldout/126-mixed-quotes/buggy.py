food = "pizza'
print("I love", food)
