favs = {"ann": "pizza", "ben": "chips"}
for kid in ["ann", "ben", "cat"]:
    print(kid, "likes", favs.get(kid, "nothing yet"))
