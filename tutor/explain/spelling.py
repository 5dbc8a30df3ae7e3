"""Close-name matching: is ``scroe`` really ``score``? Used by the names, attributes, imports and
keyword diagnosers (and free for any other diagnoser to import).

A child's slips are mostly: one letter wrong, missing or extra; two letters swapped; the wrong
capitals (``Print``, ``true``); a missing or extra underscore. ``distance`` counts each of those as
one edit (Damerau-Levenshtein, optimal string alignment); capitals-only differences rank first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Edits (insert, delete, change, swap two neighbours) to turn ``a`` into ``b``.

    With ``limit``, stops early and returns ``limit + 1`` once the distance is surely larger.
    """
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if limit is not None and abs(la - lb) > limit:
        return limit + 1
    if not la:
        return lb
    if not lb:
        return la
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        best = cur[0]
        ca = a[i - 1]
        for j in range(1, lb + 1):
            cb = b[j - 1]
            cost = 0 if ca == cb else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            if value < best:
                best = value
        if limit is not None and best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[lb]


def is_swap(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def max_edits(word: str) -> int:
    """How many slips a word of this length may hold and still count as "close"."""
    n = len(word)
    if n <= 2:
        return 0  # too short to guess from: "x" vs "y" are different names
    if n <= 4:
        return 1
    if n <= 9:
        return 2
    return 3


@dataclass(frozen=True)
class Match:
    name: str
    distance: int
    kind: str  # "capitals", "swap", "underscore", "typo"

    def describe(self) -> str:
        return {
            "capitals": "the capital letters are different",
            "swap": "two letters are swapped",
            "underscore": "an underscore is missing or extra",
        }.get(self.kind, "the spelling is a little different")


def _kind(word: str, name: str) -> str:
    if word.lower() == name.lower():
        return "capitals"
    if is_swap(word, name) or is_swap(word.lower(), name.lower()):
        return "swap"
    if word.replace("_", "").lower() == name.replace("_", "").lower():
        return "underscore"
    return "typo"


def close_matches(word: str, candidates: Iterable[str], *, limit: int | None = None) -> list[Match]:
    """Candidates close to ``word``, best first. Capitals-only and swap differences rank first."""
    if not word:
        return []
    allowed = max_edits(word) if limit is None else limit
    matches: list[Match] = []
    seen: set[str] = set()
    lower = word.lower()
    for name in candidates:
        if not name or name == word or name in seen:
            continue
        seen.add(name)
        if lower == name.lower():
            matches.append(Match(name, 0, "capitals"))
            continue
        if word.replace("_", "").lower() == name.replace("_", "").lower():
            matches.append(Match(name, 1, "underscore"))
            continue
        # Case-insensitive distance: "Randint" vs "randint" is close, whatever the capitals.
        d = distance(lower, name.lower(), allowed)
        if d <= allowed and (d < len(name) // 2 + 1 or d <= 1):
            matches.append(Match(name, d, _kind(word, name)))
    order = {"capitals": 0, "underscore": 1, "swap": 1, "typo": 2}
    # Ties: prefer a candidate sharing the first letter, then the same length, then by name.
    matches.sort(
        key=lambda m: (
            m.distance,
            order[m.kind],
            m.name[:1].lower() != lower[:1],
            abs(len(m.name) - len(word)),
            m.name,
        )
    )
    return matches


def closest(word: str, candidates: Iterable[str], *, limit: int | None = None) -> str | None:
    """The one best close candidate, or None when nothing is close enough."""
    found = close_matches(word, candidates, limit=limit)
    return found[0].name if found else None
