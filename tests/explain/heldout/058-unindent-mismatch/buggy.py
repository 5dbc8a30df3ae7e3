def cheer(team):
    print("Go", team)
  print("Yay!")

cheer("Reds")
