score = 42
player = "Mo"
print(f"{player} scored {scroe} points!")
