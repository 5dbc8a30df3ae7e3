"""TypeError diagnosers."""

from explain_helpers import check


def test_input_compared_with_number(explain):
    e = explain("""
        secret = 6
        guess = input("Guess: ")
        if guess > secret:
            print("Too high")
    """, stdin="4\n")
    check(e, "input-not-converted", 2, 'guess = int(input("Guess: "))')


def test_input_used_as_position(explain):
    e = explain("""
        snacks = ["crisps", "apple"]
        choice = input("Pick: ")
        print(snacks[choice])
    """, stdin="1\n")
    check(e, "input-not-converted", 2, 'choice = int(input("Pick: "))')


def test_input_price_is_decimal(explain):
    e = explain("""
        price = input("Price in pounds: ")
        print(price * 1.2)
    """, stdin="2.5\n")
    check(e, "input-not-converted", 1, 'price = float(input("Price in pounds: "))')


def test_text_plus_number_multiline(explain):
    e = explain("""
        name = "Zed"
        level = 3
        card = ("Name: " + name + "\\n" +
                "Level: " + level)
        print(card)
    """)
    check(e, "str-plus-number", 4, '"Level: " + str(level))')


def test_slash_makes_decimal(explain):
    e = explain("""
        title = "GAME"
        width = 10
        padding = (width - len(title)) / 2
        print(" " * padding + title)
    """)
    check(e, "decimal-not-whole", 3, "padding = (width - len(title)) // 2")


def test_missing_self(explain):
    e = explain("""
        class Dog:
            def bark():
                print("Woof")

        Dog().bark()
    """)
    check(e, "missing-self", 2, "def bark(self):")


def test_input_with_commas(explain):
    e = explain("""
        name = input("Name? ")
        food = input("Favourite food, ", name, "? ")
        print(food)
    """, stdin="Ola\npasta\n")
    check(e, "input-with-commas", 2, 'food = input("Favourite food, " + name + "? ")')


def test_randint_one_number(explain):
    e = explain("""
        import random
        print(random.randint(6))
    """)
    check(e, "wrong-number-of-values", 2, "print(random.randint(1, 6))")


def test_own_function_wrong_count(explain):
    e = explain("""
        def area(w, h):
            return w * h

        print(area(3))
    """)
    check(e, "wrong-number-of-values", 4, verified=False)
    assert e.hint.fix is None


def test_number_before_bracket(explain):
    e = explain("""
        x = 3
        y = 2(x + 1)
        print(y)
    """)
    check(e, "not-a-function", 2, "y = 2 * (x + 1)")


def test_builtin_name_reused(explain):
    e = explain("""
        sum = 0
        for n in [1, 2]:
            sum = sum + n
        print(sum([1, 2]))
    """)
    check(e, "not-a-function", 1, verified=False)


def test_input_used_directly_in_sum(explain):
    e = explain("""
        total = 0
        total = total + input("How many? ")
        print(total)
    """, stdin="3\n")
    check(e, "input-not-converted", 2, 'total = total + int(input("How many? "))')


def test_init_misspelled(explain):
    e = explain("""
        class Cat:
            def __int__(self, name):
                self.name = name

        c = Cat("Tom")
        print(c.name)
    """)
    check(e, "init-misspelled", 2, "def __init__(self, name):")


def test_number_text_is_not_glued(explain):
    e = explain("""
        def add(a, b):
            return a + b
        print(add(1, "2"))
    """)
    assert e.hint.diagnoser != "str-plus-number"


def test_choice_with_commas(explain):
    e = explain("""
        import random
        random.seed(2)
        move = random.choice("rock", "paper", "scissors")
        print(move)
    """)
    check(e, "wrong-number-of-values", 3, 'move = random.choice(["rock", "paper", "scissors"])')


def test_append_several(explain):
    e = explain("""
        bag = []
        bag.append("pen", "book")
        print(bag)
    """)
    check(e, "wrong-number-of-values", 2, 'bag.extend(["pen", "book"])')


def test_function_missing_a_parameter(explain):
    e = explain("""
        def share(slices):
            each = slices // friends
            print(each)

        share(8, 4)
    """)
    check(e, "wrong-number-of-values", 1, "def share(slices, friends):")


def test_input_text_flows_on(explain):
    e = explain("""
        crew = int(input())
        days = input()
        bags = crew * days * 3
        if bags > 100:
            print("lots")
    """, stdin="4\n10\n")
    check(e, "input-not-converted", 2, "days = int(input())")
