password = input("Password: ")
if password == "dragon":
    print("Come in!")
else:
    print("Wrong password")
