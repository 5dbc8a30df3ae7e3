"""The step recorder on real programs, on every installed Python 3.10-3.13 (lines, values, counts)."""

from __future__ import annotations

from tutor.trace import record
from tutor.trace.summary import headline, stuck


FUNCTIONS = """
def double(n):
    return n * 2

total = 0
for i in range(3):
    total = total + double(i)
print("total", total)
"""

RECURSION = """
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

answer = fact(4)
print(answer)
"""

LISTS_DICTS = """
scores = []
ages = {}
for name in ["Sam", "Kim", "Ali"]:
    scores.append(len(name))
    ages[name] = 9
scores[0] = 10
"""

ERROR = """
scores = {"sam": 3}
names = ["sam", "kim"]
for n in names:
    print(scores[n])
print("done")
"""

ENDLESS = """
count = 0
while count < 5:
    print("again")
print(count)
"""


def _steps(rec):
    return rec.to_json()["steps"]


def test_loop_and_function_steps(program, python):
    rec = record(program(FUNCTIONS), python=python)
    data = rec.to_json()
    assert data["schema"] == 1 and data["outcome"] == "ok" and data["truncated"] is False
    assert data["stdout"] == "total 6\n"
    assert data["line_counts"] == {"1": 1, "2": 3, "4": 1, "5": 4, "6": 3, "7": 1}
    steps = data["steps"]
    assert [s["line"] for s in steps[:7]] == [1, 4, 5, 6, 1, 2, 2]
    assert [s["event"] for s in steps[4:7]] == ["call", "line", "return"]
    call = steps[4]
    assert call["function"] == "double" and call["depth"] == 1 and call["vars"] == {"n": "0"}
    assert steps[3]["vars"] == {"total": "0", "i": "0"} and steps[3]["depth"] == 0
    # the values total took, step by step, and what had been printed
    assert [v for _, v in rec.history("total")] == ["0", "2", "6"]
    assert [v for _, v in rec.history("n", "double")] == ["0", "1", "2"]
    assert steps[-1]["event"] == "return" and steps[-1]["function"] == "<module>"
    assert steps[-1]["stdout_len"] == len("total 6\n") and steps[-2]["stdout_len"] == 0
    # double() is a function: not one of the module's own values
    assert all("double" not in s["vars"] for s in steps)


def test_recursion_depth_and_returns(program, python):
    rec = record(program(RECURSION), python=python)
    steps = _steps(rec)
    calls = [s for s in steps if s["event"] == "call"]
    assert [c["vars"]["n"] for c in calls] == ["4", "3", "2", "1"]
    assert [c["depth"] for c in calls] == [1, 2, 3, 4]
    returns = [s for s in steps if s["event"] == "return" and s["function"] == "fact"]
    assert [r["line"] for r in returns] == [3, 4, 4, 4]
    assert [r["depth"] for r in returns] == [4, 3, 2, 1]
    assert rec.to_json()["line_counts"]["2"] == 4
    assert steps[-1]["vars"] == {"answer": "24"}
    # step over from the first call of fact() at the top lands back on the top level
    top = next(i for i, s in enumerate(steps) if s["line"] == 6)
    after = rec.next_in_function(top)
    assert steps[after]["function"] == "<module>" and steps[after]["line"] == 7
    assert rec.prev_in_function(after) == top


def test_lists_and_dicts_change_in_place(program, python):
    rec = record(program(LISTS_DICTS), python=python)
    steps = _steps(rec)
    final = steps[-1]["vars"]
    assert final["scores"] == "[10, 3, 3]"
    assert final["ages"] == "{'Sam': 9, 'Kim': 9, 'Ali': 9}"
    assert [v for _, v in rec.history("scores")] == ["[]", "[3]", "[3, 3]", "[3, 3, 3]", "[10, 3, 3]"]
    # the step after scores.append(...) marks scores as changed, even though it is the same list
    after_append = [i for i, s in enumerate(steps) if s["line"] == 5][0]
    assert "scores" in rec.step(after_append).changed


def test_error_step(program, python):
    rec = record(program(ERROR), python=python)
    data = rec.to_json()
    assert data["outcome"] == "error" and data["error"]["type"] == "KeyError" and data["error"]["line"] == 4
    i = rec.error_step()
    s = data["steps"][i]
    assert s["event"] == "error" and s["line"] == 4 and s["vars"]["n"] == "'kim'"
    assert s["stdout_len"] == 2 and data["stdout"] == "3\n"
    assert data["line_counts"] == {"1": 1, "2": 1, "3": 2, "4": 2}
    assert "problem on line 4" in headline(rec)


def test_endless_loop_is_cut_at_the_cap(program, python):
    rec = record(program(ENDLESS), python=python, max_steps=3000)
    data = rec.to_json()
    assert data["truncated"] is True and len(data["steps"]) == 3000
    assert data["outcome"] == "killed" and data["limit"] == "steps"
    assert data["line_counts"]["2"] == 1500 and data["line_counts"]["3"] == 1499
    st = stuck(rec)
    assert st is not None and st.line == 2 and st.count == 1500
    assert st.stayed == [("count", "0")]
    assert st.words() == "Line 2 ran 1,500 times, and `count` stayed 0."
    assert data["stdout"].count("again") >= 1499


IN_PLACE = """
nums = [0, 0]
table = {"a": 0}
for k in range(300):
    nums[0] = nums[0] + 1000
    table["a"] = table["a"] + 1
print(nums, table)
"""


def test_lists_changed_in_place_are_seen_every_time(program):
    rec = record(program(IN_PLACE))
    assert rec.outcome == "ok"
    hist = [v for _, v in rec.history("nums")]
    assert len(hist) == 301 and hist[-1] == "[300000, 0]" and hist[1] == "[1000, 0]"
    assert [v for _, v in rec.history("table")][-1] == "{'a': 300}"


def test_jumping_anywhere_gives_the_same_values_as_walking(program):
    rec = record(program(FUNCTIONS.replace("range(3)", "range(700)")))
    walked = rec._expand()
    assert len(walked) > 2000
    for i in [len(walked) - 1, 1500, 700, 3, 0, 1999, 257, 256, 255]:
        assert rec.vars_at(i) == walked[i], i
    assert all(rec.vars_at(i) == walked[i] for i in range(len(walked)))
