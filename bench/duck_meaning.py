"""How generous and how honest the duck's checking is, on programs we did not write (the corpus).

For every corpus program (its fixed version, with the case's typing) the duck runs it once; for every
question whose real answer is known, the bench makes answers the way a child types them:

- *same meaning* (should be "yes"): all small letters with the marks (, ! .) left out; a small
  spelling slip in the longest word; numbers up to twenty written as words; a typed value described
  ("the name").
- *really different* (should be "no"): one number changed by one; the longest word swapped for
  another word; a word left out.

It prints, side by side in one run, how often the duck said yes to the first and no to the second:
with the program's meaning (``Meaning``: what was typed, a print line's fixed words and gaps), with
plain checking (no ``Meaning``), and with ``tutor/duck/compare.py`` as it was at ``--before``
(default: the commit before issue 13's duck work).

    uv run python bench/duck_meaning.py [--corpus PATH] [--before COMMIT]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import DEFAULT_CORPUS, load_cases  # noqa: E402

from tutor.duck.compare import compare  # noqa: E402
from tutor.duck.dialogue import DuckSession  # noqa: E402
from tutor.duck.steps import OUTPUT, VALUE  # noqa: E402

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


def _text_of(actual: str, what: str) -> str:
    if what == OUTPUT:
        return actual[:-1] if actual.endswith("\n") else actual
    return actual[1:-1] if len(actual) >= 2 and actual[0] == actual[-1] and actual[0] in "'\"" else actual


def same_meaning(text: str, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    marks = re.sub(r"[,!.?:;](?!\d)", "", text).lower()  # a dot inside a number stays: 7.45 is not 745
    if marks != text and marks.strip() and not re.search(r"[\[\]{}()'\"]", text):
        out.append(("small letters, no marks", marks))
    words = re.findall(r"[A-Za-z]{5,}", text)
    if words:
        w = max(words, key=len)
        i = rng.randrange(1, len(w) - 2)
        slipped = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if slipped != w:
            out.append(("a spelling slip", text.replace(w, slipped, 1)))
    if re.search(r"(?<![\d.])([0-9]|1[0-9]|20)(?![\d.])", text):
        out.append(("numbers as words", re.sub(r"(?<![\d.])([0-9]|1[0-9]|20)(?![\d.])",
                                               lambda m: _WORDS[int(m.group(1))], text)))
    return out


def different(text: str, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    m = re.search(r"\d+", text)
    if m:
        out.append(("a number changed", text[: m.start()] + str(int(m.group()) + 1) + text[m.end():]))
    words = re.findall(r"[A-Za-z]{3,}", text)
    if words:
        w = max(words, key=len)
        out.append(("a word swapped", text.replace(w, "zebra" if "zebra" not in w.lower() else "apple", 1)))
        if len(text.split()) >= 3:
            parts = text.split()
            del parts[len(parts) // 2]
            out.append(("a word left out", " ".join(parts)))
    return out


def compare_at(commit: str):
    """``compare`` from ``tutor/duck/compare.py`` as it was at ``commit`` (None if git cannot say)."""
    import importlib.util
    import subprocess

    root = Path(__file__).resolve().parents[1]
    try:
        source = subprocess.run(["git", "show", f"{commit}:tutor/duck/compare.py"], cwd=root, check=True,
                                capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("tutor.duck._compare_before", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "tutor.duck"
    sys.modules[spec.name] = module  # dataclasses look their module up
    exec(compile(source, f"{commit}:tutor/duck/compare.py", "exec"), module.__dict__)
    return module.compare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--before", default="e39e0ed", help="the commit to compare with (default: %(default)s)")
    args = parser.parse_args()
    rng = random.Random(13)
    before = compare_at(args.before)
    tally: dict[str, list[int]] = {}  # kind -> [cases, yes with meaning, yes plain, yes before]

    def count(kind: str, new: bool | None, old: bool | None, was: bool | None) -> None:
        row = tally.setdefault(kind, [0, 0, 0, 0])
        row[0] += 1
        row[1] += new is True
        row[2] += old is True
        row[3] += was is True

    programs = 0
    for case in load_cases(args.corpus):
        session = DuckSession(case.fixed, stdin=case.stdin, timeout=3, use_astroid=False)
        if session.problem is not None:
            continue
        session.run_trace()
        if session.trace is None or not session.trace.available:
            continue
        programs += 1
        for step in session.steps:
            target = step.target
            if target is None or target.what not in (OUTPUT, VALUE):
                continue
            value, ran, _finished, _at, _why = session.actual(step)
            if not ran or value is None or value.endswith("..."):
                continue
            text = _text_of(value, target.what)
            if not text.strip() or len(text) > 80:
                continue
            meaning = session.meaning(step)

            def both(answer: str) -> tuple[bool | None, bool | None, bool | None]:
                new = compare(answer, value, target.what, name=target.name, meaning=meaning).agrees
                old = compare(answer, value, target.what, name=target.name).agrees
                was = before(answer, value, target.what, name=target.name).agrees if before else None
                return new, old, was

            for kind, answer in same_meaning(text, rng):
                count("yes: " + kind, *both(answer))
            if meaning is not None and meaning.typed_words and target.name:
                count("yes: a typed value described", *both(f"the {target.name.replace('_', ' ')}"))
            for kind, answer in different(text, rng):
                count("no: " + kind, *both(answer))

    print(f"{programs} corpus programs run by the duck")
    print(f"{'answer':<34}{'cases':>6}{'meaning':>9}{'plain':>8}{args.before[:8]:>10}")
    for kind in sorted(tally, key=lambda k: (not k.startswith("yes"), k)):
        n, new, old, was = tally[kind]
        rates = [x / n for x in (new, old, was)] if kind.startswith("yes") else [(n - x) / n for x in (new, old, was)]
        shown = [f"{r:.0%}" for r in rates]
        if before is None:
            shown[2] = "-"
        print(f"{kind:<34}{n:>6}{shown[0]:>9}{shown[1]:>8}{shown[2]:>10}   (said {'yes' if kind.startswith('yes') else 'no'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
