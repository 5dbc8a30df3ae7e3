animals = ["lion", "snake", "spider", "zebra"]
scary = ["snake", "spider"]
for a in animals:
    if a in scary:
        animals.remove(a)
print("Friendly animals:", animals)
