# my puppy knows tricks!
tricks = ["sit", "roll over", "paw"]
puppy_name = "Biscuit"

print("Meet", puppy_name)
for trick in tricks:
    print(puppy_name, "can", trcik)
print("Good dog!")
