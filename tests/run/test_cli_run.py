"""`tutor run` as a person and as a tool use it (shared/contracts/cli.md)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.cli import main


def test_json_output_is_one_object(tmp_path, capsys):
    prog = tmp_path / "game.py"
    prog.write_text('name = input("Name? ")\nprint("Hi", name)\nprint(scroe)\n')
    assert main(["run", str(prog), "--stdin", "Ada\n", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["outcome"] == "error"
    assert data["exit_code"] == 1
    assert data["stdout"] == "Name? Hi Ada\n"
    assert data["error"] == {
        "type": "NameError",
        "message": "name 'scroe' is not defined",
        "line": 3,
        "frames": [{"line": 3, "function": "<module>"}],
    }
    assert data["limit"] is None and data["truncated"] is False
    assert isinstance(data["duration_ms"], float)


def test_stdin_escape_and_file(tmp_path, capsys):
    prog = tmp_path / "add.py"
    prog.write_text("a = int(input())\nb = int(input())\nprint(a + b)\n")
    assert main(["run", str(prog), "--stdin", "2\\n3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stdout"] == "5\n"
    feed = tmp_path / "in.txt"
    feed.write_text("10\n20\n")
    assert main(["run", str(prog), "--stdin-file", str(feed), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stdout"] == "30\n"


def test_timeout_option(tmp_path, capsys):
    prog = tmp_path / "loop.py"
    prog.write_text("n = 0\nwhile n < 5:\n    pass\n")
    assert main(["run", str(prog), "--timeout", "0.5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "timeout" and data["limit"] == "time"
    assert data["stuck"]["stack"][-1]["line"] in (2, 3)


def test_people_output_is_kind_and_plain_off_terminal(tmp_path, capsys):
    prog = tmp_path / "oops.py"
    prog.write_text("print('Counting')\nprint(10 / 0)\n")
    assert main(["run", str(prog)]) == 0
    out = capsys.readouterr().out
    assert "Counting" in out
    assert "line 2" in out and "ZeroDivisionError" in out
    assert "Every error is a clue" in out
    assert "\x1b[" not in out  # no colour codes when not on a terminal


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: d / "missing.py", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: (d / "b.py", (d / "b.py").write_bytes(b"\x7fELF\x00\x00\x01"))[0], "binary"),
        (lambda d: (d / "l.py", (d / "l.py").write_bytes(b"print('caf\xe9')\n"))[0], "UTF-8"),
    ],
    ids=["missing", "folder", "binary", "latin1"],
)
def test_bad_paths_exit_2_with_one_line(tmp_path, make, expected):
    path = make(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "tutor", "run", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]


def test_bad_option_exits_2(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    proc = subprocess.run([sys.executable, "-m", "tutor", "run", str(prog), "--timeout", "soon"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "not a number" in proc.stderr


def test_help_for_every_command():
    proc = subprocess.run([sys.executable, "-m", "tutor", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for name in ("run", "explain", "exercises", "check", "duck", "report"):
        assert name in proc.stdout


def test_runs_are_logged_for_the_profile(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    from tutor.progress.log import SessionLog
    from tutor.progress.profiles import create_profile

    create_profile("Ada")
    prog = tmp_path / "p.py"
    prog.write_text("print(1/0)\n")
    assert main(["run", "--profile", "Ada", str(prog), "--json"]) == 0
    capsys.readouterr()
    events = [e for e in SessionLog("Ada").events() if e.get("kind") == "run"]
    assert events and events[-1]["outcome"] == "error" and events[-1]["error_type"] == "ZeroDivisionError"
    assert events[-1]["line"] == 1


def test_people_output_says_an_before_a_vowel(tmp_path, capsys):
    prog = tmp_path / "ask.py"
    prog.write_text('name = input("Name? ")\nprint(name)\n')
    assert main(["run", str(prog), "--stdin", ""]) == 0
    out = capsys.readouterr().out
    assert "with an EOFError" in out and "a EOFError" not in out


def test_a_time_out_names_the_limit_it_had(tmp_path, capsys):
    # Stopping takes a moment more than the limit; the words say the limit the learner chose.
    prog = tmp_path / "loop.py"
    prog.write_text("n = 0\nwhile n < 5:\n    pass\n")
    assert main(["run", str(prog), "--timeout", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "still going after 0.5 s" in out


@pytest.mark.parametrize("argv", [["run", ""], ["explain", "", "--json"], ["duck", "", "--plain"],
                                  ["run", "{prog}", "--stdin-file", ""],
                                  ["explain", "{prog}", "--expected-output", ""]])
def test_an_empty_path_is_a_usage_problem_not_the_current_folder(tmp_path, capsys, argv):
    prog = tmp_path / "p.py"
    prog.write_text("print(1)\n")
    assert main([a.format(prog=prog) for a in argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and "empty" in err
