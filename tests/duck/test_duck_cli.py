"""`tutor duck PATH --plain` and `--json` (shared/contracts/cli.md)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from tutor.commands.duck import PlainDuck


def tutor(*args, stdin="", env=None):
    import os

    full_env = dict(os.environ, NO_COLOR="1")
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "tutor", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, env=full_env)


PROGRAM = """
total = 0
for i in range(1, 4):
    total = total + i
print(total)
"""


def test_json_transcript_on_stdout_and_questions_on_stderr(program):
    path = program(PROGRAM)
    out = tutor("duck", str(path), "--json", stdin="it adds up\n3\n5\n6\n")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)  # one JSON object and nothing else
    assert [s["line"] for s in data["steps"]] == [1, 2, 3, 4]
    assert [s["kind"] for s in data["steps"]] == ["explain", "predict", "predict", "predict"]
    loop, first, printed = data["steps"][1:]
    assert loop["answer"] == "3" and loop["agrees"] is True
    assert first["answer"] == "5" and first["actual"] == "1" and first["agrees"] is False
    assert printed["actual"] == "6" and printed["agrees"] is True
    assert data["first_disagreement"]["line"] == 3
    assert "line 3" in data["summary"]
    assert "Line 2 starts a loop" in out.stderr  # the questions went to stderr


def test_plain_dialogue_reads_one_answer_per_line_and_empty_skips(program):
    path = program(PROGRAM)
    out = tutor("duck", str(path), "--plain", stdin="\n3\n\n7\n")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Duck: Line 2 starts a loop. How many times will it go round?" in text
    assert "What really happened" in text
    assert "Line 4: you said 7; it printed 6. ✘ different" in text
    assert "Line 2: you said 3; it went round 3 times. ✔ same" in text
    assert "first difference between you and the computer is line 4" in text
    assert "\x1b[" not in text  # no colour when it is not a terminal


def test_done_finishes_early_and_end_of_input_too(program):
    path = program(PROGRAM)
    out = tutor("duck", str(path), "--json", stdin="x\n/done\nmore\n")
    data = json.loads(out.stdout)
    assert [s["answer"] for s in data["steps"]] == ["x", None, None, None]
    out = tutor("duck", str(path), "--json", stdin="")
    assert json.loads(out.stdout)["steps"][0]["answer"] is None


def test_stdin_option_feeds_the_program(program):
    path = program("""
        name = input("Name? ")
        print("Hi", name)
    """)
    out = tutor("duck", str(path), "--json", "--stdin", "Sam", stdin="Sam\nHi Sam\n")
    data = json.loads(out.stdout)
    assert data["steps"][0]["actual"] == "'Sam'" and data["steps"][0]["agrees"] is True
    assert data["steps"][1]["agrees"] is True


def test_usage_problems_exit_2(tmp_path):
    out = tutor("duck", str(tmp_path / "missing.py"), "--plain")
    assert out.returncode == 2 and "no such file" in out.stderr and out.stdout == ""
    out = tutor("duck", "--plain")
    assert out.returncode == 2


def test_a_broken_program_is_explained_kindly(program):
    path = program("print('hi'\n")
    out = tutor("duck", str(path), "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["steps"] == [] and data["problem"] and "out loud" in data["summary"]


def test_session_log_with_a_profile(program, tmp_path):
    path = program("x = 2\ny = x * 5\n")
    home = tmp_path / "home"
    out = tutor("--profile", "sam", "duck", str(path), "--plain", stdin="start\n10\n", env={"TUTOR_HOME": str(home)})
    assert out.returncode == 0, out.stderr
    assert "session log" in out.stdout
    lines = [json.loads(x) for x in (home / "profiles").rglob("log.jsonl").__next__().read_text().splitlines()]
    assert [e["answer"] for e in lines] == ["start", "10"]
    assert lines[1]["agrees"] is True


def test_plain_duck_in_process_with_streams(program):
    path = program(PROGRAM)
    out = io.StringIO()
    duck = PlainDuck(path, path.read_text(), None, input_stream=io.StringIO("a\nforever\n"), output=out)
    assert duck.run() == 0
    text = out.getvalue()
    assert "Line 2: you said forever; it went round 3 times. ✘ different" in text
    assert "How many times each line ran:" in text
    assert "line   3:      3 times   total = total + i" in text


def test_an_empty_program_gets_a_kind_word_and_no_line_zero(program):
    for code in ("", "# only a comment\n\n"):
        path = program(code)
        out = io.StringIO()
        duck = PlainDuck(path, path.read_text(), None, input_stream=io.StringIO(""), output=out)
        assert duck.run() == 0
        text = out.getvalue()
        assert "no lines of code yet" in text
        assert "line   0" not in text


def test_an_empty_program_still_gives_one_json_object(program):
    path = program("")
    out = tutor("duck", str(path), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["steps"] == [] and "summary" in data
