"""Wrong output: the program ran but printed something else. The hint says what was expected and
what came out, names the line where the fix belongs (often not the print), and the fix is one
that really prints the expected output."""

from __future__ import annotations

import pytest

from tutor.explain.diagnosers import wrong_output as wo
from tutor.explain.words import check_voice

# (id, program, stdin, expected output, fix line, the fixed line (stripped))
CASES = [
    ("range-stop", "for i in range(1, 10):\n    print(i, 'x 3 =', i * 3)\n", "", "".join(f"{i} x 3 = {i * 3}\n" for i in range(1, 11)), 1, "for i in range(1, 11):"),
    ("less-or-equal", "age = 12\nif age < 12:\n    print('child ticket')\nelse:\n    print('teen ticket')\n", "", "child ticket\n", 2, "if age <= 12:"),
    ("floor-division", "sweets = 7\nfriends = 2\neach = sweets / friends\nprint('Each friend gets', each, 'sweets')\n", "", "Each friend gets 3 sweets\n", 3, "each = sweets // friends"),
    ("or-always-true", "colour = 'green'\nif colour == 'red' or 'blue':\n    print('Nice choice!')\nelse:\n    print('Hmm, ok')\n", "", "Hmm, ok\n", 2, "if colour == 'red' or colour == 'blue':"),
    ("return-in-loop", "def total(nums):\n    s = 0\n    for n in nums:\n        s = s + n\n        return s\n\nprint(total([1, 2, 3]))\n", "", "6\n", 5, "return s"),
    ("wrong-variable", "price = 4\nqty = 3\ncost = price * qty\nprint('Total:', price)\n", "", "Total: 12\n", 4, "print('Total:', cost)"),
    ("plus-for-times", "width = 3\nheight = 4\narea = width + height\nprint('Area:', area)\n", "", "Area: 12\n", 3, "area = width * height"),
    ("swapped-minus", "price = 7\npaid = 10\nchange = price - paid\nprint('Change:', change)\n", "", "Change: 3\n", 3, "change = paid - price"),
    ("reset-in-loop", "scores = [3, 5, 2]\nfor s in scores:\n    total = 0\n    total = total + s\nprint('Total:', total)\n", "", "Total: 10\n", 3, "@2:total = 0"),
    ("off-by-one-number", "age = 10\nprint('Next year you will be', age + 2)\n", "", "Next year you will be 11\n", 2, "print('Next year you will be', age + 1)"),
    ("missing-space", "name = 'Sam'\nprint('Hello' + name)\n", "", "Hello Sam\n", 2, "print('Hello ' + name)"),
    ("first-item", "items = ['apple', 'pear', 'plum']\nprint('First:', items[1])\n", "", "First: apple\n", 2, "print('First:', items[0])"),
    ("quotes-around-name", "total = 5 + 6\nprint('total')\n", "", "11\n", 2, "print(total)"),
    ("function-not-called", "def get_score():\n    return 42\n\nprint('Score:', get_score)\n", "", "Score: 42\n", 4, "print('Score:', get_score())"),
    ("method-not-called", "name = 'sam'\nprint('Hi', name.upper)\n", "", "Hi SAM\n", 2, "print('Hi', name.upper())"),
    ("while-stops-early", "i = 1\nwhile i < 5:\n    print('Step', i)\n    i = i + 1\n", "", "".join(f"Step {i}\n" for i in range(1, 6)), 2, "while i <= 5:"),
    ("returns-wrong-name", "def double(x):\n    answer = x * 2\n    return x\n\nprint(double(4))\n", "", "8\n", 3, "return answer"),
    ("biggest-uses-less-than", "nums = [4, 8, 6]\nbiggest = 0\nfor n in nums:\n    if n < biggest:\n        biggest = n\nprint('Biggest:', biggest)\n", "", "Biggest: 8\n", 4, "if n > biggest:"),
    ("input-glued", "a = input('First: ')\nb = input('Second: ')\nprint('Sum:', a + b)\n", "3\n4\n", "First: Second: Sum: 7\n", 3, "print('Sum:', int(a) + int(b))"),
    ("double-equals", "best = 0\nfor s in [12, 45, 33]:\n    if s > best:\n        best == s\nprint('Best:', best)\n", "", "Best: 45\n", 4, "best = s"),
    ("missing-f", "name = 'Tia'\nage = 10\nprint('Hi {name}, you are {age}!')\n", "", "Hi Tia, you are 10!\n", 3, "print(f'Hi {name}, you are {age}!')"),
    ("accumulate", "total = 0\nfor price in [3, 5, 2]:\n    total = price\nprint('Total:', total)\n", "", "Total: 10\n", 3, "total = total + price"),
    ("print-in-loop", "savings = 0\nfor week in range(4):\n    savings = savings + 3\n    print('Saved', savings)\nprint('Done')\n", "", "Saved 12\nDone\n", 4, "print('Saved', savings)"),
    ("no-return", "def area(w, h):\n    a = w * h\n\nprint('Area:', area(3, 4))\n", "", "Area: 12\n", 3, "return a"),
    ("print-instead-of-return", "def double(n):\n    print(n * 2)\n\nprint('Double is', double(4))\n", "", "Double is 8\n", 2, "return n * 2"),
    ("answer-not-printed", "def greet(name):\n    return 'Hi ' + name\n\nfor kid in ['Al', 'Bea']:\n    greet(kid)\n", "", "Hi Al\nHi Bea\n", 5, "print(greet(kid))"),
    ("build-backwards", "word = 'cat'\nbackwards = ''\nfor letter in word:\n    backwards = letter\nprint(backwards)\n", "", "tac\n", 4, "backwards = letter + backwards"),
    ("method-changes-nothing", "class Pet:\n    def __init__(self, name):\n        self.name = name\n        self.hunger = 5\n\n    def feed(self):\n        self.hunger - 1\n\npet = Pet('Rex')\npet.feed()\nprint(pet.name, 'hunger:', pet.hunger)\n", "", "Rex hunger: 4\n", 7, "self.hunger = self.hunger - 1"),
    ("coldest-uses-greater", "temps = [12, 15, 9]\nlowest = temps[0]\nfor t in temps:\n    if t > lowest:\n        lowest = t\nprint('Coldest:', lowest)\n", "", "Coldest: 9\n", 4, "if t < lowest:"),
    ("glued-list", "planets = ['Mercury', 'Venus' 'Earth', 'Mars']\nfor p in planets:\n    print(p)\n", "", "Mercury\nVenus\nEarth\nMars\n", 1, "planets = ['Mercury', 'Venus', 'Earth', 'Mars']"),
    ("line-not-under-if", "coins = int(input())\nlevel = 1\nif coins >= 10:\n    print('Level up!')\nlevel = level + 1\nprint('You are on level', level)\n", "5\n", "You are on level 1\n", 5, "level = level + 1"),
    ("case-of-answer", "answer = input('Ready? ')\nif answer == 'yes':\n    print('Go!')\nelse:\n    print('Bye')\n", "YES\n", "Ready? Go!\n", 2, "if answer.lower() == 'yes':"),
]


