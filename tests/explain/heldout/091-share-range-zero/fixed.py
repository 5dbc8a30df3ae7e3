cake = 12
for people in range(1, 5):
    print(people, "people get", cake // people, "pieces each")
