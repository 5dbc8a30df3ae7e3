planets = ["Mercury", "Venus", "Earth", "Mars"]
for i in range(len(planets) + 1):
    print(i + 1, planets[i])
