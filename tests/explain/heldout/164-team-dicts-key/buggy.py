players = [
    {"name": "Ali", "goals": 3},
    {"name": "Bea", "goals": 5},
]
for p in players:
    print(p["name"], "scored", p["goal"])
