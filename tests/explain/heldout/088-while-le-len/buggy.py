words = ["cat", "dog", "owl"]
i = 0
while i <= len(words):
    print(words[i].upper())
    i = i + 1
