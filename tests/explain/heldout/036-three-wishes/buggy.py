wishes = []
for i in range(4):
    wish = input("Make a wish: ")
    wishes.append(wish)
print("Your 3 wishes:")
for w in wishes:
    print("*", w)
