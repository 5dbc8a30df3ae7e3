secret = "cake"
guess = input("Guess the word: ")
while guess != secret:
    print("Nope!")
print("Yes! It was", secret)
