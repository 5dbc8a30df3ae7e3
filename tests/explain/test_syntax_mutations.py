"""Generality: take working programs, break one line in a typical way, and check that the syntax
diagnosers find that line and that their fix gives back the very same program (same syntax tree).

The programs are the corpus's fixed.py files (when the shared corpus is here) and a few of our own.
Each kind of slip is tried on many different lines, so no single program decides the result.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "syntax_cases"))

from syntax_helpers import CORPUS  # noqa: E402

from tutor.explain.diagnosers._syntax_tools import Analysis, Scan, first_problem  # noqa: E402

OWN_PROGRAMS = [
    '''# pocket money
savings = 0
weeks = ["one", "two", "three"]
for week in weeks:
    savings += 2
    print("Week", week, "I have", savings, "pounds")
if savings >= 6:
    print("I can buy the book!")
else:
    print("Keep saving.")
''',
    '''class Pet:
    def __init__(self, name, food):
        self.name = name
        self.food = food

    def feed(self):
        print(f"{self.name} eats {self.food}")
        return True


dog = Pet("Rex", "bones")
fed = dog.feed()
while not fed:
    fed = dog.feed()
print("All done", dog.name)
''',
    '''def times_table(n):
    for i in range(1, 4):
        answer = n * i
        print(n, "x", i, "=", answer)
    return n


scores = {"Ann": 3, "Bo": 5}
best = ""
for name in scores:
    if best == "" or scores[name] > scores[best]:
        best = name
print("Top:", best, scores[best])
times_table(7)
''',
]


def _mutations(source: str):
    """(kind, line, broken line) for typical slips on each line of ``source``."""
    lines = source.splitlines()
    scan = Scan(source)
    for i, line in enumerate(lines, 1):
        toks = scan.line_tokens(i)
        if not toks or i in scan.continuation:
            continue
        first = toks[0].text
        single = scan.logical_end(i) == i
        if first in ("if", "elif", "else", "for", "while", "def", "class") and line.rstrip().endswith(":"):
            yield "missing-colon", i, line.rstrip()[:-1]
        if first in ("if", "elif", "while") and " == " in line:
            yield "equals", i, line.replace(" == ", " = ", 1)
        if line.rstrip().endswith(")") and single:
            yield "unclosed", i, line.rstrip()[:-1]
            yield "mismatched", i, line.rstrip()[:-1] + "]"
            yield "extra", i, line.rstrip() + ")"
        prev = scan.previous_code_line(i)
        if prev and lines[prev - 1].rstrip().endswith(":") and line.startswith("    ") and first not in ("else", "elif"):
            yield "dedent", i, line[4:]
        if line.startswith("    ") and first not in ("else", "elif", "except"):
            yield "one-space-more", i, " " + line
        if first in ("else", "elif") and line.startswith("    "):
            yield "one-space-less", i, line[1:]
        m = re.search(r'"([^"\\]*)"', line)
        if m:
            yield "curly-quotes", i, line[: m.start()] + "\u201c" + m.group(1) + "\u201d" + line[m.end():]
        if first in ("if", "for", "while", "def", "else", "elif", "return", "import"):
            j = line.index(first)
            yield "capital", i, line[:j] + first.capitalize() + line[j + len(first):]
        m = re.search(r'"([^"\\]+)"\)\s*$', line)
        if m:
            yield "unclosed-quote", i, line[: m.end(1)] + line[m.end(1) + 1:]
        m = re.search(r'(\w|"|\)), (\w|")', line)
        if m and "(" in line and first not in ("def", "for", "import") and "[" not in line and "{" not in line:
            yield "comma", i, line[: m.start() + 1] + line[m.start() + 2:]
        m = re.match(r"^(\s*)print\((.*)\)\s*$", line)
        if m and "," not in m.group(2) and "(" not in m.group(2):
            yield "print-without-brackets", i, f"{m.group(1)}print {m.group(2)}"
        m = re.search(r"(?<![\w.])([1-9])(?![\w.])", line)
        if m and '"' not in line[: m.start()] and not line.lstrip().startswith("#"):
            yield "leading-zero", i, line[: m.start()] + "0" + line[m.start():]
        m = re.search(r'f"[^"]*\{([\w.]+)\}', line)
        if m:
            yield "fstring-brace", i, line[: m.end() - 1] + line[m.end():]
        if line.startswith("        ") and not line.startswith("         "):
            yield "tab", i, "\t" + line[8:]


def _programs() -> list[str]:
    found = list(OWN_PROGRAMS)
    if CORPUS.exists():
        for path in sorted(CORPUS.glob("*/fixed.py")):
            found.append(path.read_text(encoding="utf-8"))
    return found


def _sample(per_kind: int = 25):
    chosen: dict[str, list] = defaultdict(list)
    for k, source in enumerate(_programs()):
        if first_problem(source) is not None:
            continue
        for kind, line, broken in _mutations(source):
            if len(chosen[kind]) >= per_kind:
                continue
            lines = source.splitlines()
            lines[line - 1] = broken
            bad = "\n".join(lines) + "\n"
            if first_problem(bad) is None:
                continue  # still a valid program: not a slip Python stops at
            chosen[kind].append((f"{kind}-{k}-{line}", source, bad, line))
    return [item for items in chosen.values() for item in items]


SAMPLE = _sample()


@pytest.mark.parametrize("name,source,bad,line", SAMPLE, ids=[s[0] for s in SAMPLE])
def test_broken_line_is_found_and_fixed_back(name, source, bad, line):
    best = Analysis(bad).best
    assert best is not None, name
    assert best.line == line, (best.family, best.title)
    assert best.fixed
    fixed = best.fix.apply(bad)
    assert ast.dump(ast.parse(fixed)) == ast.dump(ast.parse(source)), (best.family, best.fix)


def test_every_kind_of_slip_was_tried():
    kinds = {name.split("-")[0] for name, *_ in SAMPLE}
    assert len(SAMPLE) >= 100
    assert {"missing", "unclosed", "curly", "capital", "dedent", "tab"} <= kinds
