word = "hello"
print("Shouting:", word.upper)
