def make_pizza(size, topping):
    print("Making a", size, "pizza with", topping)

make_pizza("big", "cheese")
make_pizza("small")
print("Pizzas are in the oven!")
