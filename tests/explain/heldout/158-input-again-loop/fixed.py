secret = "cake"
guess = input("Guess the word: ")
while guess != secret:
    print("Nope!")
    guess = input("Guess the word: ")
print("Yes! It was", secret)
