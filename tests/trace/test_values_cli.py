"""Value texts are safe and short; multi-line statements are one step; ``tutor trace`` keeps its contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tutor.cli import main
from tutor.trace import record

OBJECTS = """
class Pet:
    def __init__(self, name):
        self.name = name
        self.legs = 4

    def __repr__(self):
        print("REPR RAN")
        return "a pet"

    @property
    def loud(self):
        print("PROPERTY RAN")
        return 1

rex = Pet("Rex")
word = "x" * 500
big = list(range(1000))
print("ok")
"""


def test_objects_by_their_fields_and_nothing_of_the_learner_runs(program):
    rec = record(program(OBJECTS))
    data = rec.to_json()
    assert data["stdout"] == "ok\n"  # neither __repr__ nor the property ran
    final = data["steps"][-1]["vars"]
    assert final["rex"] == "Pet(name='Rex', legs=4)"
    assert final["word"].endswith("…") and len(final["word"]) <= 60
    assert final["big"].startswith("[0, 1, 2") and final["big"].endswith("…]")
    assert "Pet" not in final  # a class is not a value
    calls = [s for s in data["steps"] if s["event"] == "call" and s["function"] == "__init__"]
    assert calls[0]["vars"] == {"self": "Pet()", "name": "'Rex'"} and calls[0]["depth"] == 1


MULTI = """
sizes = [
    1,
    2,
]
total = sum(
    sizes
)
print(total)
"""


def test_a_statement_over_several_lines_is_one_step(program, python):
    rec = record(program(MULTI), python=python)
    lines = [s["line"] for s in rec.to_json()["steps"] if s["event"] == "line"]
    assert lines == [1, 5, 8]


INPUT = """
name = input("Name? ")
age = int(input("Age? "))
print(name, age + 1)
"""


def test_stdin_and_output_so_far(program, tmp_path, capsys):
    path = program(INPUT)
    assert main(["trace", str(path), "--json", "--stdin", "Sam\\n9"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "ok" and data["stdout"] == "Name? Age? Sam 10\n"
    assert [s["stdout_len"] for s in data["steps"] if s["event"] == "line"] == [0, 6, 11]
    assert data["steps"][-1]["vars"] == {"name": "'Sam'", "age": "9"}
    assert set(data["steps"][0]) == {"line", "event", "function", "depth", "vars", "stdout_len"}
    # no stdin: input() meets the end, an error like tutor run's
    assert main(["trace", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "error" and data["error"]["type"] == "EOFError" and data["error"]["line"] == 1


def test_summary_for_a_person_and_usage_problems(program, capsys):
    path = program("count = 0\nwhile count < 5:\n    print('again')\n")
    assert main(["trace", str(path), "--max-steps", "400"]) == 0
    out = capsys.readouterr().out
    assert "stopped your program after 400 steps" in out
    assert "Line 2 ran 200 times, and `count` stayed 0." in out
    assert "line   3 ran     199 times" in out
    with pytest.raises(SystemExit) as stop:
        main(["trace", str(path), "--max-steps", "lots"])
    assert stop.value.code == 2
    assert main(["trace", str(path.parent / "missing.py")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_json_alone_on_stdout_from_the_real_command(program):
    path = program("for i in range(3):\n    print(i)\n")
    out = subprocess.run([sys.executable, "-m", "tutor", "trace", str(path), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["line_counts"] == {"1": 4, "2": 3} and data["stdout"] == "0\n1\n2\n"


def test_a_program_that_cannot_start_or_is_empty(program, capsys):
    assert main(["trace", str(program("x = (1,\nprint(x)\n")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "error" and data["error"]["type"] == "SyntaxError" and data["steps"] == []
    assert main(["trace", str(program("x = (1,\nprint(x)\n"))]) == 0
    assert "could not start your program" in capsys.readouterr().out
    assert main(["trace", str(program("# nothing yet\n")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "ok" and data["steps"] == [] and data["line_counts"] == {}
