"""`tutor exercises` and `tutor check` as shared/contracts/cli.md describes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tutor import exercises as ex_mod
from tutor.exercises import loading as ex_loading
from tutor.exercises import checking as ex_checking
from tutor.cli import main
from tutor.progress import ProgressStore, SessionLog, save_work

MINE = """
id = "{id}"
title = "Double it"
level = 2
theme = "games"
instructions = "Type a number; the program prints twice that number."
starter = '''
n = input()
print(n * 2)
'''
solution = '''
n = int(input())
print(n * 2)
'''
[[checks]]
stdin = "4\\n"
expected = "8\\n"
[[checks]]
stdin = "10\\n"
expected = "20\\n"
"""


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "double-it.toml").write_text(MINE.format(id="double-it"))
    return folder


@pytest.fixture
def no_builtins(tmp_path, monkeypatch):
    empty = tmp_path / "no-builtins"
    empty.mkdir()
    monkeypatch.setattr(ex_loading, "builtin_dir", lambda: empty)


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_exercises_json_lists_builtin_and_own(capsys, mine):
    code, data = run_json(capsys, "exercises", "--json", "--dir", str(mine))
    assert code == 0
    ids = [e["id"] for e in data["exercises"]]
    assert "double-it" in ids and "puppy-name" in ids and len(ids) >= 41
    entry = next(e for e in data["exercises"] if e["id"] == "double-it")
    assert {k: entry[k] for k in ("id", "title", "level", "path")} == {
        "id": "double-it", "title": "Double it", "level": 2, "path": str(mine / "double-it.toml")}
    levels = [e["level"] for e in data["exercises"]]
    assert levels == sorted(levels)
    assert data["problems"] == []


def test_exercises_text_lists_by_level_and_reports_broken_files(capsys, mine):
    (mine / "broken.toml").write_text("id = 'broken'\n")
    assert main(["exercises", "--dir", str(mine)]) == 0
    captured = capsys.readouterr()
    assert "Level 1: One letter wrong" in captured.out and "double-it" in captured.out
    assert "broken.toml" in captured.err and "'title'" in captured.err


def test_a_level_the_course_does_not_use_is_named_once(capsys, mine):
    (mine / "high.toml").write_text(MINE.format(id="high-level").replace("level = 2", "level = 12"))
    assert main(["exercises", "--dir", str(mine)]) == 0
    out = capsys.readouterr().out
    assert "Level 12\n" in out and "Level 12: Level 12" not in out


def test_exercises_bad_dir_is_a_usage_problem(capsys, tmp_path):
    assert main(["exercises", "--dir", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_validate_json_good_and_broken(capsys, mine, no_builtins, monkeypatch):
    # The explainer is stood in for so this test is about the command, not the explainer.
    from tutor.explain.hint import Fix, Hint

    def fake(path, source, result, **kwargs):
        hint = Hint("fake", 1, "Line 1: make it a number.", ["..."], Fix.replace_line(1, "n = int(input())"),
                    verified=True)
        return type("E", (), {"hint": hint})()

    monkeypatch.setattr(ex_checking, "_explainer", lambda: fake)
    no_bug = MINE.format(id="no-bug").replace("n = input()\nprint(n * 2)", "n = int(input())\nprint(n + n)")
    (mine / "zz-no-bug.toml").write_text(no_bug)
    (mine / "broken.toml").write_text("level = 'x'\n")
    code, data = run_json(capsys, "exercises", "--validate", "--json", "--dir", str(mine))
    assert code == 1
    by_id = {e["id"]: e for e in data["exercises"]}
    assert by_id["double-it"] == {"id": "double-it", "path": str(mine / "double-it.toml"), "ok": True, "problems": []}
    assert by_id["no-bug"]["ok"] is False
    assert any("the starter passes all its checks" in p for p in by_id["no-bug"]["problems"])
    assert by_id["broken"]["ok"] is False and by_id["broken"]["problems"]


def test_validate_all_good_exits_0(capsys, mine, no_builtins, monkeypatch):
    from tutor.explain.hint import Fix, Hint

    def fake(path, source, result, **kwargs):
        return type("E", (), {"hint": Hint("fake", 1, "t", ["t"], Fix.replace_line(1, "n = int(input())"),
                                           verified=True)})()

    monkeypatch.setattr(ex_checking, "_explainer", lambda: fake)
    assert main(["exercises", "--validate", "--dir", str(mine)]) == 0
    out = capsys.readouterr().out
    assert "✔ double-it" in out and "All 1 exercises are good." in out


def test_validate_every_builtin_exercise(capsys):
    """The test suite runs --validate over the whole built-in course (see test_exercise_validate
    for the verdict on each exercise); here: the command's JSON covers every one of them."""
    code, data = run_json(capsys, "exercises", "--validate", "--json")
    builtin = {e.id for e in ex_mod.load_exercises(include_home=False).exercises}
    assert {e["id"] for e in data["exercises"]} == builtin
    for entry in data["exercises"]:
        assert set(entry) >= {"id", "ok", "problems"} and entry["ok"] is (entry["problems"] == [])
    assert code == (0 if all(e["ok"] for e in data["exercises"]) else 1)


