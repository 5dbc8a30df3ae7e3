count = 0
while True:
    count = count + 1
    if count == 5:
        print("Five!")
        break
print("Finished")
