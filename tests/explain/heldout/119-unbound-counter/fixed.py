visits = 0

def visit():
    global visits
    visits += 1
    print("Visit number", visits)

visit()
visit()
