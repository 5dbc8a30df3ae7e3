def biggest(nums):
    best = nums[0]
    for n in nums:
        if n > best:
            best = n
        return best

print("Biggest roll:", biggest([3, 6, 2, 5]))
