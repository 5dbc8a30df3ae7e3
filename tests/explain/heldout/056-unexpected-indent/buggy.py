fruit = "mango"
  print("I like", fruit)
print("Bye")
