numbers = [1, 3, 4, 5, 7, 8]
for n in numbers[:]:
    if n % 2 == 1:
        numbers.remove(n)
print("Even numbers:", numbers)
