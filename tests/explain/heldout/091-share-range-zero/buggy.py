cake = 12
for people in range(4):
    print(people, "people get", cake // people, "pieces each")