@pytest.mark.parametrize("name,source,stdin,expected,line,new_line", CASES, ids=[c[0] for c in CASES])
def test_wrong_output_hint(context, name: str, source: str, stdin: str, expected: str, line: int, new_line: str) -> None:
    ctx = context(source, stdin=stdin, expected_output=expected)
    assert ctx.outcome == "wrong-output", ctx.result.to_json()
    hint = wo.wrong_output(ctx)
    assert hint is not None and hint.diagnoser == "wrong-output"
    assert hint.line == line, hint.levels
    assert hint.fix is not None, hint.levels
    fixed = hint.fix.apply(ctx.source)
    where = line
    if new_line.startswith("@"):  # a moved line: check where it lands
        at, new_line = new_line[1:].split(":", 1)
        where = int(at)
    assert fixed.splitlines()[where - 1].strip() == new_line
    assert hint.title == hint.levels[0]
    assert hint.title.startswith("Check the instructions")
    assert not check_voice(hint.title), (hint.title, check_voice(hint.title))
    assert len(hint.levels) == 3
    assert "Check the instructions" in hint.levels[1]
    assert ("from:" in hint.levels[2] and "to:" in hint.levels[2]) or "becomes:" in hint.levels[2]


def test_the_hint_quotes_what_was_expected_and_what_came_out(context) -> None:
    ctx = context("best = 0\nfor s in [3, 50]:\n    if s > best:\n        best == s\nprint('Best score:', best)\n", expected_output="Best score: 50\n")
    hint = wo.wrong_output(ctx)
    assert hint is not None
    assert "`Best score: 50`" in hint.title and "`Best score: 0`" in hint.title
    assert "line 5" in hint.levels[1].lower()  # the print line printed it...
    assert hint.line == 4  # ...but the fix belongs where the value is decided


