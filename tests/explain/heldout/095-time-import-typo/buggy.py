import tiem
print("Wait for it...")
tiem.sleep(0.1)
print("Surprise!")
