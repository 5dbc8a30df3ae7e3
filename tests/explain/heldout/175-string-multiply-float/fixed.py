width = 3
print("=" * width)
