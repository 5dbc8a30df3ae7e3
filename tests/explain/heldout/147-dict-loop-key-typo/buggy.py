pet_ages = {"rex": 3, "tiddles": 5}
for pet in pet_ages:
    print(pet, "is", pet_ages[pet], "years old")
print("Rex next year:", pet_ages["Rex"] + 1)
