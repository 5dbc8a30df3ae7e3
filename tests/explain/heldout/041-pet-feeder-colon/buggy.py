hungry = True
if hungry
    print("Feeding the cat")
print("Done")
