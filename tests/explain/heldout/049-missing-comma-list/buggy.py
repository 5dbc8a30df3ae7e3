snacks = ["crisps", "apple" "banana", "cookie"]
for s in snacks:
    print("Yum,", s)
print(len(snacks), "snacks")
