dog_age = 4
human_years = 7(dog_age)
print("My dog is", human_years, "in human years")
