x = 0

def move_right():
    x = x + 1

move_right()
move_right()
print("Robot is at", x)
