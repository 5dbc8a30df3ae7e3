"""The candidate-edit generator: each kind of small slip is proposed, edits keep the rest of the
line exactly, the likeliest come first, and nothing here runs the learner's code."""

from __future__ import annotations

import ast
import textwrap

import pytest

from tutor.explain.hint import Fix
from tutor.explain.mutate import Editor, Mutant, describe, influence, mutants, text_names, why
from tutor.explain.words import check_voice


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def fixed_versions(source: str, **kwargs) -> list[str]:
    return [m.fix.apply(source) for m in mutants(source, limit=200, **kwargs)]


def position(source: str, expected: str, **kwargs) -> int:
    """Where the edit that turns ``source`` into ``expected`` ranks (0 = first); -1 if missing."""
    found = fixed_versions(source, **kwargs)
    return found.index(expected) if expected in found else -1


# -- one test per kind of slip -----------------------------------------------------------------
CASES = [
    # (kind, buggy, fixed)
    ("compare-to-assign", "best = 0\nfor s in [3, 9]:\n    if s > best:\n        best == s\nprint(best)\n", "best = 0\nfor s in [3, 9]:\n    if s > best:\n        best = s\nprint(best)\n"),
    ("expr-to-assign", "n = 1\nn + 1\nprint(n)\n", "n = 1\nn = n + 1\nprint(n)\n"),
    ("add-f-prefix", 'name = "Tia"\nprint("Hi {name}!")\n', 'name = "Tia"\nprint(f"Hi {name}!")\n'),
    ("add-call-parens", 'word = "hi"\nprint(word.upper)\n', 'word = "hi"\nprint(word.upper())\n'),
    ("or-always-true", 'c = "red"\nif c == "blue" or "green":\n    print("cool")\n', 'c = "red"\nif c == "blue" or c == "green":\n    print("cool")\n'),
    ("rename-unused-target", "done = False\nwhile not done:\n    Done = True\n", "done = False\nwhile not done:\n    done = True\n"),
    ("convert-input", 'a = input()\nb = input()\nprint(a + b)\n', 'a = input()\nb = input()\nprint(int(a) + int(b))\n'),
    ("accumulate", "total = 0\nfor p in [1, 2]:\n    total = p\nprint(total)\n", "total = 0\nfor p in [1, 2]:\n    total = total + p\nprint(total)\n"),
    ("dedent-out-of-loop", "s = 0\nfor i in range(3):\n    s = s + i\n    print(s)\n", "s = 0\nfor i in range(3):\n    s = s + i\nprint(s)\n"),
    ("return-out-of-loop", "def f(xs):\n    t = 0\n    for x in xs:\n        t = t + x\n        return t\n", "def f(xs):\n    t = 0\n    for x in xs:\n        t = t + x\n    return t\n"),
    ("reset-before-loop", "for s in [1, 2]:\n    total = 0\n    total = total + s\nprint(total)\n", "total = 0\nfor s in [1, 2]:\n    total = total + s\nprint(total)\n"),
    ("range-bounds", "for i in range(1, 10):\n    print(i)\n", "for i in range(1, 11):\n    print(i)\n"),
    ("range-bounds", "for i in range(n):\n    print(i)\n", "for i in range(1, n + 1):\n    print(i)\n"),
    ("range-bounds", "for i in range(1, n - 1):\n    print(i)\n", "for i in range(1, n):\n    print(i)\n"),
    ("compare-op", "if age < 12:\n    print(1)\n", "if age <= 12:\n    print(1)\n"),
    ("arith-op", "each = 7 / 2\n", "each = 7 // 2\n"),
    ("arith-op", "area = w + h\n", "area = w * h\n"),
    ("swap-sides", "change = price - paid\n", "change = paid - price\n"),
    ("string-to-name", 'total = 3\nprint("total")\n', "total = 3\nprint(total)\n"),
    ("case-compare", 'a = input()\nif a == "yes":\n    print(1)\n', 'a = input()\nif a.lower() == "yes":\n    print(1)\n'),
    ("aug-op", "n -= 1\n", "n += 1\n"),
    ("indent-into-loop", "t = 0\nfor x in [1, 2]:\n    print(x)\nt = t + x\n", "t = 0\nfor x in [1, 2]:\n    print(x)\n    t = t + x\n"),
    ("number", "print(age + 2)\n", "print(age + 1)\n"),
    ("index", 'xs = [1, 2]\nprint(xs[1])\n', 'xs = [1, 2]\nprint(xs[0])\n'),
    ("name-swap", "price = 4\ncost = price * 3\nprint(price)\n", "price = 4\ncost = price * 3\nprint(cost)\n"),
    ("add-space", 'a = "Ada"\nb = "Lee"\nprint(a + b)\n', 'a = "Ada"\nb = "Lee"\nprint(a + " " + b)\n'),
    ("index-into-list", 'c = ["red"]\nfor i in range(len(c)):\n    print(i)\n', 'c = ["red"]\nfor i in range(len(c)):\n    print(c[i])\n'),
    ("use-unused-name", "width = 4\nheight = 6\narea = width * width\nprint(area)\n", "width = 4\nheight = 6\narea = width * height\nprint(area)\n"),
    ("range-bounds", "for i in range(10, 0):\n    print(i)\n", "for i in range(10, 0, -1):\n    print(i)\n"),
    ("add-call-parens", "class D:\n    def bark(self):\n        return 1\nprint(D().bark)\n", "class D:\n    def bark(self):\n        return 1\nprint(D().bark())\n"),
    ("convert-input", "n = input()\nprint(n * 3)\n", "n = int(input())\nprint(n * 3)\n"),
    ("bool-op", "if a > 1 and b > 1:\n    pass\n", "if a > 1 or b > 1:\n    pass\n"),
    ("remove-not", "if not ok:\n    pass\n", "if ok:\n    pass\n"),
    ("expr-to-assign", "class P:\n    def feed(self):\n        self.hunger - 1\n", "class P:\n    def feed(self):\n        self.hunger = self.hunger - 1\n"),
    ("accumulate", "b = ''\nfor c in 'cat':\n    b = c\nprint(b)\n", "b = ''\nfor c in 'cat':\n    b = c + b\nprint(b)\n"),
    ("add-return", "def area(w, h):\n    a = w * h\nprint(area(2, 3))\n", "def area(w, h):\n    a = w * h\n    return a\nprint(area(2, 3))\n"),
    ("add-return", "def double(n):\n    print(n * 2)\nx = double(4)\n", "def double(n):\n    return n * 2\nx = double(4)\n"),
    ("indent-into-if", "level = 1\nif coins >= 10:\n    print('Up!')\nlevel = level + 1\n", "level = 1\nif coins >= 10:\n    print('Up!')\n    level = level + 1\n"),
    ("missing-comma", 'planets = ["Mercury", "Venus" "Earth"]\n', 'planets = ["Mercury", "Venus", "Earth"]\n'),
    ("print-result", "def hi(n):\n    return 'Hi ' + n\nhi('Al')\n", "def hi(n):\n    return 'Hi ' + n\nprint(hi('Al'))\n"),
]