# -- tutor check -----------------------------------------------------------------------------------
def test_check_json_failing(capsys, mine, tmp_path):
    prog = tmp_path / "double.py"
    prog.write_text("n = input()\nprint(n * 2)\n")
    code, data = run_json(capsys, "check", "double-it", str(prog), "--json", "--dir", str(mine))
    assert code == 1
    assert list(data) == ["id", "passed", "outcome", "checks", "hint"]
    assert data["id"] == "double-it" and data["passed"] is False and data["outcome"] == "wrong-output"
    assert data["checks"][0] == {"stdin": "4\n", "expected": "8\n", "actual": "44\n", "passed": False}
    if ex_mod.explainer_available():
        assert data["hint"] is not None and {"line", "title", "levels", "fix", "verified"} <= set(data["hint"])


def test_check_json_passing(capsys, mine, tmp_path):
    prog = tmp_path / "double.py"
    prog.write_text("n = int(input())\nprint(n * 2)   \n\n")
    code, data = run_json(capsys, "check", "double-it", str(prog), "--json", "--dir", str(mine))
    assert code == 0
    assert data["passed"] is True and data["outcome"] == "ok" and data["hint"] is None
    assert [c["passed"] for c in data["checks"]] == [True, True]


def test_check_text_output(capsys, tmp_path):
    prog = tmp_path / "puppy.py"
    prog.write_text(ex_mod.find_exercise("puppy-name").starter)
    assert main(["check", "puppy-name", str(prog)]) == 1
    out = capsys.readouterr().out
    assert "✘ Check 1" in out and "NameError" in out and "0 of 2 checks pass" in out
    prog.write_text(ex_mod.find_exercise("puppy-name").solution)
    assert main(["check", "puppy-name", str(prog)]) == 0
    assert "All 2 checks pass" in capsys.readouterr().out