def test_long_lines_are_shortened_around_the_difference(context) -> None:
    words = " ".join(f"word{i}" for i in range(30))
    ctx = context(f"print('{words} end', 1 + 1)\n", expected_output=f"{words} end 3\n")
    hint = wo.wrong_output(ctx)
    assert hint is not None
    assert not check_voice(hint.title), hint.title
    assert "..." in hint.title


def test_no_small_edit_found_still_names_the_printing_line(context) -> None:
    ctx = context("print('Hello there')\nprint('Have a nice day')\n", expected_output="Hello there\nGoodbye, see you soon\n")
    hint = wo.wrong_output(ctx)
    assert hint is not None
    assert hint.fix is None and hint.line == 2
    assert "Line 2 printed it" in hint.title
    assert not check_voice(hint.title)
    assert hint.confidence < 0.5


def test_missing_and_extra_lines(context) -> None:
    ctx = context("for i in range(3):\n    print(i)\n", expected_output="0\n1\n")
    hint = wo.wrong_output(ctx)
    assert hint is not None and "extra line" in hint.title and hint.line == 1
    ctx = context("for i in range(2):\n    print(i)\n", expected_output="0\n1\n2\n")
    hint = wo.wrong_output(ctx)
    assert hint is not None and "missing" in hint.title and hint.line == 1


def test_addresses_never_show_in_the_hint(context) -> None:
    ctx = context("def f():\n    return 1\nprint(f)\n", expected_output="1\n")
    hint = wo.wrong_output(ctx)
    assert hint is not None and "0x" not in hint.title and "0x" not in hint.levels[1]


def test_output_map_and_printer() -> None:
    pieces = [(1, "a b "), (2, "c\n"), (3, "second\n"), (4, "\n"), (5, "x")]
    rows = wo.output_map(pieces)
    assert [p.line for p in rows[0]] == [1, 2]
    assert wo.printer_of(pieces, 1, 1) == 1
    assert wo.printer_of(pieces, 1, 5) == 2
    assert wo.printer_of(pieces, 1, 50) == 2  # past the end: the last piece
    assert wo.printer_of(pieces, 2, 1) == 3
    assert wo.printer_of(pieces, 3, 1) == 4  # an empty line
    assert wo.printer_of(pieces, 9, 1) is None
    assert wo.last_printer(pieces, 2) == 3


def test_nothing_to_say_without_an_expected_output(context) -> None:
    ctx = context("print(1)\n")
    assert wo.wrong_output(ctx) is None


def test_end_to_end_through_explain_file(explain) -> None:
    e = explain("total = 0\nfor price in [3, 5, 2]:\n    total = price\nprint('Total:', total)\n", expected_output="Total: 10\n")
    assert e.outcome == "wrong-output"
    h = e.hint
    assert h is not None and h.diagnoser == "wrong-output"
    assert h.line == 3 and h.verified is True
    data = e.to_json()["hint"]
    assert data["fix"]["start_line"] == 3 and data["verified"] is True
