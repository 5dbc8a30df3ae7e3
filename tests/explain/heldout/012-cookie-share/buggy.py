cookies = input("How many cookies? ")
friends = 5
# share them out fairly
each = cookies // friends
left = cookies % friends
print("Everyone gets", each)
print("Left over:", left)
