"""RecursionError, EOFError, FileNotFoundError, changing a list in a loop, and the fallback."""

from explain_helpers import check


def test_str_calls_itself(explain):
    e = explain("""
        class Pet:
            def __init__(self, name):
                self.name = name

            def __str__(self):
                return str(self) + "!"

        print(Pet("Luna"))
    """)
    check(e, "str-calls-itself", 6, 'return self.name + "!"')


def test_no_stopping_case(explain):
    e = explain("""
        def countdown(n):
            print(n)
            countdown(n - 1)

        countdown(3)
    """)
    check(e, "no-base-case", 1, verified=False)


def test_stopping_case_never_reached(explain):
    e = explain("""
        def countdown(n):
            if n == 0:
                return
            countdown(n + 1)

        countdown(3)
    """)
    check(e, "no-base-case", 4, "countdown(n - 1)")


def test_quit_with_capital(explain):
    e = explain("""
        items = []
        while True:
            item = input("Item (or quit): ")
            if item == "quit":
                break
            items.append(item)
        print(items)
    """, stdin="eggs\nQuit\n")
    check(e, "stop-word-never-matches", 4, 'if item.lower() == "quit":')


def test_not_enough_input(explain):
    e = explain("""
        a = input("First: ")
        b = input("Second: ")
        print(a, b)
    """, stdin="x\n")
    check(e, "not-enough-input", 2, verified=False)


def test_file_name_typo_against_written_file(explain):
    e = explain("""
        with open("highscore.txt", "w") as f:
            f.write("10")
        with open("high_score.txt") as f:
            print(f.read())
    """)
    check(e, "file-name-typo", 3, 'with open("highscore.txt") as f:')


def test_file_name_typo_against_folder(explain):
    e = explain("""
        with open("wrds.txt") as f:
            print(len(f.read().split()))
    """, files={"words.txt": "a b c"})
    check(e, "file-name-typo", 1, 'with open("words.txt") as f:')


def test_dict_changed_size(explain):
    e = explain("""
        stock = {"apples": 0, "pears": 3}
        for fruit in stock:
            if stock[fruit] == 0:
                del stock[fruit]
        print(stock)
    """)
    check(e, "changed-while-looping", 2, "for fruit in list(stock):")


def test_list_changed_while_looping_wrong_output(explain):
    e = explain("""
        nums = [1, 2, 2, 3]
        for n in nums:
            if n == 2:
                nums.remove(n)
        print(nums)
    """, expected_output="[1, 3]\n")
    assert e.outcome == "wrong-output"
    assert e.hint is not None and e.hint.line == 2
    assert e.hint.verified


def test_fallback_for_anything(explain):
    e = explain("""
        assert 1 + 1 == 3
    """)
    check(e, "fallback", 1, verified=False)
    assert "1" in e.hint.title


def test_fallback_wrong_output_points_at_printing_line(context):
    from tutor.explain.diagnosers.fallback import fallback

    ctx = context("""
        print("Hello")
        x = 2
        print("x is", x + 1)
    """, expected_output="Hello\nx is 2\n")
    assert ctx.outcome == "wrong-output"
    hint = fallback(ctx)
    assert hint is not None and hint.diagnoser == "fallback" and hint.line == 3


def test_typed_number_never_matches(explain):
    e = explain("""
        secret = 7
        guess = input("Guess: ")
        while guess != secret:
            guess = input("Again: ")
        print("Got it")
    """, stdin="3\n7\n")
    check(e, "typed-number-never-matches", 4, 'guess = int(input("Again: "))', verified=None)
