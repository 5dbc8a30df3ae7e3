"""Every registered diagnoser speaks in the tutor's voice.

Sample programs (small ones here, the syntax engineers' cases, and the shared corpus) are run
once each; every diagnoser that matches is asked directly (not only the one the engine picks), and
every hint it gives is checked: the first level has at most 25 words and no jargon, no level sounds
like blame, and the line is inside the program.
"""

from __future__ import annotations

import os

from collections import defaultdict
from pathlib import Path

import pytest

from tutor.explain.context import Context
from tutor.explain.hint import Hint
from tutor.explain.registry import all_diagnosers, diagnosers_for
from tutor.explain.words import BLAME, check_voice, jargon_in
from tutor.run import Limits, run_program

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
# A private copy made by tests/conftest.py (the shared corpus stays untouched).
CORPUS = Path(os.environ.get("TUTOR_CORPUS") or HERE.parents[2] / "shared" / "corpus")

#: Diagnoser modules written with this test (each of their diagnosers must speak at least once).
OWN_MODULES = {
    "names", "scope", "attributes", "imports", "types", "values", "indexing", "arithmetic",
    "recursion", "inputs", "files", "loops_mutation", "fallback",
}

# (source, stdin, expected output or None)
SAMPLES: list[tuple[str, str, str | None]] = [
    ("for a in [1]:\n    Print(a)\n", "", None),
    ("def roll_dice():\n    return 4\nx = roll_die()\n", "", None),
    ("r = 2\nprint(math.pi * r)\n", "", None),
    ('print("Hi", name)\nname = "Sam"\n', "", None),
    ('a = "yes"\nif a == yes:\n    print(1)\n', "", None),
    ("def f(ps):\n    totl = 0\n    for p in ps:\n        total = total + p\n    return total\nf([1])\n", "", None),
    ("score = 0\ndef add():\n    score = score + 1\nadd()\n", "", None),
    ("def g():\n    x = x + 1\n    return x\ng()\n", "", None),
    ('friends = ["a"]\nprint(friends.length)\n', "", None),
    ("import random\nprint(random.randInt(1, 6))\n", "", None),
    ('basket = []\nbasket = basket.append("a")\nbasket.append("b")\n', "", None),
    ("def d(n):\n    print(n * 2)\nx = d(2)\nprint(x + 1)\n", "", None),
    ('names = ""\nnames.append("a")\n', "", None),
    ("import maths\n", "", None),
    ("import zzqqxx\n", "", None),
    ("from random import randInt\n", "", None),
    ('g = input("Guess: ")\nif g > 5:\n    print(1)\n', "4\n", None),
    ('level = 3\nprint("Level: " + level)\n', "", None),
    ('t = "AB"\np = (9 - len(t)) / 2\nprint(" " * p)\n', "", None),
    ('class D:\n    def bark():\n        print("w")\nD().bark()\n', "", None),
    ('n = input("N? ")\nf = input("F, ", n, "? ")\n', "a\nb\n", None),
    ("import random\nprint(random.randint(6))\n", "", None),
    ("def area(w, h):\n    return w * h\nprint(area(3))\n", "", None),
    ("x = 3\ny = 2(x + 1)\n", "", None),
    ("sum = 0\nprint(sum([1]))\n", "", None),
    ("x = 5\nx()\n", "", None),
    ('h = int(input("H: "))\n', "1.5\n", None),
    ('h = int(input("H: "))\n', "ten\n", None),
    ('s = ["milk"]\ns.remove("Milk")\n', "", None),
    ('s = ["milk"]\ns.remove("cheese")\n', "", None),
    ("a, b = [1, 2, 3]\n", "", None),
    ("import math\nprint(math.sqrt(3 * 3 - 4 * 4))\n", "", None),
    ("n = [1, 2]\nfor i in range(len(n) + 1):\n    print(n[i])\n", "", None),
    ("n = []\nprint(n[0])\n", "", None),
    ('d = {"dog": 1}\na = input("A: ").strip()\nprint(d[a])\n', "Dog\n", None),
    ('d = {"Bella": 1}\nprint(d["Bela"])\n', "", None),
    ('d = {"x": 1}\nprint(d["zzzz"])\n', "", None),
    ("c = {}\nfor w in 'a b'.split():\n    c[w] += 1\n", "", None),
    ("t = [1, 2]\nh = []\nfor x in t:\n    if x > 50:\n        h.append(x)\nprint(sum(h) / len(h))\n", "", None),
    ("p = 0\nprint(10 / p)\n", "", None),
    ("secret = 4821\nprint(len(secret))\n", "", None),
    ('spot = "3,7"\nx, y = spot.split(" ")\n', "", None),
    ("price = 5\nprint(price(3))\n", "", None),
    ("def f(n):\n    return n * f(n - 1)\nf(3)\n", "", None),
    ("def c(n):\n    if n == 0:\n        print('go')\n    else:\n        c(n)\nc(2)\n", "", None),
    ("for i in range(3):\n    input()\n", "a\nb\n", None),
    ("g = [1, 2]\nt = 0\nn = 0\nfor x in g:\n    t = t + x\n    n + 1\nprint(t / n)\n", "", None),
    ("m = [0, 1, 0]\nfor i in range(len(m)):\n    if m[i] == 0:\n        del m[i]\n", "", None),
    ("class W:\n    def learn(self):\n        print(1)\nw = W()\nw = w.learn()\nw.learn()\n", "", None),
    ("def d(p):\n    a = p * 2\nprint(d(1) + 1)\n", "", None),
    ("r = ['a', 'b']\nprint(r[2])\n", "", None),
    ("n = 3\nfor i in n:\n    print(i)\n", "", None),
    ("pets = 2\nthis counts my pets\nprint(pets)\n", "", None),
    ("print(10 / 0)\n", "", None),
    ('class P:\n    def __init__(self):\n        self.name = "L"\n    def __str__(self):\n        return str(self)\nprint(P())\n', "", None),
    ("def c(n):\n    c(n - 1)\nc(3)\n", "", None),
    ("def c(n):\n    if n == 0:\n        return\n    c(n + 1)\nc(3)\n", "", None),
    ('while True:\n    i = input("I: ")\n    if i == "quit":\n        break\n', "Quit\n", None),
    ('a = input("A: ")\nb = input("B: ")\n', "", None),
    ('open("hi_score.txt").read()\n', "", None),
    ('d = {"a": 0}\nfor k in d:\n    del d[k]\n', "", None),
    ("n = [1, 2, 2]\nfor x in n:\n    if x == 2:\n        n.remove(x)\nprint(n)\n", "", "[1]\n"),
    ("assert 1 == 2\n", "", None),
    ("import json\njson.loads('{')\n", "", None),
    ('print("a")\n', "", "b\n"),
    ("while True:\n    pass\n", "", None),
    ('class C:\n    def __int__(self, a):\n        self.a = a\nC(1)\n', "", None),
    ('class C:\n    def __init__(self):\n        self.a = 1\n    def f(self):\n        return a\nC().f()\n', "", None),
    ('t = 0\nt = t + input("N: ")\n', "3\n", None),
    ("for n in [1]:\n    total = total + n\n", "", None),
    ('class R:\n    def __init__(self, name):\n        name = name\nprint(R("a").name)\n', "", None),
    ('pet = {"name": "Rex"}\nprint(pet.name)\n', "", None),
    ('s = 7\ng = input("G: ")\nwhile g != s:\n    g = input("G: ")\n', "3\n7\n", None),
]


