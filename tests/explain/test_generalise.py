"""Small programs for the general improvements found with the held-out set (tests/explain/heldout)."""

from __future__ import annotations

from explain_helpers import check, fixed_line


def test_value_name_is_not_fixed_to_a_builtin_function(explain):
    # `price` is not a slip for `print`: it gets its value later.
    e = explain("""
        days = 5
        print("Lunch costs", price)
        price = 3
        print(days * price)
    """)
    assert e.hint is not None and e.hint.diagnoser != "name-typo"
    assert "print, " not in (e.hint.fix.apply(e.source) if e.hint.fix else "")


def test_function_used_before_its_def_is_moved_up(explain):
    e = explain("""
        print("Zoo")
        show()

        def show():
            print("lion")
    """)
    check(e, "name-used-before-set", 2)


def test_method_result_kept_over_the_object(explain):
    e = explain("""
        class W:
            def learn(self, s):
                print("learned", s)

        w = W()
        w = w.learn("fire")
        w.learn("ice")
    """)
    check(e, "none-value", 6, 'w.learn("fire")')


def test_answer_kept_but_not_returned(explain):
    e = explain("""
        def double(p):
            answer = p * 2

        print(double(4) + 1)
    """)
    check(e, "none-value", 3)
    assert fixed_line(e, 3).strip() == "return answer"


def test_sort_result_kept(explain):
    e = explain("""
        s = [5, 2, 9]
        r = s.sort()
        print(r[-1])
    """)
    check(e, "none-value", 2, "r = sorted(s)")


def test_number_called_like_in_maths(explain):
    e = explain("""
        price = 5
        print(price(3))
    """)
    check(e, "not-a-function", 2, "print(price * 3)")


def test_length_of_a_number(explain):
    e = explain("""
        secret = 4821
        print(len(secret))
    """)
    check(e, "length-of-number", 2, "print(len(str(secret)))")


def test_loop_over_a_number(explain):
    e = explain("""
        laps = 3
        for lap in laps:
            print(lap)
    """)
    check(e, "loop-over-number", 2, "for lap in range(laps):")


def test_split_at_the_right_mark(explain):
    e = explain("""
        spot = "3,7"
        x, y = spot.split(" ")
        print(x, y)
    """)
    check(e, "unpacking", 2, 'x, y = spot.split(",")')


def test_last_place_of_a_list(explain):
    e = explain("""
        r = ["a", "b", "c"]
        print(r[3])
    """)
    check(e, "off-by-one", 2, "print(r[2])")


def test_randint_up_to_the_length(explain):
    e = explain("""
        import random
        random.seed(3)
        cards = ["a", "b", "c"]
        for turn in range(5):
            pick = random.randint(0, len(cards))
            print(cards[pick])
    """)
    check(e, "off-by-one", 5, "pick = random.randint(0, len(cards) - 1)")


def test_deleting_while_counting_goes_backwards(explain):
    e = explain("""
        m = [5, 0, 7, 0]
        for i in range(len(m)):
            if m[i] == 0:
                del m[i]
        print(m)
    """)
    check(e, "off-by-one", 2, "for i in range(len(m) - 1, -1, -1):")


def test_key_written_by_hand_in_other_capitals(explain):
    e = explain("""
        sounds = {"duck": "quack"}
        animal = "Duck"
        print(sounds[animal])
    """)
    check(e, "key-missing", 2, 'animal = "duck"')


def test_key_misspelled_in_one_of_two_lookups(explain):
    e = explain("""
        p = {"name": "Ali", "goals": 3}
        print(p["name"], p["goal"])
    """)
    check(e, "key-missing", 2, 'print(p["name"], p["goals"])')


def test_count_that_is_worked_out_but_not_kept(explain):
    e = explain("""
        goals = [2, 1]
        total = 0
        games = 0
        for g in goals:
            total = total + g
            games + 1
        print(total / games)
    """)
    check(e, "divide-by-zero", 6, "games = games + 1")


