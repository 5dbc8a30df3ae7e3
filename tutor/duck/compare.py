"""Checking a learner's prediction against what really happened: tolerant, and kind about it.

``compare(answer, actual, what)`` says whether the answer matches. ``actual`` is the short text
form the tracer recorded (Python's way of writing the value: ``'Sam'``, ``[1, 2]``, ``3.0``), or
printed text for ``what="output"``. Tolerant in the ways a child's answer differs without a
different idea behind it: numbers written as words or with ``times`` after them, ``5`` for ``5.0``,
text with or without quotes, lists with or without brackets, yes/no for True/False, capitals and
extra spaces (noted, not counted), a small spelling slip in a longer word. A number where the
computer holds text (``5`` for ``'5'``) is noted too: that difference is a common bug.

Given the program's ``Meaning`` (``meaning.py``), it also judges by meaning: what someone typed may
be described ("the puppy's name"), and a print line is lined up word by word with its fixed text
and gaps. It still says no to a really different answer: another number, another word, a missing
part, or a "slip" the program itself makes somewhere (that is the bug).
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Any

from .meaning import Meaning, describes, match_output, same_word, words
from .steps import COUNT, GIVES, OUTPUT, RUNS, TRUTH, VALUE


@dataclass(frozen=True)
class Verdict:
    agrees: bool | None  # None: no answer to check (skipped, or "not sure")
    note: str = ""  # kind words about a small difference, e.g. capitals


_UNSURE = {
    "?", "??", "???", "idk", "i dont know", "i don't know", "dont know", "don't know", "not sure",
    "no idea", "dunno", "skip", "pass", "i'm not sure", "im not sure", "unsure", "no clue", "hmm",
}
_YES = {"yes", "y", "yeah", "yep", "yup", "true", "it is", "it will", "sure", "of course", "correct", "right", "t"}
_NO = {"no", "n", "nope", "nah", "false", "it isn't", "it is not", "it won't", "not", "never", "f"}
_NONE = {"none", "nothing", "null", "no value", "empty"}
_FOREVER = ("forever", "infinite", "infinity", "endless", "never stop", "never end", "doesn't stop", "does not stop",
            "dont stop", "don't stop", "won't stop", "wont stop", "keeps going", "keep going", "non stop", "nonstop",
            "never ends", "never stops", "for ever", "∞", "lots and lots", "loops forever", "goes on and on")
_ZERO_COUNT = {"never", "none", "not at all", "no times", "zero times", "0 times", "not once", "it doesn't", "it won't"}
_NEVER_RAN = {"never", "it never runs", "it won't run", "it doesnt run", "it doesn't run", "never runs", "nothing",
              "it never happens", "never happens", "it won't", "not at all"}

_WORDS = {
    "zero": 0, "none": 0, "one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "thousand": 1000,
    "a thousand": 1000, "one thousand": 1000,
}
_NUMBER = re.compile(r"(?<![\w.])[-+−]?(?:\d{1,3}(?:,\d{3})+|\d[\d_]*)(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w])|(?<![\w.])[-+−]?\.\d+")
_MISSING = object()


def is_unsure(answer: str | None) -> bool:
    if answer is None:
        return True
    text = _plain(answer)
    return not text or text in _UNSURE


def _plain(text: str) -> str:
    text = text.strip().strip("`").strip()
    text = re.sub(r"[.!]+$", "", text).strip()
    return " ".join(text.lower().split())


def _strip_lead(text: str, name: str | None, *, names: bool = True) -> str:
    """Drop "it will be", "total =", "I think" and the like from the front of an answer
    (``names=False``: keep "total =", it may be part of what a line prints)."""
    t = text.strip().strip("`").strip()
    t = re.sub(r"[.!]+$", "", t).strip()
    changed = True
    while changed:
        changed = False
        for lead in ("i think ", "i guess ", "maybe ", "probably ", "it will be ", "it'll be ", "it is ", "it's ",
                     "its ", "will be ", "it holds ", "it will hold ", "it gives back ", "it gives ", "it prints ",
                     "it will print ", "the answer is ", "answer: ", "= ", "equals "):
            if t.lower().startswith(lead):
                t = t[len(lead):].strip()
                changed = True
        m = re.match(r"^`?[A-Za-z_][\w.]*`?\s*=(?!=)\s*", t) if names else None
        if m and m.end() < len(t):
            t = t[m.end():].strip()
            changed = True
        if name and names:
            m = re.match(r"^`?" + re.escape(name) + r"`?\s*(?:=|is|will be|holds|will hold)\s*", t, re.IGNORECASE)
            if m and m.end() < len(t):
                t = t[m.end():].strip()
                changed = True
    return t


def _parse_literal(text: str) -> Any:
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _MISSING


def _numbers(text: str) -> list[float | int]:
    out: list[float | int] = []
    for m in _NUMBER.finditer(text):
        raw = m.group(0).replace("−", "-").replace(",", "").replace("_", "")
        try:
            out.append(int(raw) if re.fullmatch(r"[-+]?\d+", raw) else float(raw))
        except ValueError:
            continue
    return out


_FILLER = {
    "times", "time", "rounds", "round", "turns", "loops", "goes", "go", "about", "around", "maybe", "probably",
    "it", "will", "be", "is", "the", "number", "exactly", "just", "i", "think", "guess", "so", "hold", "holds",
    "gives", "back", "give", "prints", "print", "equals", "now", "then", "=", "->", "a", "an", "of", "value",
}


def _number_in(text: str) -> tuple[float | int | None, int]:
    """The number an answer says (digits or words) and how many decimals it had; None if the
    answer says more than a number (``big 1`` is not the number 1)."""
    plain = _plain(text)
    raw = _NUMBER.search(plain)
    if raw is not None:
        rest = (plain[: raw.start()] + " " + plain[raw.end():]).replace("×", " ").replace("x", " ")
        words = [w.strip(",;:!?()") for w in rest.split()]
        if any(w and w not in _FILLER for w in words):
            return None, 0
        nums = _numbers(raw.group(0))
        if not nums:
            return None, 0
        decimals = 0
        if "." in raw.group(0) and "e" not in raw.group(0).lower():
            decimals = len(raw.group(0).split(".")[1])
        return nums[0], decimals
    words = [w for w in plain.replace("-", " ").split() if w not in _FILLER or w == "a"]
    phrase = " ".join(words)
    if phrase in _WORDS:
        return _WORDS[phrase], 0
    words = [w for w in words if w not in _FILLER]
    if len(words) == 1 and words[0] in _WORDS:
        return _WORDS[words[0]], 0
    if len(words) == 2 and words[0] in _WORDS and words[1] in _WORDS and _WORDS[words[0]] >= 20 and _WORDS[words[1]] < 10:
        return _WORDS[words[0]] + _WORDS[words[1]], 0
    if len(words) == 2 and words[0] in ("minus", "negative") and words[1] in _WORDS:
        return -_WORDS[words[1]], 0
    return None, 0


def number_in(text: str) -> float | int | None:
    """The number an answer says, in digits or words (``twelve`` → 12); None if it says more."""
    return _number_in(text)[0]


def _close_numbers(said: float | int, real: float | int, decimals: int) -> bool:
    if said == real:
        return True
    if isinstance(real, float) and (math.isnan(real) or math.isinf(real)):
        return False
    if decimals > 0:
        return abs(float(said) - float(real)) <= 0.5 * 10 ** (-decimals) + 1e-12
    return math.isclose(float(said), float(real), rel_tol=1e-9, abs_tol=1e-12)


def _is_quoted(text: str) -> bool:
    t = text.strip()
    return len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"“”‘’"


def _unquote(text: str) -> str:
    t = text.strip()
    if len(t) >= 2 and t[0] in "'\"“‘" and t[-1] in "'\"”’":
        return t[1:-1]
    return t


def _same_text(said: str, real: str) -> Verdict:
    if said == real:
        return Verdict(True)
    if said.strip() == real.strip():
        return Verdict(True, "There are spaces at the start or end that are easy to miss.")
    squash = lambda s: " ".join(s.split())  # noqa: E731
    if squash(said) == squash(real):
        return Verdict(True, f"Look closely at the spaces: the computer has {real!r}.")
    if squash(said).lower() == squash(real).lower():
        return Verdict(True, f"Only the capitals are different: the computer has {real!r}.")
    if _small_slip(said, real):
        return Verdict(True, f"Nearly the same spelling: the computer has {real!r}.")
    return Verdict(False)


def _small_slip(said: str, real: str) -> bool:
    """The same text but for a small spelling slip in a longer word (``swmiming``/``swimming``):
    every mark, space-separated part and number the same, and the words nearly the same."""
    tokens = lambda s: re.findall(r"\d+|[^\W\d_]+|[^\w\s]", s.lower())  # noqa: E731
    a, b = tokens(said), tokens(real)
    if len(a) != len(b) or a == b:
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        if not (x.isalpha() and y.isalpha()) or not same_word(x, y) or x in _WORDS or y in _WORDS:
            return False
    return True


def _scalar(said_text: str, real: Any) -> Verdict:
    """Compare an answer (text) with one real value (a Python value)."""
    said_text = said_text.strip()
    plain = _plain(said_text)
    if real is None:
        return Verdict(plain in _NONE or plain == "none")
    if isinstance(real, bool):
        if plain in _YES:
            return Verdict(real is True)
        if plain in _NO:
            return Verdict(real is False)
        return Verdict(False)
    if isinstance(real, (int, float)):
        if _is_quoted(said_text):
            inner = _unquote(said_text)
            said, _ = _number_in(inner)
            if said is not None and said == real:
                return Verdict(False, f"The computer has the number {real!r}, not the text {said_text}.")
            return Verdict(False)
        said, decimals = _number_in(said_text)
        if said is None:
            return Verdict(False)
        if _close_numbers(said, real, decimals):
            if isinstance(real, float) and "." not in said_text and real == int(real):
                return Verdict(True, f"The computer writes it as {real!r}.")
            if decimals and said != real:
                return Verdict(True, f"The computer has {real!r}; you rounded it. Nice!")
            return Verdict(True)
        return Verdict(False)
    if isinstance(real, str):
        if _is_quoted(said_text):
            return _same_text(_unquote(said_text), real)
        verdict = _same_text(said_text, real)
        if verdict.agrees and _numbers(real) and re.fullmatch(r"\s*[-+]?[\d.]+\s*", real):
            return Verdict(True, f"Careful: the computer has {real!r} in quotes. That is text, not a number!")
        return verdict
    if isinstance(real, (list, tuple, set, frozenset)):
        return _sequence(said_text, real)
    if isinstance(real, dict):
        return _mapping(said_text, real)
    return _same_text(said_text, str(real))


def _split_items(text: str) -> list[str]:
    t = text.strip()
    if t[:1] in "[({" and t[-1:] in "])}":
        t = t[1:-1]
    if not t.strip():
        return []
    if "," not in t and " and " in t:
        t = t.replace(" and ", ",")
    if "," in t:
        items = [x.strip() for x in t.split(",")]
    else:
        items = t.split()
    if items and " and " in items[-1] and len(items[-1].split(" and ")) == 2:
        items[-1:] = [x.strip() for x in items[-1].split(" and ")]
    return [x for x in items if x]


def _sequence(said_text: str, real: Any) -> Verdict:
    plain = _plain(said_text)
    real_items = list(real)
    if not real_items:
        ok = plain in _NONE or plain in ("[]", "()", "{}", "set()", "an empty list", "empty list", "nothing in it")
        return Verdict(ok)
    parsed = _parse_literal(said_text)
    if isinstance(parsed, (list, tuple, set, frozenset)):
        said_items: list[Any] = list(parsed)
        said_texts = [repr(x) if isinstance(x, str) else str(x) for x in said_items]
    else:
        said_texts = _split_items(said_text)
    if isinstance(real, (set, frozenset)):
        remaining = list(real_items)
        for text in said_texts:
            for i, value in enumerate(remaining):
                if _scalar(text, value).agrees:
                    del remaining[i]
                    break
            else:
                return Verdict(False)
        return Verdict(not remaining)
    if len(said_texts) != len(real_items):
        return Verdict(False)
    notes = []
    for text, value in zip(said_texts, real_items):
        verdict = _scalar(text, value)
        if not verdict.agrees:
            return Verdict(False)
        if verdict.note and "text, not a number" in verdict.note:
            notes.append(verdict.note)
    return Verdict(True, notes[0] if notes else "")


def _mapping(said_text: str, real: dict[Any, Any]) -> Verdict:
    if not real:
        return Verdict(_plain(said_text) in _NONE or _plain(said_text) in ("{}", "an empty dictionary"))
    parsed = _parse_literal(said_text)
    pairs: list[tuple[str, str]] = []
    if isinstance(parsed, dict):
        pairs = [(repr(k) if isinstance(k, str) else str(k), repr(v) if isinstance(v, str) else str(v)) for k, v in parsed.items()]
    else:
        inner = said_text.strip()
        if inner[:1] == "{" and inner[-1:] == "}":
            inner = inner[1:-1]
        items = [inner] if "," not in inner and inner.count(":") == 1 else _split_items(said_text)
        for item in items:
            if ":" not in item:
                return Verdict(False)
            k, v = item.split(":", 1)
            pairs.append((k.strip(), v.strip()))
    if len(pairs) != len(real):
        return Verdict(False)
    for k_text, v_text in pairs:
        for key, value in real.items():
            if _scalar(k_text, key).agrees:
                if not _scalar(v_text, value).agrees:
                    return Verdict(False)
                break
        else:
            return Verdict(False)
    return Verdict(True)


def _loose(text: str) -> str:
    return re.sub(r"[\s'\"`]", "", text).lower()


def compare(answer: str | None, actual: str | None, what: str = VALUE, *, finished: bool = True,
            name: str | None = None, meaning: Meaning | None = None) -> Verdict:
    """Does the learner's ``answer`` match the ``actual`` value? (``None`` actual: the line gave nothing.)

    ``meaning`` (from ``tutor.duck.meaning``) lets the duck judge by meaning: a value that is what
    someone typed may be described ("the puppy's name"), and a print line's answer is lined up with
    its fixed text and gaps (marks and small spelling slips do not count).
    """
    if answer is None or is_unsure(answer):
        return Verdict(None)
    plain = _plain(answer)
    if actual is None:
        return Verdict(plain in _NEVER_RAN or any(w in plain for w in ("never run", "never happen", "won't run", "doesn't run")))
    said = _strip_lead(answer, name)
    if meaning is not None:
        verdict = _by_meaning(answer, said, actual, what, meaning)
        if verdict is None:
            verdict = compare(answer, actual, what, finished=finished, name=name)
        return _slip_in_program(verdict, answer, actual, meaning)
    if what in (COUNT, RUNS):
        return _count(said, actual, finished)
    if what == TRUTH:
        if plain in _YES or plain.startswith("yes"):
            return Verdict(actual == "True")
        if plain in _NO or plain.startswith("no"):
            return Verdict(actual == "False")
        return Verdict(False)
    if what == OUTPUT:
        real = actual[:-1] if actual.endswith("\n") else actual
        verdict = _same_text(said, real)
        if verdict.agrees:
            return verdict
        if _is_quoted(said):
            return _same_text(_unquote(said), real)
        # print(a, b) with the learner writing it in Python's way: "Hi", name
        return Verdict(False)
    # VALUE or GIVES: ``actual`` is Python's way of writing the value
    real = _parse_literal(actual)
    if real is _MISSING:
        if actual.endswith("..."):
            prefix = _loose(actual[:-3])
            return Verdict(bool(prefix) and _loose(said).startswith(prefix))
        return Verdict(_loose(said) == _loose(actual))
    return _scalar(said, real)


def _slip_in_program(verdict: Verdict, answer: str, actual: str, meaning: Meaning) -> Verdict:
    """A forgiven spelling slip is a real difference when the program itself writes the child's
    spelling somewhere (``shirts["Cleo"]`` beside ``"Cloe": 1``): that is the bug, not a slip."""
    if not verdict.agrees or not meaning.program_words or not verdict.note.startswith("Nearly"):
        return verdict
    real = set(words(actual))
    differing = [w for w in words(answer) if w not in real and not w.isdigit()]
    if any(w in meaning.program_words for w in differing):
        return Verdict(False)
    return verdict


def _by_meaning(answer: str, said: str, actual: str, what: str, meaning: Meaning) -> Verdict | None:
    """A verdict by meaning, or None to compare the plain way."""
    if what == OUTPUT and meaning.pieces:
        candidates = dict.fromkeys((said, _strip_lead(answer, None, names=False), answer.strip()))
        for text in candidates:
            plain = _compare_plain(text, actual, what)
            if plain.agrees:
                return plain
        real = actual[:-1] if actual.endswith("\n") else actual
        lined = None
        for text in candidates:  # "Score = 120" may be what it prints
            text = _unquote(text) if _is_quoted(text) else text
            lined = match_output(text, real, meaning.pieces)
            if lined is None or lined.agrees:
                break
        if lined is None:
            return None
        if not lined.agrees:
            return Verdict(False)
        shown = real if len(real) <= 60 else real[:57] + "…"
        if lined.described:
            return Verdict(True, f"Yes! This time, with what the duck typed, it printed: {shown}")
        said_words, real_words_ = words(text), words(real)
        if said_words == real_words_:
            return Verdict(True, f"The same words! Look closely at the marks and capitals: it printed {shown}")
        if len(said_words) == len(real_words_) and all(
                a == b or (same_word(a, b) and (a.isdigit() or b.isdigit())) for a, b in zip(said_words, real_words_)):
            return Verdict(True, f"Yes! The computer writes numbers with digits: it printed {shown}")
        return Verdict(True, f"Nearly word for word: it printed {shown}")
    if what == VALUE and meaning.typed_words is not None:
        plain = _compare_plain(said, actual, what)
        if plain.agrees:
            return plain
        if describes(words(said), meaning.typed_words):
            return Verdict(True, f"Yes! It holds what was typed. This time the duck typed {actual}.")
        real_value = _parse_literal(actual)
        if isinstance(real_value, str) and not _is_quoted(said) and _slipped(said, real_value):
            return Verdict(True, f"Nearly the same spelling: the duck typed {actual}.")
    return None


def _slipped(said: str, real: str) -> bool:
    """The same words as ``real`` but for small spelling slips (``biscit`` for ``Biscuit``)."""
    a, b = words(said), words(real)
    return bool(b) and len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b))


def _compare_plain(said: str, actual: str, what: str) -> Verdict:
    if what == OUTPUT:
        real = actual[:-1] if actual.endswith("\n") else actual
        verdict = _same_text(said, real)
        if not verdict.agrees and _is_quoted(said):
            verdict = _same_text(_unquote(said), real)
        return verdict
    real_value = _parse_literal(actual)
    if real_value is _MISSING:
        return Verdict(_loose(said) == _loose(actual))
    return _scalar(said, real_value)


def _count(said: str, actual: str, finished: bool) -> Verdict:
    plain = _plain(said)
    forever = any(word in plain for word in _FOREVER)
    try:
        rounds = int(actual.rstrip("+"))
    except ValueError:
        return Verdict(False)
    if not finished:
        if forever:
            return Verdict(True)
        return Verdict(False)
    if forever:
        return Verdict(False)
    if rounds == 0 and (plain in _ZERO_COUNT or plain.startswith("never") or plain.startswith("not")):
        return Verdict(True)
    number, _ = _number_in(plain)
    if number is None:
        return Verdict(False)
    return Verdict(number == rounds)



__all__ = ["Verdict", "compare", "is_unsure", "COUNT", "GIVES", "OUTPUT", "RUNS", "TRUTH", "VALUE"]
