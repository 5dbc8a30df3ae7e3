planets = ["Mercury", "Venus", "Earth", "Mars"]
for i in range(len(planets)):
    print(i + 1, planets[i])
