def add_all(nums):
    total = 0
    for n in nums:
        total = total + n
    return total

print(add_all([1, 2, 3]))
