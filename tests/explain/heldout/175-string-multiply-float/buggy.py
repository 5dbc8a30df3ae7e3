width = 3.0
print("=" * width)
