"""The parents' report model: numbers from a scripted session, tolerant reading, suggestions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_session import HOSTILE, TITLES, event, scripted_session, write_events  # noqa: E402

from tutor.progress import ProgressStore, SessionLog, create_profile  # noqa: E402
from tutor.progress.report import (  # noqa: E402
    FIXED_ALONE,
    NOT_YET,
    WITH_CLUES,
    build_report,
    format_duration,
    md_escape,
    render_markdown,
    render_text,
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def report(home: Path):
    scripted_session(home)
    return build_report("Ada", home, titles=TITLES)


def by_id(report, ex_id):
    return next(x for x in report.exercises if x.id == ex_id)


def test_totals_from_a_scripted_session(report):
    t = report.totals
    assert t["sessions"] == 2
    assert t["runs"] == 4 and t["checks"] == 7 and t["clues"] == 2
    assert t["exercises_tried"] == 3 and t["exercises_solved"] == 2 and t["fixed_alone"] == 1
    assert t["tries"] == 7
    assert t["duck_answers"] == 2
    # Each different mistake once: NameError (its run and its check are one mistake), TypeError,
    # the loop's timeout (run + two checks of the same code: one), the wrong output, the timeout
    # again on day 2 (after the wrong output: a new mistake), IndexError.
    assert t["errors"] == 6


def test_the_same_mistake_run_again_counts_once_and_unchanged_code_is_no_new_try(home):
    events = [event(1, "session-start")]
    for minute in range(2, 9):  # one missing colon, run seven times without a change
        events.append(event(minute, "run", exercise_id="pet-name", outcome="error", error_type="SyntaxError",
                            line=3, changed=minute == 2))
        events.append(event(minute, "check", exercise_id="pet-name", passed=False, outcome="error",
                            error_type="SyntaxError", hint_diagnoser="missing-colon", changed=minute == 2))
    events.append(event(10, "check", exercise_id="pet-name", passed=True, outcome="ok", changed=True))
    events.append(event(11, "check", exercise_id="pet-name", passed=False, outcome="error",
                        error_type="SyntaxError", changed=True))  # a new slip after it worked
    write_events(home, "Ada", events)
    t = build_report("Ada", home, titles=TITLES).totals
    assert t["errors"] == 2
    assert t["tries"] == 3 and t["runs"] == 7
    text = render_text(build_report("Ada", home, titles=TITLES))
    assert "A try is a run of changed code" in text and "each different mistake once" in text


def test_time_spent_leaves_out_idle_gaps(report):
    # s1: 0..10 min, then 30 min away (not counted), then 40..44; s2: 0..5
    assert report.seconds == pytest.approx((10 + 4 + 5) * 60)
    s1, s2 = report.sessions
    assert (s1.id, s2.id) == ("s1", "s2")
    assert s1.seconds == pytest.approx(14 * 60) and s2.seconds == pytest.approx(5 * 60)
    assert s1.start.startswith("2026-11-28T16:00") and s1.end.startswith("2026-11-28T16:44")
    assert (s1.runs, s1.checks, s1.clues, s1.solved) == (2, 7, 2, 1)
    assert format_duration(report.seconds) == "19 minutes"


def test_per_exercise_numbers(report):
    pet, age, loop = by_id(report, "pet-name"), by_id(report, "age-next-year"), by_id(report, "loop-forever")
    assert (pet.tries, pet.clues_used, pet.solved, pet.status) == (2, 0, True, FIXED_ALONE)
    assert (age.tries, age.clues_used, age.solved, age.status) == (2, 2, True, WITH_CLUES)
    assert (loop.tries, loop.clues_used, loop.solved, loop.status) == (3, 0, False, NOT_YET)
    assert pet.title == "The pet's name"
    assert pet.errors == {"NameError": 1}  # its run and its check: one mistake
    assert loop.errors == {"timeout": 2, "wrong-output": 1}
    # time per exercise: the gaps before each event about it (idle gaps left out)
    assert pet.seconds == pytest.approx(3.1 * 60)
    assert age.seconds == pytest.approx((10 - 3.1) * 60)
    assert loop.seconds == pytest.approx((4 + 2) * 60)  # 40..44 in s1, 0..2 in s2


def test_errors_by_kind_in_plain_words(report):
    kinds = {k.key: k for k in report.errors}
    assert set(kinds) == {"NameError", "TypeError", "timeout", "wrong-output", "IndexError"}
    assert [k.key for k in report.errors][0] == "timeout"  # the most common first
    assert kinds["timeout"].count == 2 and kinds["NameError"].count == 1
    assert "spelled" in kinds["NameError"].plain
    assert kinds["TypeError"].details == [{
        "diagnoser": "input-not-converted",
        "plain": "Something typed in was used as a number without being turned into one with int() first.",
        "count": 1}]
    assert kinds["timeout"].exercises == ["loop-forever"]
    for k in report.errors:  # parents' words: no jargon left unexplained, never empty
        assert k.name and k.plain and k.talk
        assert "traceback" not in k.plain.lower() and "exception" not in k.plain.lower()


def test_duck_explanations_are_kept_word_for_word(report):
    assert [d.answer for d in report.duck] == [HOSTILE, "It adds one to my age\nand prints it"]
    first = report.duck[0]
    assert (first.file, first.line, first.step_kind, first.agrees, first.actual) == ("age.py", 1, "predict", False, "'9'")
    assert first.code == "age = input('How old? ')"


def test_three_suggestions_from_the_data(report):
    assert len(report.suggestions) == 3
    cats = [s.category for s in report.suggestions]
    assert cats[0] == "duck-mismatch"  # a wrong prediction is the best thing to talk about
    assert "line 1" in report.suggestions[0].topic
    assert "stuck" in cats  # three tries at loop-forever, not solved
    assert "Countdown" in next(s for s in report.suggestions if s.category == "stuck").topic
    assert "error-timeout" in cats
    assert len(set(cats)) == 3


def test_unknown_kinds_and_torn_lines_are_tolerated(report):
    assert report.skipped_lines == 1
    assert any("damaged line" in p for p in report.problems)


def test_json_is_serialisable_and_complete(report):
    data = json.loads(json.dumps(report.to_json()))
    assert data["profile"] == "Ada"
    assert data["time_spent_seconds"] == 1140.0
    assert {e["id"]: e["status"] for e in data["exercises"]} == {
        "pet-name": "fixed alone", "age-next-year": "with clues", "loop-forever": "not solved yet"}
    assert data["duck"][0]["answer"] == HOSTILE
    assert len(data["suggestions"]) == 3
    assert data["settings"]["has_parent_code"] is False


def test_a_profile_with_nothing_yet(home):
    create_profile("Sam", home)
    report = build_report("Sam", home, titles={})
    assert report.empty and report.seconds == 0
    assert report.totals["tries"] == 0 and report.totals["sessions"] == 0
    assert len(report.suggestions) == 3
    text = render_text(report)
    assert "Nothing yet" in text and "What to talk about next" in text


def test_events_written_by_the_real_log_and_store(home):
    """The way the app and `tutor check` record things, read back by the report."""
    create_profile("Ada", home)
    log = SessionLog("Ada", home, session="live")
    store = ProgressStore("Ada", home)
    log.append("session-start", via="app")
    log.append("check", exercise_id="ex-a", passed=False, outcome="error", error_type="SyntaxError",
               hint_diagnoser="missing-colon", hint_line=2)
    store.record_try("ex-a", False)
    log.append("clue", exercise_id="ex-a", level=1, diagnoser="missing-colon")
    store.record_clue("ex-a", 1)
    log.append("fix-applied", exercise_id="ex-a", diagnoser="missing-colon")
    log.append("check", exercise_id="ex-a", passed=True, outcome="ok")
    store.record_try("ex-a", True)
    log.append("solved", exercise_id="ex-a", tries=2, clues_used=1)
    log.append("session-end")
    report = build_report("Ada", home, titles={})
    line = by_id(report, "ex-a")
    assert (line.tries, line.clues_used, line.fixes_applied, line.status) == (2, 1, 1, WITH_CLUES)
    assert report.totals["fixes_applied"] == 1
    assert report.errors[0].key == "SyntaxError"
    assert "colon" in report.errors[0].details[0]["plain"]
    assert len(report.sessions) == 1 and report.sessions[0].id == "live"
    assert report.seconds < 60
    assert line.title == "Ex a"  # no title known: made from the id


def test_older_field_names_are_understood(home):
    """`tutor check` once wrote exercise/error/hint: the report reads those too."""
    write_events(home, "Ada", [
        event(0, "check", exercise="old-one", passed=False, outcome="error", error="NameError", hint="name-typo"),
        event(1, "check", exercise="old-one", passed=False, outcome="error",
              error={"type": "NameError", "message": "x"}, hint={"diagnoser": "name-capitals"}),
        event(2, "check", exercise="old-one", passed=True, outcome="ok"),
    ])
    report = build_report("Ada", home, titles={})
    line = by_id(report, "old-one")
    assert (line.tries, line.solved, line.status) == (3, True, FIXED_ALONE)
    assert [d["diagnoser"] for d in report.errors[0].details] == ["name-typo", "name-capitals"]


def test_strange_events_never_break_the_report(home):
    weird = [
        {"kind": "run"},  # no time, no session, nothing
        {"kind": 5, "time": "yesterday"},
        {"time": "2026-11-28T16:00:00+00:00"},
        ["not", "an", "object"],
        event(1, "check", exercise_id=None, passed="yes", outcome=7, error_type=["x"]),
        event(2, "clue", exercise_id="ex", level="three"),
        event(3, "clue", exercise_id="ex", level=-4),
        event(4, "solved", exercise_id="ex", tries="many", clues_used=None),
        event(5, "duck", answer=12345, question=None, line="x", agrees="maybe", actual={"a": 1}),
        event(6, "duck", answer="   "),  # an empty answer is not an explanation
        event(7, "run", time="not a time", exercise_id="ex", outcome="timeout", seconds=float("nan")),
        {"kind": "check", "time": "2026-11-28T16:08:00", "session": 3, "exercise_id": "ex", "passed": True},
    ]
    report = build_report("Ada", Path("/nonexistent/for/sure"), titles={}, events=weird)
    line = by_id(report, "ex")
    assert line.solved and line.clues_used == 1
    assert [d.answer for d in report.duck] == ["12345"]
    json.dumps(report.to_json())
    render_text(report)
    render_markdown(report)


def test_a_damaged_progress_file_is_reported_and_the_log_still_counts(home):
    scripted_session(home)
    store_file = home / "profiles" / "ada" / "progress.json"
    store_file.write_text("{ not json", encoding="utf-8")
    report = build_report("Ada", home, titles=TITLES)
    assert any("progress" in p for p in report.problems)
    # the log alone still gives the numbers
    assert by_id(report, "pet-name").tries == 2
    assert by_id(report, "pet-name").status == FIXED_ALONE
    assert by_id(report, "age-next-year").clues_used == 2
    assert by_id(report, "age-next-year").status == WITH_CLUES


def test_a_clue_after_solving_does_not_undo_fixed_alone(home):
    write_events(home, "Ada", [
        event(0, "check", exercise_id="ex", passed=True, outcome="ok"),
        event(1, "clue", exercise_id="ex", level=1),
    ])
    assert by_id(build_report("Ada", home, titles={}), "ex").status == FIXED_ALONE


def test_the_tutors_fix_means_with_help(home):
    write_events(home, "Ada", [
        event(0, "check", exercise_id="ex", passed=False, outcome="error", error_type="NameError"),
        event(1, "fix-applied", exercise_id="ex", diagnoser="name-typo"),
        event(2, "check", exercise_id="ex", passed=True, outcome="ok"),
    ])
    assert by_id(build_report("Ada", home, titles={}), "ex").status == WITH_CLUES


def test_suggestions_celebrate_and_ask_for_the_duck(home):
    write_events(home, "Ada", [
        event(0, "run", exercise_id="ex", outcome="error", error_type="NameError"),
        event(0.5, "run", exercise_id="ex", outcome="error", error_type="TypeError"),
        event(1, "run", exercise_id="ex", outcome="error", error_type="NameError"),  # a new slip
        event(2, "check", exercise_id="ex", passed=True, outcome="ok"),
    ])
    cats = [s.category for s in build_report("Ada", home, titles={}).suggestions]
    assert cats == ["error-NameError", "fixed-alone", "be-the-duck"]


def test_text_rendering(report):
    text = render_text(report)
    for words in ("Report for Ada", "19 minutes", "The pet's name", "fixed alone", "with clues",
                  "not solved yet", "A program that never stopped", "What to talk about next",
                  "Solutions are never revealed."):
        assert words in text
    assert HOSTILE in text  # verbatim
    assert "It adds one to my age\n" in text and "and prints it" in text
    assert "\x1b[" not in text


def test_errors_met_per_exercise_keep_their_capitals(report):
    # "A name Python did not know" -> "a name Python did not know", never "a name python ...".
    text = render_text(report)
    met = [line for line in text.splitlines() if line.strip().startswith("met:")]
    assert met and any("Python" in line for line in met)
    assert not any("python" in line for line in met)


def test_markdown_escapes_the_childs_words(report):
    md = render_markdown(report)
    assert "<script>" not in md and "[link](http" not in md
    assert md_escape("a [b](c) <d> *e*") == r"a \[b\]\(c\) \<d\> \*e\*"


def test_one_off_commands_join_the_sitting_they_belong_to(home):
    """Each `tutor check` is its own short run of the tutor (its own session id, no session-start):
    checks a few minutes apart are one sitting; an app session is always a session of its own."""
    write_events(home, "Ada", [
        event(0, "check", session="cli-1", exercise_id="ex", passed=False, outcome="error", error_type="NameError",
              via="cli"),
        event(3, "check", session="cli-2", exercise_id="ex", passed=False, outcome="error", error_type="NameError",
              via="cli"),
        event(5, "check", session="cli-3", exercise_id="ex", passed=True, outcome="ok", via="cli"),
        event(6, "session-start", session="app-1", via="app"),  # the app, opened just after
        event(8, "run", session="app-1", exercise_id="ex", outcome="ok"),
        event(9, "check", session="cli-4", exercise_id="ex", passed=True, outcome="ok", via="cli"),  # joins app-1
        event(60, "check", session="cli-5", exercise_id="ex", passed=True, outcome="ok", via="cli"),  # much later
    ])
    report = build_report("Ada", home, titles={})
    assert [(s.id, s.checks, s.runs) for s in report.sessions] == [("cli-1", 3, 0), ("app-1", 1, 1), ("cli-5", 1, 0)]
    assert [s.seconds for s in report.sessions] == [5 * 60, 3 * 60, 0]
    assert report.seconds == 8 * 60


def test_duck_steps_said_out_loud_or_not_sure(home):
    """Parent-as-duck: the child explains out loud (no typed words) or is not sure."""
    write_events(home, "Ada", [
        event(0, "duck", path="/k/a.py", line=2, code="total = total + n", step_kind="explain", question="q",
              answer=None, how="explained", via="app"),
        event(1, "duck", path="/k/a.py", line=3, code="print(totl)", step_kind="explain", question="q2",
              answer=None, how="not_sure", via="app"),
        event(2, "duck", path="/k/a.py", line=4, step_kind="predict", question="q3", answer=None, how="skipped"),
    ])
    report = build_report("Ada", home, titles={})
    assert [(d.line, d.how, d.answer, d.words) for d in report.duck] == [
        (2, "explained", None, "(explained it out loud)"), (3, "not_sure", None, "(not sure yet)")]
    t = report.totals
    assert (t["duck_answers"], t["duck_out_loud"], t["duck_not_sure"]) == (2, 1, 1)
    first = report.suggestions[0]
    assert first.category == "duck-not-sure" and "line 3" in first.topic and "print(totl)" in first.why
    assert "(not sure yet)" in render_text(report)
    assert "not sure yet" in render_markdown(report)


def test_the_parents_guide(monkeypatch, tmp_path):
    from tutor.progress import guide, guide_text

    text = guide_text()
    for words in ("How to be the duck", "It's not working!", "Check the instructions", "Try, try and try again",
                  "Small changes make a big difference", "Say it out loud", "How to write an exercise",
                  "[[checks]]"):
        assert words in text
    # no copy of the guide to be found: a short guide, never an error
    monkeypatch.setattr(guide, "guide_paths", lambda: [tmp_path / "missing.md"])
    assert guide_text() == guide.FALLBACK and "four debugging habits" in guide_text()


def test_the_guides_example_exercise_loads(tmp_path):
    """The example in the guide is a real exercise: it loads, its starter fails and its solution passes."""
    import re

    from tutor.exercises import check_program, load_file
    from tutor.progress import guide_text

    toml = re.search(r"```toml\n(.*?)```", guide_text(), re.S).group(1)
    path = tmp_path / "hungry-hamster.toml"
    path.write_text(toml, encoding="utf-8")
    exercise, problems = load_file(path)
    assert exercise is not None and problems == []
    assert not check_program(exercise, exercise.starter).passed
    assert check_program(exercise, exercise.solution).passed


def test_record_for_one_off_commands(home, monkeypatch):
    from tutor.progress import set_last_profile
    from tutor.progress.events import record

    assert record("run", home=home, outcome="ok") is False  # nobody yet
    set_last_profile("Ada", home)
    # Not the last profile used: a grown-up trying a command adds nothing to a child's report.
    assert record("run", home=home, outcome="error", error_type="TypeError", via="cli") is False
    assert record("run", profile="Ada", home=home, exercise_id=None, path="/k/x.py", outcome="error",
                  error_type="NameError", line=1, seconds=0.1, via="cli")
    monkeypatch.setenv("TUTOR_PROFILE", "Sam")
    assert record("run", home=home, outcome="ok", via="cli")
    assert record("run", profile="Not a name 42", home=home) is False
    assert [e["kind"] for e in SessionLog("Ada", home).events()] == ["run"]
    assert [e["outcome"] for e in SessionLog("Sam", home).events()] == ["ok"]
    assert build_report("Ada", home, titles={}).errors[0].key == "NameError"


def test_the_checkers_tests_hint_has_plain_words():
    from tutor.progress.plain_words import diagnoser_words

    words = diagnoser_words("tests-failed")
    assert words and "tests failed" not in words and "function" in words