def test_recursion_passing_the_same_value(explain):
    e = explain("""
        def countdown(n):
            if n == 0:
                print("Go")
            else:
                countdown(n)

        countdown(3)
    """)
    check(e, "no-base-case", 5, "countdown(n - 1)")


def test_recursion_without_stopping_case_gets_one(explain):
    e = explain("""
        def fact(n):
            return n * fact(n - 1)

        print(fact(5))
    """)
    check(e, "no-base-case", 2)
    assert "if n <= 1:" in e.hint.fix.replacement


def test_loop_asks_more_often_than_answers_were_typed(explain):
    e = explain("""
        for i in range(4):
            input("Wish: ")
    """, stdin="a\nb\nc\n")
    check(e, "not-enough-input", 1, "for i in range(3):")


def test_whole_number_typed_gets_int_even_for_a_price(explain):
    e = explain("""
        total = 0
        price = input("Price: ")
        total = total + price
        print(total)
    """, stdin="4\n")
    check(e, "input-not-converted", 2, 'price = int(input("Price: "))')


def test_unclosed_text_before_a_name(explain):
    e = explain("""
        pet = "dog"
        print("My pet is a, pet)
    """)
    assert e.hint is not None and e.hint.line == 2
    assert fixed_line(e, 2) == 'print("My pet is a", pet)'


def test_while_true_with_an_if_that_never_leaves(explain):
    e = explain("""
        count = 0
        while True:
            count = count + 1
            if count == 5:
                print("Five!")
        print("Done")
    """, timeout=1.0)
    assert e.hint is not None and e.hint.verified
    assert fixed_line(e, 6).strip() == "break"


def test_wrong_counter_updated_is_renamed(explain):
    e = explain("""
        row = 0
        col = 0
        while row < 3:
            print(row)
            col = col + 1
    """, timeout=1.0)
    check(e, "loop-never-ends", 5, "row = row + 1")


def test_guess_moving_away_from_a_hidden_number(explain):
    e = explain("""
        secret = 3
        guess = 0
        while guess != secret:
            guess = guess - 1
        print(guess)
    """, timeout=1.0)
    check(e, "loop-never-ends", 4, "guess = guess + 1")


def test_note_without_a_hash(explain):
    e = explain("""
        pets = 2
        this counts my pets
        print(pets)
    """)
    check(e, "syntax-comment-without-hash", 2, "# this counts my pets")


def test_attribute_only_changed_never_made(explain):
    e = explain("""
        class N:
            def __init__(self):
                stars = 5

            def throw(self):
                self.stars = self.stars - 1

        N().throw()
    """)
    check(e, "attribute-never-stored", 3, "self.stars = 5")


def test_text_instead_of_list_for_append(explain):
    e = explain("""
        names = "Amy"
        names.append("Bob")
        print(names)
    """)
    check(e, "method-on-wrong-type", 1, 'names = ["Amy"]')


def test_number_in_the_note_beats_a_typing_slip(explain):
    e = explain("""
        # count the tall plants (taller than 40 cm) and their average
        heights = [30, 45, 52, 38]
        tall = []
        for h in heights:
            if h > 400:
                tall.append(h)
        print(sum(tall) / len(tall))
    """)
    check(e, "divide-by-zero", 5, "    if h > 40:")


def test_two_numbers_after_text_are_added_first(explain):
    e = explain("""
        age = 9
        print("You are now " + age + 1)
    """)
    check(e, "str-plus-number", 2, 'print("You are now " + str(age + 1))')


def test_function_result_used_straight_away(explain):
    e = explain("""
        def damage(hp, hit):
            new_hp = hp - hit
            print("Ouch!")

        print(damage(20, 5) - 1)
    """)
    check(e, "none-value", 4)
    assert fixed_line(e, 4).strip() == "return new_hp"
