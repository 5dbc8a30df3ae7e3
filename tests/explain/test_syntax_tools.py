"""The shared machinery of the syntax diagnosers: the forgiving tokenizer, the judge, the ranking,
and what happens when no known slip fits."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "syntax_cases"))

from syntax_helpers import context_for, syntax_hints, write_program  # noqa: E402

from tutor.explain.diagnosers import _syntax_tools as tools  # noqa: E402
from tutor.explain.diagnosers.syntax_brackets import balance_line  # noqa: E402
from tutor.explain.diagnosers.syntax_chars import clean_line  # noqa: E402
from tutor.explain.registry import all_diagnosers  # noqa: E402
from tutor.explain.words import check_voice  # noqa: E402


def test_scan_finds_unclosed_mismatched_and_extra_brackets():
    scan = tools.Scan('a = [1, 2\nb = {"x": (1]\nc = 3)\n')
    assert [(t.text, t.line) for t in scan.unclosed] == [("[", 1)]
    # the ']' closes the '(' (wrong shape); then the ')' on line 3 closes the '{' (wrong shape)
    assert [(o.text, c.text, c.line) for o, c in scan.mismatched] == [("(", "]", 2), ("{", ")", 3)]
    assert scan.extra == []
    scan = tools.Scan('print("hi"))\n')
    assert [(t.text, t.line, t.col) for t in scan.extra] == [(")", 1, 11)]


def test_scan_ignores_brackets_and_hashes_inside_text():
    scan = tools.Scan('print("(# not a bracket")  # (nor this\nx = """\n(\n"""\n')
    assert scan.unclosed == [] and scan.extra == [] and scan.mismatched == []
    assert 3 in scan.continuation and 4 in scan.continuation


def test_scan_marks_text_that_never_ends():
    scan = tools.Scan("print('It's me')\n")
    assert [(t.line, t.col, t.quote) for t in scan.bad_strings] == [(1, 14, "'")]


def test_scan_continuation_lines_inside_brackets():
    scan = tools.Scan("total = (1 +\n    2)\nprint(total)\n")
    assert scan.continuation == {2}
    assert scan.logical_start(2) == 1 and scan.logical_end(1) == 2


def test_first_problem_is_none_for_good_programs_and_a_line_for_bad_ones():
    assert tools.first_problem("print('hi')\n") is None
    problem = tools.first_problem("if x\n    pass\n")
    assert problem is not None and problem.line == 1 and problem.type == "SyntaxError"
    assert tools.first_problem("x = 1\n\0\n") is not None  # null bytes never raise from here


def test_clean_line_keeps_fancy_characters_inside_text():
    assert clean_line("print(“It’s”)")[0] == 'print("It’s")'
    assert clean_line("x = 5 – 2  # 5 – 2")[0] == "x = 5 - 2  # 5 – 2"
    assert clean_line('print("a – b")') == ('print("a – b")', [])
    assert clean_line("print(‘I said \"hi\"’)")[0] == "print('I said \"hi\"')"


def test_balance_line_pairs_brackets_inside_out():
    a = tools.Analysis("print(len([1, 2, 3)\n")
    assert balance_line(a, 1) == "print(len([1, 2, 3]))"
    a = tools.Analysis("if (len(name) > 3:\n    pass\n")
    assert balance_line(a, 1) == "if (len(name) > 3):"


def test_short_change_cuts_long_lines_around_the_edit():
    old = 'print("This is a very long line of text that goes on and on", score'
    new = old + ")"
    before, after = tools.short_change(old, new, limit=30)
    assert after.endswith("score)") and before.endswith("score")
    assert len(after) < len(new)


def test_encouragement_is_the_same_on_every_run():
    assert tools.encourage("abc") == tools.encourage("abc")
    assert tools.encourage("abc") in tools.ENCOURAGE


def test_every_syntax_diagnoser_is_registered_with_the_same_priority():
    ids = {d.id: d for d in all_diagnosers() if d.id.startswith("syntax-")}
    assert {"syntax-missing-colon", "syntax-unclosed-bracket", "syntax-indentation",
            "syntax-pasted-characters", "syntax-unknown"} <= set(ids)
    for diag in ids.values():
        assert diag.errors == ("SyntaxError",)
        assert diag.priority in (tools.PRIORITY, tools.PRIORITY + 1)


def test_no_syntax_hint_when_the_syntax_error_comes_from_running_code(tmp_path):
    source = 'answer = eval("1 +")\nprint(answer)\n'
    path = write_program(tmp_path, source)
    ctx = context_for(path, source)
    assert ctx.error is not None and ctx.error.type == "SyntaxError"
    assert syntax_hints(ctx) == []


def test_unknown_slip_gets_a_kind_hint_on_the_line_python_named(tmp_path):
    source = "x = 1\ny = x +* 2\nprint(y)\n"
    path = write_program(tmp_path, source)
    ctx = context_for(path, source)
    (hint,) = syntax_hints(ctx)
    assert hint.diagnoser == "syntax-unknown"
    assert hint.line == 2 and hint.fix is None
    assert check_voice(hint.title) == []


def test_only_the_best_family_answers(tmp_path):
    # both a colon and a comma edit could be imagined here; only one hint must come back
    source = 'colours = ["red" "blue"]\nif len(colours) > 1\n    print("two")\n'
    path = write_program(tmp_path, source)
    ctx = context_for(path, source)
    hints = syntax_hints(ctx)
    assert [h.diagnoser for h in hints] == ["syntax-missing-colon"]
    assert hints[0].line == 2


def test_a_later_second_slip_does_not_hide_the_first(tmp_path):
    source = 'x = 3\nif x > 2\n    print("yes")\nprint("a"\n'
    path = write_program(tmp_path, source)
    ctx = context_for(path, source)
    (hint,) = syntax_hints(ctx)
    assert hint.diagnoser == "syntax-missing-colon" and hint.line == 2
    assert hint.notes.get("parses_after_fix") is False
    assert hint.confidence < 0.9