def test_check_unknown_exercise(capsys, tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    assert main(["check", "puppy-nam", str(prog)]) == 2
    err = capsys.readouterr().err
    assert "no exercise called puppy-nam" in err and "puppy-name" in err and err.count("\n") == 1


def test_check_missing_program(capsys):
    assert main(["check", "puppy-name", "nope.py"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_check_without_path_or_profile(capsys):
    assert main(["check", "puppy-name"]) == 2
    assert "PATH" in capsys.readouterr().err


def test_check_records_a_try_for_the_profile(capsys, tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text(ex_mod.find_exercise("puppy-name").starter)
    assert main(["--profile", "Ada", "check", "puppy-name", str(prog), "--json"]) == 1
    capsys.readouterr()
    prog.write_text(ex_mod.find_exercise("puppy-name").solution)
    assert main(["check", "--profile", "Ada", "puppy-name", str(prog), "--json"]) == 0
    progress = ProgressStore("Ada").get("puppy-name")
    assert progress.tries == 2 and progress.solved and progress.fixed_alone
    events = SessionLog("Ada").events()
    assert [(e["kind"], e["exercise_id"], e.get("passed")) for e in events] == [
        ("check", "puppy-name", False), ("check", "puppy-name", True), ("solved", "puppy-name", None)]
    assert events[2]["tries"] == 2 and events[2]["clues_used"] == 0
    assert events[0]["error_type"] == "NameError" and events[0]["via"] == "cli"


def test_check_uses_tutor_profile_and_saved_work(capsys, monkeypatch):
    monkeypatch.setenv("TUTOR_PROFILE", "Ben")
    save_work("Ben", "puppy-name", ex_mod.find_exercise("puppy-name").solution)
    code, data = run_json(capsys, "check", "puppy-name", "--json")
    assert code == 0 and data["passed"]
    assert ProgressStore("Ben").get("puppy-name").tries == 1


def test_check_without_profile_records_nothing(capsys, tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    main(["check", "puppy-name", str(prog), "--json"])
    home = Path(__import__("os").environ["TUTOR_HOME"])
    assert not (home / "profiles").exists()


def test_check_does_not_record_in_the_last_childs_profile(capsys, tmp_path):
    """A grown-up trying `tutor check` (no --profile, no TUTOR_PROFILE) changes no child's report."""
    from tutor.progress import set_last_profile

    set_last_profile("Mia")
    prog = tmp_path / "p.py"
    prog.write_text(ex_mod.find_exercise("puppy-name").starter)
    assert main(["check", "puppy-name", str(prog), "--json"]) == 1
    capsys.readouterr()
    assert ProgressStore("Mia").get("puppy-name").tries == 0
    assert SessionLog("Mia").events() == []
    main(["run", str(prog)])
    assert SessionLog("Mia").events() == []


def test_check_reports_a_damaged_progress_file(capsys, tmp_path):
    store = ProgressStore("Ada")
    store.record_try("puppy-name", passed=False)
    store.path.write_text("{broken")
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    main(["check", "puppy-name", str(prog), "--profile", "Ada", "--json"])
    captured = capsys.readouterr()
    json.loads(captured.out)  # stdout is still one JSON object
    assert "damaged" in captured.err
    assert ProgressStore("Ada").get("puppy-name").tries == 1


def test_check_bad_profile_name(capsys, tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    assert main(["check", "puppy-name", str(prog), "--profile", "../etc"]) == 2
    assert "profile" in capsys.readouterr().err


def test_check_shows_a_flood_of_output_in_a_few_short_lines(capsys, tmp_path):
    prog = tmp_path / "flood.py"
    prog.write_text("while True:\n    print('x' * 1000)\n")
    assert main(["check", "fuel-countdown", str(prog)]) == 1
    out = capsys.readouterr().out
    assert "printed too much" in out
    assert max(len(line) for line in out.splitlines()) < 160


def test_check_says_when_a_file_with_the_same_id_was_not_used(capsys, mine, tmp_path):
    (mine / "puppy-name.toml").write_text(MINE.format(id="puppy-name"))
    prog = tmp_path / "p.py"
    prog.write_text("print('hi')\n")
    code, data = run_json(capsys, "check", "puppy-name", str(prog), "--dir", str(mine), "--json")
    assert code == 1 and data["id"] == "puppy-name"  # one JSON object on stdout, as ever
    main(["check", "puppy-name", str(prog), "--dir", str(mine)])
    err = capsys.readouterr().err
    assert "puppy-name.toml" in err and "already the id" in err


def test_dir_before_the_command_counts_too(capsys, mine, tmp_path):
    code, data = run_json(capsys, "--dir", str(mine), "exercises", "--json")
    assert code == 0 and "double-it" in [e["id"] for e in data["exercises"]]
    prog = tmp_path / "p.py"
    prog.write_text("n = int(input())\nprint(n * 2)\n")
    code, data = run_json(capsys, "--dir", str(mine), "check", "double-it", str(prog), "--json")
    assert code == 0 and data["passed"] is True


def test_check_time_out_names_the_limit(capsys, tmp_path):
    prog = tmp_path / "loop.py"
    prog.write_text("n = 3\nwhile n > 0:\n    pass\n")
    assert main(["check", "fuel-countdown", str(prog), "--timeout", "0.5"]) == 1
    assert "still going after 0.5 s" in capsys.readouterr().out


def test_check_a_broken_exercise_names_every_problem_on_one_line(capsys, mine, tmp_path):
    (mine / "half-done.toml").write_text('id = "half-done"\ntitle = 3\nlevel = 0\n')
    prog = tmp_path / "p.py"
    prog.write_text("print('hi')\n")
    assert main(["check", "half-done", str(prog), "--dir", str(mine)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and len(lines) == 1
    for field in ("'title'", "'level'", "'instructions'", "'checks'"):
        assert field in lines[0]


@pytest.mark.parametrize("argv", [["exercises", "--dir", ""], ["check", "", "p.py"], ["--dir", ""],
                                  ["check", "puppy-name", "p.py", "--dir", ""]])
def test_an_empty_folder_or_id_is_a_usage_problem(capsys, argv):
    # Path("") is the current folder: it must not quietly load every .toml file there.
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and "empty" in err