@pytest.mark.parametrize("kind,buggy,fixed", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_kind_is_proposed(kind: str, buggy: str, fixed: str) -> None:
    found = mutants(buggy, limit=200)
    matching = [m for m in found if m.fix.apply(buggy) == fixed]
    assert matching, [m.fix.apply(buggy) for m in found]
    assert matching[0].kind == kind


@pytest.mark.parametrize(
    "buggy,fixed",
    [
        (CASES[0][1], CASES[0][2]),  # `best == s`
        (CASES[2][1], CASES[2][2]),  # missing f
        (CASES[3][1], CASES[3][2]),  # missing ()
        (CASES[4][1], CASES[4][2]),  # or always true
        (CASES[6][1], CASES[6][2]),  # "3" + "4"
    ],
)
def test_telltale_slips_rank_first(buggy: str, fixed: str) -> None:
    assert position(buggy, fixed) == 0


def test_every_candidate_compiles_changes_the_program_and_is_unique() -> None:
    source = src(
        """
        scores = [12, 45, 33]
        best = 0
        for s in scores:
            if s > best:
                best = s
        print("Best:", best, f"of {len(scores)}")
        """
    )
    found = mutants(source, limit=500)
    assert len(found) > 10
    results = [m.fix.apply(source) for m in found]
    assert len(set(results)) == len(results)
    for text in results:
        assert text != source
        compile(text, "<test>", "exec")


def test_weights_are_in_order_and_limit_is_kept() -> None:
    source = "for i in range(1, 10):\n    if i % 2 == 0:\n        print(i * 3 + 1)\n"
    found = mutants(source, limit=7)
    assert len(found) == 7
    weights = [m.weight for m in found]
    assert weights == sorted(weights, reverse=True)


def test_focus_limits_lines_and_default_focus_opens_the_rest() -> None:
    source = "a = 1 + 2\nb = 3 + 4\nc = 5 + 6\n"
    only_two = mutants(source, focus={2: 1.0}, limit=100)
    assert only_two and {m.line for m in only_two} == {2}
    everywhere = mutants(source, focus={2: 1.0}, default_focus=0.2, limit=100)
    assert {m.line for m in everywhere} == {1, 2, 3}
    assert everywhere[0].line == 2


def test_kinds_and_exclude_filter() -> None:
    source = "if a < 3:\n    print(a + 1)\n"
    assert {m.kind for m in mutants(source, kinds=("compare-op",))} == {"compare-op"}
    assert "compare-op" not in {m.kind for m in mutants(source, exclude=("compare-op",))}


def test_edits_keep_the_rest_of_the_line_and_handle_pound_signs() -> None:
    # ast columns count bytes; "£" is two bytes in UTF-8, so a naive edit would land too far right.
    source = 'total = 4\nprint("Total £" + str(total), "£" + str(total / 2))  # cost\n'
    found = mutants(source, kinds=("arith-op",), limit=50)
    texts = [m.fix.apply(source).splitlines()[1] for m in found]
    assert 'print("Total £" + str(total), "£" + str(total // 2))  # cost' in texts


def test_syntax_errors_and_odd_line_breaks_give_nothing() -> None:
    assert mutants("print('hi'\n") == []
    assert mutants("x = 1\x0cy = 2\n") == []


def test_before_and_after_and_line_are_filled() -> None:
    source = "x = 1\nfor i in range(3):\n    x = i\nprint(x)\n"
    m = next(m for m in mutants(source, limit=100) if m.kind == "accumulate")
    assert isinstance(m, Mutant) and isinstance(m.fix, Fix)
    assert m.line == 3
    assert m.before == "    x = i\n"
    assert m.after in ("    x = x + i\n", "    x += i\n")


def test_string_with_braces_that_are_not_names_gets_no_f() -> None:
    source = 'print("Use {} for sets")\nprint("{not a name!}")\n'
    assert not [m for m in mutants(source, limit=100) if m.kind == "add-f-prefix"]


def test_reset_before_loop_points_at_the_reset_line() -> None:
    source = "for s in [1, 2]:\n    total = 0\n    total = total + s\nprint(total)\n"
    m = next(m for m in mutants(source, limit=100) if m.kind == "reset-before-loop")
    assert m.line == 2


def test_text_names_are_the_ones_read_from_input() -> None:
    tree = ast.parse("a = input()\nb = input().strip()\nc = int(input())\nd = input()\nd = 3\n")
    assert text_names(tree) == {"a", "b"}


def test_influence_follows_values_back_and_includes_the_if_around() -> None:
    source = src(
        """
        price = 4
        qty = 3
        other = 9
        cost = price * qty
        if cost > 10:
            print("Total:", cost)
        """
    )
    weights = influence(ast.parse(source), 6)
    assert weights[6] == 1.0
    assert {1, 2, 4, 5} <= set(weights)
    assert 3 not in weights
    assert weights[4] > weights[1]


def test_influence_reaches_into_called_functions() -> None:
    source = "def double(x):\n    y = x * 2\n    return x\n\nprint(double(4))\n"
    weights = influence(ast.parse(source), 5)
    assert 3 in weights and 2 in weights


def test_describe_shows_the_loop_for_moves() -> None:
    source = "s = 0\nfor i in range(3):\n    s = s + i\n    print(s)\n"
    m = next(m for m in mutants(source, limit=100) if m.kind == "dedent-out-of-loop")
    text = describe(m, source)
    assert "for i in range(3):" in text
    before, after = text.split("becomes:")
    assert "    print(s)" in before and "\n    print(s)" in after
    assert "        print(s)" in before  # indented under the loop before...
    assert "        print(s)" not in after  # ...and not after


def test_every_reason_reads_kindly() -> None:
    for m in ("compare-to-assign", "add-f-prefix", "range-bounds", "unknown-kind"):
        text = why(m)
        assert text and not check_voice(text, max_words=60)


def test_editor_columns_and_edits() -> None:
    ed = Editor("a = '£'  + b\nc = 2\n")
    node = ast.parse(ed.source).body[0].value.right  # type: ignore[attr-defined]
    assert ed.segment(node) == "b"
    fix = ed.replace_node(node, "b2")
    assert fix.apply(ed.source) == "a = '£'  + b2\nc = 2\n"


def test_no_return_is_added_when_nobody_uses_the_answer() -> None:
    source = "def show(n):\n    x = n * 2\n    print(x)\nshow(3)\n"
    assert not [m for m in mutants(source, limit=200) if m.kind == "add-return"]


def test_a_loop_variable_after_the_loop_is_an_unlikely_swap() -> None:
    # `print(t)` after the loop prints the last item: right only by luck.
    source = "ts = [12, 15, 9]\nlow = ts[0]\nfor t in ts:\n    if t > low:\n        low = t\nprint(low)\n"
    found = mutants(source, focus=influence(ast.parse(source), 6), default_focus=0.25, limit=100)
    order = [m.fix.apply(source).splitlines()[3].strip() if m.line == 4 else m.fix.apply(source).splitlines()[-1] for m in found]
    assert order.index("if t < low:") < order.index("print(t)")


def test_edits_that_change_nothing_rank_low() -> None:
    # `level + 0` and `level * 1` would "fix" one output by luck; pushing the line under the if is
    # the real fix.
    source = "level = 1\nif coins >= 10:\n    print('Up!')\nlevel = level + 1\nprint(level)\n"
    found = mutants(source, focus=influence(ast.parse(source), 5), default_focus=0.25, limit=100)
    texts = [m.fix.apply(source).splitlines()[3] for m in found]
    assert texts.index("    level = level + 1") < texts.index("level = level")
    assert texts.index("    level = level + 1") < texts.index("level = level * 1")
    assert "level = level + 0" not in texts  # said plainly instead: take the `+ 1` away


def test_glued_strings_outside_a_list_are_left_alone() -> None:
    # Implicit joining on purpose (one long message split over two strings) is not a slip.
    source = 'message = ("Hello " "there")\nprint(message)\n'
    assert not [m for m in mutants(source, limit=200) if m.kind == "missing-comma"]
