"""The clue ladder is honestly graded: level 1 names the line and the KIND of slip, never the
change itself. "Did you mean `name`?", "write `if`, not `If`" and "a comma `,` after `2`" are
last-level texts.

Every diagnoser is asked directly on the voice samples, the syntax cases and the shared corpus (as
in test_voice); each hint with a fix is graded exactly as the engine grades the hint it shows
(``ladder.grade``), and its first level must not give the fix away (``words.reveals_change``).
The search's kinds are checked in test_search.py.
"""

from __future__ import annotations

import copy
from collections import defaultdict

import pytest

from tutor.explain.context import Context
from tutor.explain.hint import Fix, Hint
from tutor.explain.ladder import NUDGES, grade
from tutor.explain.registry import all_diagnosers, diagnosers_for
from tutor.explain.words import check_voice, reveals_change
from tutor.run import Limits, run_program

import test_voice as voice  # noqa: E402  (tests/explain is on sys.path: see conftest.py)


@pytest.fixture(scope="module")
def fixes_given(tmp_path_factory) -> dict[str, list[tuple[Hint, str]]]:
    """diagnoser id -> (hint, source) for every hint with a fix it gave on the samples."""
    found: dict[str, list[tuple[Hint, str]]] = defaultdict(list)
    folder = tmp_path_factory.mktemp("ladder")
    for i, (source, stdin, expected) in enumerate(voice.SAMPLES + voice._syntax_samples() + voice._corpus_samples()):
        sub = folder / f"s{i}"
        sub.mkdir()
        path = sub / "prog.py"
        path.write_text(source, encoding="utf-8")
        limits = Limits(timeout=1.0)
        result = run_program(path, stdin=stdin, limits=limits, record_output_lines=expected is not None)
        ctx = Context(path=str(path), source=source, result=result, stdin=stdin, expected_output=expected, limits=limits)
        ctx.extra["verify"] = False
        for diag in diagnosers_for(ctx):
            try:
                given = diag.func(ctx)
            except Exception:
                continue  # test_voice reports crashes
            for h in [given] if isinstance(given, Hint) else list(given or []):
                if h.all_fixes():
                    h.diagnoser = h.diagnoser or diag.id
                    found[diag.id].append((h, source))
    return found


IDS = sorted({d.id for d in all_diagnosers()})


@pytest.mark.parametrize("diagnoser_id", IDS)
def test_level_one_never_gives_the_fix_away(fixes_given, diagnoser_id):
    given = fixes_given.get(diagnoser_id, [])
    if not given:
        pytest.skip(f"no sample makes {diagnoser_id} propose a fix")
    for original, source in given:
        for fix in original.all_fixes():
            h = copy.deepcopy(original)
            h.fix, h.candidates = fix, []
            grade(h, source)
            assert reveals_change(h.levels[0], fix, source) is None, (diagnoser_id, h.levels[0], fix)
            assert reveals_change(h.title, fix, source) is None, (diagnoser_id, h.title)
            assert not check_voice(h.levels[0]), (h.levels[0], check_voice(h.levels[0]))
            if h.notes.get("graded"):
                # the diagnoser's own words are kept, one level before (or with) the exact change
                assert original.levels[0] in h.levels[-1]


def test_every_nudge_speaks_in_the_tutors_voice():
    for diagnoser_id, text in NUDGES.items():
        assert not check_voice(f"Line 4: {text}"), (diagnoser_id, check_voice(f"Line 4: {text}"))
        assert "did you mean" not in text.lower()


def test_reveals_change_spots_the_classic_giveaways():
    source = "If x > 3\n    print(scroe)\n"
    assert reveals_change("Line 1: write `if`, not `If`.", Fix.replace_line(1, "if x > 3:"), source)
    assert reveals_change("Line 2: Did you mean score?", Fix.replace_line(2, "    print(score)"), source)
    assert reveals_change("Line 1: a colon is missing at the end.", Fix.replace_line(1, "If x > 3:"), source)
    assert reveals_change("Line 1: one small mark is missing at the end of this line.", Fix.replace_line(1, "If x > 3:"), source) is None
    assert reveals_change("Line 2: a name here is spelled differently.", Fix.replace_line(2, "    print(score)"), source) is None


def test_grading_moves_the_giveaway_to_the_last_level():
    source = "x = 1\nIf x > 3:\n    print(x)\n"
    fix = Fix.replace_line(2, "if x > 3:")
    h = Hint("syntax-capitalised-keyword", 2, "Line 2: write `if`, not `If`.",
             ["Line 2: write `if`, not `If`.", "Python's own words use small letters.", "Change line 2 to `if x > 3:`."], fix=fix)
    grade(h, source)
    assert h.levels[0] == h.title and "capital" in h.title and "`if`" not in h.title
    assert h.levels[1] == "Python's own words use small letters."
    assert h.levels[-1].startswith("Line 2: write `if`, not `If`.") and "if x > 3:" in h.levels[-1]
