visits = 0

def visit():
    visits += 1
    print("Visit number", visits)

visit()
visit()
