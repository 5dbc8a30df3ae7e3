"""ValueError, IndexError, KeyError, ZeroDivisionError diagnosers."""

from explain_helpers import check


def test_int_of_decimal(explain):
    e = explain("""
        height = int(input("Height in m: "))
        print(height * 2)
    """, stdin="1.5\n")
    check(e, "int-of-decimal", 1, 'height = float(input("Height in m: "))')


def test_int_of_word_has_no_fix(explain):
    e = explain("""
        age = int(input("Age: "))
        print(age + 1)
    """, stdin="ten\n")
    check(e, "int-of-decimal", 1, verified=False)
    assert e.hint.fix is None


def test_remove_with_capitals(explain):
    e = explain("""
        shopping = ["eggs", "milk", "bread"]
        shopping.remove("Milk")
        print(shopping)
    """)
    check(e, "not-in-list", 2, 'shopping.remove("milk")')


def test_unpacking(explain):
    e = explain("""
        a, b = [1, 2, 3]
        print(a, b)
    """)
    check(e, "unpacking", 1, verified=False)


def test_sqrt_of_negative(explain):
    e = explain("""
        import math
        a = 3
        b = 4
        c = math.sqrt(a * a - b * b)
        print(c)
    """)
    check(e, "math-domain", 4, "c = math.sqrt(a * a + b * b)")


def test_range_one_too_far(explain):
    e = explain("""
        names = ["a", "b", "c"]
        for i in range(len(names) + 1):
            print(names[i])
    """)
    check(e, "off-by-one", 2, "for i in range(len(names)):")


def test_while_len_at_least_zero(explain):
    e = explain("""
        deck = ["A", "K", "Q"]
        hand = []
        while len(deck) >= 0:
            hand.append(deck.pop())
        print(hand)
    """)
    check(e, "off-by-one", 3, "while len(deck) > 0:")


def test_index_len(explain):
    e = explain("""
        scores = [3, 9, 4]
        print("Last:", scores[len(scores)])
    """)
    check(e, "off-by-one", 2, 'print("Last:", scores[len(scores) - 1])')


def test_typed_position_counts_from_one(explain):
    e = explain("""
        colours = ["red", "green", "blue"]
        n = int(input("Which colour (1-3)? "))
        print(colours[n])
    """, stdin="3\n")
    check(e, "off-by-one", 2, 'n = int(input("Which colour (1-3)? ")) - 1')


def test_key_capitals_fixed_where_read(explain):
    e = explain("""
        sounds = {"dog": "woof", "cat": "meow"}
        animal = input("Animal: ").strip()
        print(sounds[animal])
    """, stdin="Dog\n")
    check(e, "key-missing", 2, 'animal = input("Animal: ").strip().lower()')


def test_key_misspelled(explain):
    e = explain("""
        ages = {"Bella": 10, "Sam": 12}
        print(ages["Bela"])
    """)
    check(e, "key-missing", 2, 'print(ages["Bella"])')


def test_counting_words(explain):
    e = explain("""
        counts = {}
        for word in "a b a".split():
            counts[word] += 1
        print(counts)
    """)
    check(e, "key-missing", 3, "counts[word] = counts.get(word, 0) + 1")


def test_divide_by_empty_list_points_at_if(explain):
    e = explain("""
        temps = [18, 31, 27]
        hot = []
        for t in temps:
            if t > 250:
                hot.append(t)
        print(sum(hot) / len(hot))
    """)
    check(e, "divide-by-zero", 4, verified=False)


def test_divide_by_zero_count(explain):
    e = explain("""
        total = 10
        people = 0
        print(total / people)
    """)
    check(e, "divide-by-zero", 2, verified=False)


def test_range_from_one_to_len_plus_one(explain):
    e = explain("""
        pets = ["cat", "dog"]
        for i in range(1, len(pets) + 1):
            print(pets[i])
    """)
    check(e, "off-by-one", 2, "for i in range(len(pets)):")


def test_looking_one_ahead(explain):
    e = explain("""
        n = [1, 5, 3]
        for i in range(len(n)):
            print(n[i + 1] - n[i])
    """)
    check(e, "off-by-one", 2, "for i in range(len(n) - 1):")


def test_key_spelled_differently_in_dictionary(explain):
    e = explain("""
        shirts = {"Ava": 9, "Cloe": 1}
        for player in ["Ava", "Cleo"]:
            print(player, shirts[player])
    """, expected_output="Ava 9\nCleo 1\n")
    check(e, "key-missing", 1, 'shirts = {"Ava": 9, "Cleo": 1}')


def test_dividing_by_a_range_that_starts_at_zero(explain):
    e = explain("""
        cookies = 12
        for friends in range(4):
            print(cookies // friends)
    """, expected_output="12\n6\n4\n3\n")
    check(e, "divide-by-zero", 2, "for friends in range(1, 5):")
