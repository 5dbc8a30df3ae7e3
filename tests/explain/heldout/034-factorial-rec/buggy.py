def factorial(n):
    return n * factorial(n - 1)

print("5! is", factorial(5))
