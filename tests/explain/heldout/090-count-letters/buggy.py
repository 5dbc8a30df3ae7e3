word = "banana"
counts = {}
for letter in word:
    counts[letter] += 1
print(counts)
