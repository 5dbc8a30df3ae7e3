"""NameError and UnboundLocalError diagnosers: which one fires, the line, the fix."""

from explain_helpers import check


def test_capitalised_print(explain):
    e = explain("""
        animals = ["cat", "dog"]
        for animal in animals:
            Print("I saw a", animal)
    """)
    check(e, "name-capitals", 3, 'print("I saw a", animal)')


def test_lowercase_true(explain):
    e = explain("""
        count = 0
        while true:
            count += 1
            if count > 3:
                break
        print(count)
    """)
    check(e, "name-capitals", 2, "while True:")


def test_typo_where_used(explain):
    e = explain("""
        def roll_dice():
            return 4

        first = roll_dice()
        second = roll_die()
        print(first + second)
    """)
    check(e, "name-typo", 5, "second = roll_dice()")


def test_swapped_letters(explain):
    e = explain("""
        score = 10
        score = score + 5
        print("Score:", socre)
    """)
    check(e, "name-typo", 3, 'print("Score:", score)')


def test_typo_where_made(explain):
    # The name is used the same way twice; the odd one out is where it was made.
    e = explain("""
        scroe = 0
        score = score + 1
        print(score)
    """)
    check(e, "name-typo", 1, "score = 0")


def test_missing_import(explain):
    e = explain("""
        # circles
        r = 3
        print(math.pi * r * r)
    """)
    check(e, "name-missing-import", 2)
    assert "import math" in e.hint.fix.replacement


def test_used_before_set(explain):
    e = explain("""
        print("Hello", name)
        name = "Sam"
    """)
    check(e, "name-used-before-set", 1, 'name = "Sam"')


def test_missing_quotes(explain):
    e = explain("""
        answer = "yes"
        if answer == yes:
            print("Great!")
    """)
    check(e, "name-missing-quotes", 2, 'if answer == "yes":')


def test_unbound_typo(explain):
    e = explain("""
        def total_of(prices):
            totl = 0
            for p in prices:
                total = total + p
            return total

        print(total_of([1, 2]))
    """)
    check(e, "unbound-typo", 2, "totl = 0".replace("totl", "total"))


def test_missing_global(explain):
    e = explain("""
        score = 0

        def add_point():
            score = score + 1

        add_point()
        print(score)
    """)
    check(e, "missing-global", 4)
    assert e.hint.fix.replacement == "    global score\n"


def test_name_inside_fstring_same_fix_on_every_version(explain):
    e = explain("""
        score = 3
        print(f"Score: {scroe}!")
    """)
    check(e, "name-typo", 2, 'print(f"Score: {score}!")')


def test_missing_self_dot(explain):
    e = explain("""
        class Pet:
            def __init__(self, name):
                self.name = name

            def hello(self):
                print("Hi", name)

        Pet("Rex").hello()
    """)
    check(e, "missing-self-dot", 6, 'print("Hi", self.name)')


def test_needs_start_value(explain):
    e = explain("""
        for n in [1, 2, 3]:
            total = total + n
        print(total)
    """)
    check(e, "name-needs-start-value", 1)
    assert e.hint.fix.replacement == "total = 0\n" and e.hint.fix.end_line == 0


def test_missing_quotes_for_key(explain):
    e = explain("""
        ages = {"Ann": 9}
        print(ages[Ann])
    """)
    check(e, "name-missing-quotes", 2, 'print(ages["Ann"])')
