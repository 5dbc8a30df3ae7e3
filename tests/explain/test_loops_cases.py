"""More never-ending loops (split from test_loops.py so the two files run in parallel)."""

from __future__ import annotations

import pytest

from tutor.explain.diagnosers import loops
from tutor.explain.words import check_voice

TIMEOUT = 1.0

CASES = [
    (
        "update-after-loop",
        """
        i = 0
        while i < 5:
            print(i)
        i = i + 1
        print("finished")
        """,
        4,
        "i = i + 1",
        "not inside the loop",
    ),
    (
        "double-equals",
        """
        done = False
        tries = 0
        while not done:
            tries = tries + 1
            if tries > 5:
                done == True
        print("Tries:", tries)
        """,
        6,
        "done = True",
        "does not store it",
    ),
    (
        "capital-letters",
        """
        position = 0
        done = False
        while not done:
            position = position + 3
            if position >= 20:
                Done = True
        print("Reached square", position)
        """,
        6,
        "done = True",
        "`Done`",
    ),
    (
        "inner-loop-changes-outer-variable",
        """
        row = 1
        while row <= 3:
            col = 1
            while col <= 3:
                print(row * col, end=" ")
                row = row + 1
            print()
            row = row + 1
        """,
        6,
        "col = col + 1",
        "waiting for `col`",
    ),
    (
        "dice-never-six",
        """
        import random
        random.seed(4)
        roll = 0
        rolls = 0
        while roll != 6:
            roll = random.randint(1, 5)
            rolls += 1
        print(rolls)
        """,
        6,
        "roll = random.randint(1, 6)",
        "to be 6",
    ),
    (
        "binary-search-bound",
        """
        secret = 100
        low = 1
        high = 100
        guess = (low + high) // 2
        while guess != secret:
            if guess < secret:
                low = guess
            else:
                high = guess - 1
            guess = (low + high) // 2
        print("Got it:", guess)
        """,
        7,
        "low = guess + 1",
        "stuck",
    ),
    (
        "wrong-case-in-if",
        """
        import random
        random.seed(3)
        coins = 0
        while coins < 10:
            flip = random.choice(["heads", "tails"])
            if flip == "Heads":
                coins = coins + 1
        print("coins", coins)
        """,
        6,
        'if flip == "heads":',
        "never happens",
    ),
    (
        "halving-doubles",
        """
        sweets = 64
        shares = 0
        while sweets > 1:
            sweets = sweets * 2
            shares = shares + 1
        print("Shared", shares, "times")
        """,
        4,
        "sweets = sweets // 2",
        "bigger",
    ),
    (
        "text-never-equals-number",
        """
        n = 0
        while True:
            n = n + 1
            if n == "10":
                break
        print(n)
        """,
        4,
        "if n == 10:",
        "text with a number",
    ),
    (
        "update-in-a-helper-function",
        """
        def step(x):
            return x

        x = 0
        while x < 5:
            x = step(x)
            print(x)
        """,
        2,
        "return x + 1",
        "stays 0",
    ),
    (
        "attribute-in-a-method",
        """
        class Game:
            def __init__(self):
                self.turn = 0

            def play(self):
                while self.turn < 3:
                    print("turn", self.turn)
                print("end")

        Game().play()
        """,
        8,
        "self.turn = self.turn + 1",
        "`self.turn`",
    ),
    (
        "attribute-not-stored",
        """
        class Pet:
            def __init__(self):
                self.hunger = 5

            def eat(self):
                while self.hunger > 0:
                    self.hunger - 1
                print("full")

        Pet().eat()
        """,
        7,
        "self.hunger = self.hunger - 1",
        "does not store it",
    ),
]


@pytest.mark.parametrize("name,source,line,new_line,words", CASES, ids=[c[0] for c in CASES])
def test_loop_hint(context, name: str, source: str, line: int, new_line: str | None, words: str) -> None:
    ctx = context(source, timeout=TIMEOUT)
    assert ctx.outcome in ("timeout", "killed"), ctx.result.to_json()
    hint = loops.loop_never_ends(ctx)
    assert hint is not None and hint.diagnoser == "loop-never-ends"
    assert hint.line == line, hint.levels
    assert words in hint.title, hint.title
    assert not check_voice(hint.title), (hint.title, check_voice(hint.title))
    assert hint.fix is not None, hint.levels
    if new_line is not None:
        assert hint.fix.apply(ctx.source).splitlines()[line - 1].strip() == new_line
    assert len(hint.levels) == 3 and "loop ran" in hint.levels[1]


def test_jumping_over_shows_the_first_values(context) -> None:
    ctx = context("n = 1\nwhile n != 20:\n    n = n + 2\nprint(n)\n", timeout=TIMEOUT)
    hint = loops.loop_never_ends(ctx)
    assert hint is not None and hint.line == 2
    assert "`n` goes 1, 3, 5 ... 17, 19, 21" in hint.levels[1]
