"""`tutor report` as in shared/contracts/cli.md, and the parents' settings obeyed by the commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_session import HOSTILE, scripted_session  # noqa: E402

from tutor.cli import main  # noqa: E402
from tutor.progress import create_profile  # noqa: E402
from tutor.progress.settings import update_settings  # noqa: E402
from tutor.storage import data_home  # noqa: E402


@pytest.fixture
def home() -> Path:
    return data_home()  # the test's own TUTOR_HOME (see conftest.py)


def test_json_is_one_object(home, capsys):
    scripted_session(home)
    assert main(["report", "--format", "json"]) == 0  # the last profile used: Ada
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["profile"] == "Ada"
    assert data["totals"]["tries"] == 7 and data["time_spent_seconds"] == 1140.0
    assert data["duck"][0]["answer"] == HOSTILE
    assert main(["report", "--json"]) == 0  # --json is --format json
    again = json.loads(capsys.readouterr().out)
    again.pop("generated"), data.pop("generated")
    assert again == data


def test_text_is_plain_off_a_terminal(home, capsys, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    scripted_session(home)
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Report for Ada" in out and "What to talk about next" in out
    assert "\x1b[" not in out


def test_text_is_coloured_when_forced(home, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    scripted_session(home)
    assert main(["report"]) == 0
    assert "\x1b[" in capsys.readouterr().out


def test_html_to_a_file(home, tmp_path, capsys):
    scripted_session(home)
    out_file = tmp_path / "report.html"
    assert main(["report", "--format", "html", "--out", str(out_file)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""  # the page went to the file
    assert str(out_file) in captured.err
    page = out_file.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "How Ada is getting on" in page
    assert [p.name for p in tmp_path.iterdir() if p.name != "tutor-home"] == ["report.html"]


def test_choosing_the_profile(home, capsys, monkeypatch):
    scripted_session(home)
    create_profile("Sam", home)
    assert main(["report", "--profile", "sam", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["profile"] == "Sam"
    monkeypatch.setenv("TUTOR_PROFILE", "Sam")
    assert main(["report", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["profile"] == "Sam"
    assert main(["--profile", "Ada", "report", "--json"]) == 0  # --profile before the command
    assert json.loads(capsys.readouterr().out)["profile"] == "Ada"


@pytest.mark.parametrize(
    "argv, words",
    [
        (["report", "--profile", "Nobody"], "no profile called Nobody"),
        (["report", "--profile", "R2-D2!"], "cannot be used"),
        (["report", "--format", "pdf"], "invalid choice"),
        (["report", "--json", "--format", "html"], "different things"),
    ],
)
def test_usage_problems(home, capsys, argv, words):
    create_profile("Ada", home)
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse's own checks end this way
        status = exc.code
    assert status == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


def test_no_profiles_yet(home, capsys):
    assert main(["report"]) == 2
    assert "no profiles yet" in capsys.readouterr().err


def test_out_into_a_missing_folder(home, tmp_path, capsys):
    scripted_session(home)
    assert main(["report", "--out", str(tmp_path / "nope" / "r.txt")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_out_a_folder_suggests_a_file_name_with_the_right_ending(home, tmp_path, capsys):
    scripted_session(home)
    for fmt, ending in (("text", "report.txt"), ("html", "report.html"), ("json", "report.json")):
        assert main(["report", "--format", fmt, "--out", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and ending in err


def test_the_report_shows_the_settings(home, capsys):
    scripted_session(home)
    update_settings(home, max_clue_levels=1, show_exact_change=False)
    assert main(["report", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"] == {"max_clue_levels": 1, "show_exact_change": False, "allow_solutions": False,
                                "has_parent_code": False}


# -- the settings, obeyed by `tutor check` and `tutor explain` --------------------------------------
EXERCISE = '''
id = "seed-adder"
title = "Seed adder"
level = 4
instructions = "Type two numbers; the program adds them."
starter = """
today = int(input())
yesterday = input()
print("Seeds:", today + yesterday)
"""
solution = """
today = int(input())
yesterday = int(input())
print("Seeds:", today + yesterday)
"""

[[checks]]
stdin = "3\\n4\\n"
expected = "Seeds: 7"
'''


@pytest.fixture
def limited(home, tmp_path):
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "seed-adder.toml").write_text(EXERCISE, encoding="utf-8")
    program = tmp_path / "seeds.py"
    program.write_text('today = int(input())\nyesterday = input()\nprint("Seeds:", today + yesterday)\n')
    typo = tmp_path / "typo.py"
    typo.write_text('name = "Sam"\nprint("Hi " + nmae)\n')
    update_settings(home, max_clue_levels=None, show_exact_change=False)
    return folder, program, typo


def _unlimited_levels(argv, capsys, home):
    update_settings(home, show_exact_change=True)
    main(argv)
    hint = json.loads(capsys.readouterr().out)["hint"]
    update_settings(home, show_exact_change=False)
    return hint


def test_check_obeys_the_settings(limited, capsys, home):
    folder, program, _ = limited
    argv = ["check", "seed-adder", str(program), "--dir", str(folder), "--json"]
    full = _unlimited_levels(argv, capsys, home)
    assert full["fix"] is not None and len(full["levels"]) >= 2
    assert main(argv) == 1
    hint = json.loads(capsys.readouterr().out)["hint"]
    assert hint["levels"] == full["levels"][:-1] and hint["fix"] is None
    update_settings(home, max_clue_levels=1)
    main(argv)
    assert len(json.loads(capsys.readouterr().out)["hint"]["levels"]) == 1
    # the words for a person never show the exact change either
    main(argv[:-1])
    out = capsys.readouterr().out
    assert "int(input())" not in out.split("yesterday = input()")[-1]


def test_explain_obeys_the_settings(limited, capsys, home):
    _, _, typo = limited
    argv = ["explain", str(typo), "--json"]
    full = _unlimited_levels(argv, capsys, home)
    assert full["fix"] is not None and len(full["levels"]) >= 2
    assert main(argv) == 0
    hint = json.loads(capsys.readouterr().out)["hint"]
    assert hint["levels"] == full["levels"][:-1] and hint["fix"] is None
    assert main(argv[:-1]) == 0
    out = capsys.readouterr().out
    assert 'print("Hi " + name)' not in out  # the exact change is not shown


def test_duck_answers_from_the_command_line_reach_the_report(home, tmp_path, capsys, monkeypatch):
    """End to end: `tutor duck --plain` saves the child's words; `tutor report` shows them verbatim."""
    import io

    create_profile("Ada", home)
    program = tmp_path / "age.py"
    program.write_text("age = 9\nprint(age + 1)\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO("it keeps 9 in the <age> box\n11\n"))
    assert main(["--profile", "Ada", "duck", str(program), "--plain"]) == 0
    capsys.readouterr()
    assert main(["report", "--profile", "Ada", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    answers = [d["answer"] for d in data["duck"]]
    assert "it keeps 9 in the <age> box" in answers and "11" in answers
    eleven = next(d for d in data["duck"] if d["answer"] == "11")
    assert eleven["agrees"] is False and eleven["actual"] is not None and eleven["line"] == 2
    assert data["suggestions"][0]["category"] == "duck-mismatch"


def test_the_only_profile_needs_no_name_but_two_do(home, capsys):
    create_profile("Ada", home)
    assert main(["report", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["profile"] == "Ada"
    create_profile("Sam", home)
    assert main(["report", "--json"]) == 2
    assert "--profile NAME (profiles: Ada, Sam)" in capsys.readouterr().err
