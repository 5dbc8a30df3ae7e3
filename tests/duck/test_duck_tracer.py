"""The line tracer: runs in a child process, records hits and values, and keeps to its caps."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tutor.duck.tracer import MAX_EVENTS, build_plan, trace_program


def test_hits_values_loops_branches_returns_and_prints(program):
    path = program("""
        total = 0
        for i in range(1, 4):
            total = total + i
            if total > 2:
                print("big", total)
        def double(n):
            return n * 2
        x = double(total)
        scores = []
        scores.append(x)
        print(x, end="!")
    """)
    t = trace_program(path)
    assert t.available and t.result.outcome == "ok"
    assert t.hits[3] == 3 and t.hits[5] == 2
    assert t.values[3]["total"].first == "1" and t.values[3]["total"].last == "6"
    assert t.values[3]["total"].seq == ["1", "3", "6"]
    assert [(r.rounds, r.finished) for r in t.loops[2]] == [(3, True)]
    assert t.loops[2][0].end == {"i": "3"}
    assert (t.branches[4].true, t.branches[4].false) == (2, 1)
    assert t.branches[4].seq == [False, True, True]
    assert t.returns[7].first == "12" and t.call_returns[8].first == "12"
    assert t.values[10]["scores"].first == "[12]"
    assert t.outputs[5] == ["big 3\n", "big 6\n"]
    assert t.outputs[11] == ["12!"]
    assert t.result.stdout == "big 3\nbig 6\n12!"  # the program's own output is unchanged
    assert not t.capped
    assert t.first_at[1] < t.first_at[2] < t.first_at[3]


def test_nested_loops_are_counted_per_run(program):
    path = program("""
        for r in range(2):
            for c in range(3):
                pass
        n = 0
        while True:
            n += 1
            if n == 4:
                break
    """)
    t = trace_program(path)
    assert [r.rounds for r in t.loops[1]] == [2]
    assert [r.rounds for r in t.loops[2]] == [3, 3]
    assert [r.rounds for r in t.loops[5]] == [4]
    assert t.values[6]["n"].last == "4"


def test_attributes_of_the_learners_objects(program):
    path = program("""
        class Pet:
            def __init__(self, name):
                self.name = name
                self.hunger = 3
            def __repr__(self):
                print("the duck must not call this")
                return "Pet!"
        rex = Pet("Rex")
        rex.hunger -= 1
    """)
    t = trace_program(path)
    assert t.values[3]["self.name"].first == "'Rex'"
    assert t.values[8]["rex"].first == "Pet(name='Rex', hunger=3)"
    assert t.values[9]["rex.hunger"].first == "2"
    assert "must not" not in t.result.stdout


def test_endless_loop_stops_tracing_at_the_cap_and_the_time_limit_stops_the_program(program):
    path = program("""
        position = 0
        done = False
        while not done:
            position = position + 3
            if position >= 20:
                Done = True
    """)
    t = trace_program(path, timeout=1.0, max_events=3000)
    assert t.result.outcome == "timeout"
    assert t.capped and t.events == 3000
    assert sum(t.hits.values()) == 3000
    run = t.loops[3][0]
    assert not run.finished and run.rounds > 500
    assert set(t.values[3]["done"].seq) == {"False"}  # `done` never changed
    assert t.values[6]["Done"].first == "True"


def test_a_short_endless_loop_without_the_cap_still_reports_at_the_time_out(program):
    path = program("""
        n = 0
        while n < 10:
            print(n)
    """)
    t = trace_program(path, timeout=1.0, max_events=10**9)
    assert t.result.outcome in ("timeout", "killed")
    assert t.available and not t.capped
    assert not t.loops[2][0].finished


def test_deep_recursion(program):
    path = program("""
        def down(n):
            return down(n + 1)
        down(0)
    """)
    t = trace_program(path)
    assert t.result.outcome == "error" and t.result.error.type == "RecursionError"
    assert t.available and t.hits[2] > 100
    assert 2 not in t.returns  # nothing was given back


def test_huge_output_is_stopped_and_still_reported(program):
    path = program("""
        while True:
            print("x" * 1000)
    """)
    t = trace_program(path, timeout=5)
    assert t.result.outcome == "killed" and t.result.limit == "output"
    assert t.available and t.hits[2] > 10
    assert all(len(text) <= 200 for text in t.outputs[2])


def test_huge_values_are_recorded_short(program):
    path = program("""
        big = list(range(100000))
        word = "a" * 100000
        n = 7 ** 5000
        nested = [[[[[1]]]]]
    """)
    t = trace_program(path)
    assert len(t.values[1]["big"].first) <= 60 and t.values[1]["big"].first.startswith("[0, 1, 2")
    assert len(t.values[2]["word"].first) <= 60
    assert "digits" in t.values[3]["n"].first
    assert "..." in t.values[4]["nested"].first


def test_input_gets_the_given_stdin(program):
    path = program("""
        name = input("Name? ")
        age = int(input("Age? "))
        print("Hi", name, age + 1)
    """)
    t = trace_program(path, stdin="Sam\n9\n")
    assert t.values[1]["name"].first == "'Sam'"
    assert t.values[2]["age"].first == "9"
    assert t.outputs[3] == ["Hi Sam 10\n"]


def test_input_without_stdin_ends_at_the_first_input(program):
    path = program("""
        x = 1
        name = input("Name? ")
        print(name)
    """)
    t = trace_program(path)
    assert t.result.outcome == "error" and t.result.error.type == "EOFError"
    assert t.hits == {1: 1, 2: 1}
    assert t.raised == {2: 1}
    assert "name" not in t.values.get(2, {})


def test_unsaved_source_is_traced_not_the_file(program):
    path = program("x = 1\n")
    t = trace_program(path, source="x = 2\ny = x * 3\n")
    assert t.values[2]["y"].first == "6"


def test_a_broken_program_gives_an_empty_trace(program):
    path = program("print('hi'\n")
    t = trace_program(path)
    assert t.result.outcome == "error"
    assert t.hits == {}


def test_multi_line_statements_count_once(program):
    path = program("""
        scores = {
            "Ava": 1,
            "Noah": 2,
        }
        total = (scores["Ava"]
                 + scores["Noah"])
    """)
    plan = build_plan(path.read_text())
    assert plan["remap"]["2"] == 1 and plan["remap"]["6"] == 5
    t = trace_program(path)
    assert t.hits == {1: 1, 5: 1}
    assert t.values[5]["total"].first == "3"


def test_the_tracer_never_runs_in_the_tutors_process(program):
    path = program("import os\npid = os.getpid()\n")
    t = trace_program(path)
    assert t.values[2]["pid"].first != str(os.getpid())
    assert sys.gettrace() is None


def test_default_cap():
    assert MAX_EVENTS == 20_000


def _pythons():
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = []
    for version in ("3.10", "3.11", "3.12", "3.13"):
        matches = sorted(root.glob(f"{version}.*/bin/python3")) if root.exists() else []
        if matches:
            found.append(pytest.param(str(matches[-1]), id=version))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("python", _pythons())
def test_same_trace_on_every_supported_python(program, python):
    path = program("""
        total = 0
        for i in range(3):
            if i % 2 == 0:
                total += i
        def f(x):
            return x + 1
        y = f(total)
        while y < 10:
            y = y * 2
        print(y)
    """)
    t = trace_program(path, python=python)
    assert t.available, t.result.stderr
    assert t.hits == {1: 1, 2: 4, 3: 3, 4: 2, 5: 1, 6: 1, 7: 1, 8: 3, 9: 2, 10: 1}
    assert [r.rounds for r in t.loops[2]] == [3] and [r.rounds for r in t.loops[8]] == [2]
    assert t.values[9]["y"].seq == ["6", "12"]
    assert t.branches[3].seq == [True, False, True]
    assert t.returns[6].first == "3"
