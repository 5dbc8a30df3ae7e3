def count_down(n):
    if n == 0:
        return "Go!"
    print(n)
    return count_down(n + 1)

print(count_down(3))