def _syntax_samples() -> list[tuple[str, str, str | None]]:
    path = HERE / "syntax_cases" / "cases.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [(c["source"].lstrip("\n"), c.get("stdin", ""), None) for c in data.get("case", []) if "source" in c]


def _corpus_samples() -> list[tuple[str, str, str | None]]:
    out = []
    if not CORPUS.is_dir():
        return out
    for case in sorted(CORPUS.glob("*/case.toml")):
        data = tomllib.loads(case.read_text(encoding="utf-8"))
        out.append(((case.parent / "buggy.py").read_text(encoding="utf-8"), data.get("stdin", ""), None))
    return out


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> dict[str, list[Hint]]:
    """diagnoser id -> every hint it gave on the samples."""
    found: dict[str, list[Hint]] = defaultdict(list)
    folder = tmp_path_factory.mktemp("voice")
    for i, (source, stdin, expected) in enumerate(SAMPLES + _syntax_samples() + _corpus_samples()):
        sub = folder / f"s{i}"
        sub.mkdir()
        path = sub / "prog.py"
        path.write_text(source, encoding="utf-8")
        limits = Limits(timeout=1.0)
        result = run_program(path, stdin=stdin, limits=limits, record_output_lines=expected is not None)
        ctx = Context(path=str(path), source=source, result=result, stdin=stdin, expected_output=expected, limits=limits)
        for diag in diagnosers_for(ctx):
            try:
                given = diag.func(ctx)
            except Exception as exc:  # a crash is a failure of its own test; note it here too
                found[diag.id].append(Hint(diag.id, 0, f"CRASH {exc!r}", []))
                continue
            hints = [given] if isinstance(given, Hint) else list(given or [])
            for h in hints:
                h.notes["_lines"] = len(source.splitlines())
                found[diag.id].append(h)
    return found


def _own(diag) -> bool:
    return diag.func.__module__.rsplit(".", 1)[-1] in OWN_MODULES


IDS = sorted({d.id for d in all_diagnosers()})


@pytest.mark.parametrize("diagnoser_id", IDS)
def test_voice(spoken, diagnoser_id):
    diag = next(d for d in all_diagnosers() if d.id == diagnoser_id)
    hints = [h for h in spoken.get(diagnoser_id, [])]
    if not hints:
        if _own(diag):
            pytest.fail(f"no sample program makes {diagnoser_id} speak: add one")
        pytest.skip(f"no sample program makes {diagnoser_id} speak")
    for h in hints:
        assert not h.title.startswith("CRASH"), h.title
        first = h.levels[0] if h.levels else h.title
        for text in {h.title, first}:
            problems = check_voice(text)
            assert not problems, f"{diagnoser_id}: {text!r}: {problems}"
        for level in h.levels:
            ours = level.split("Python's own words:")[0].split("Python says:")[0]  # quoting Python is fine
            assert not any(p in ours.lower() for p in BLAME), level
        assert 1 <= h.line <= max(1, h.notes["_lines"]), (diagnoser_id, h.line)
        if _own(diag):
            assert f"line {h.line}" in h.title.lower(), h.title
            assert len(h.levels) >= 2, h.levels
            if h.fix is not None:
                assert len(h.levels) >= 3


def test_check_voice_rules():
    assert check_voice("Line 3: check the spelling of `scroe`. Did you mean `score`?") == []
    assert check_voice("Line 3: the argument is wrong") != []
    assert "attribute" in jargon_in("This attribute is missing")
    assert jargon_in("Use `obj.attribute` here") == []  # code in backticks is not prose
    assert check_voice(" ".join(["word"] * 26)) != []
    assert check_voice("You forgot a bracket") != []
    assert check_voice("") != []
