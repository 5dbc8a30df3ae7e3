def say_hello(name):
    print("BEEP BOOP hello", name)
    print("I am Robo3000")

friend = input("What is your name? ")
sayhello(friend)
print("Robot shutting down...")
