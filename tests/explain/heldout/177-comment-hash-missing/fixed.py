pets = 2
# this counts my pets
print(pets)
