prices = {
    "apple": 30,
    "pear": 40,
    "plum": 20,
}
print(prices["pear"])
