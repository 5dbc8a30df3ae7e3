pass = input("Password: ")
if pass == "dragon":
    print("Come in!")
else:
    print("Wrong password")
