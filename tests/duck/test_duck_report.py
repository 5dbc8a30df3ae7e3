"""The parents' report only talks about a duck answer on a line that ran (issue 13, problem 2)."""

from __future__ import annotations

from datetime import datetime, timezone

from tutor.progress.report import build_report


def duck_event(line: int, answer: str, actual, agrees, **extra):
    return {"kind": "duck", "time": datetime(2026, 5, 1, 10, line, tzinfo=timezone.utc).isoformat(),
            "session": "s1", "path": "/x/puppy.py", "line": line, "step_kind": "predict",
            "question": f"What will line {line} print?", "answer": answer, "actual": actual,
            "agrees": agrees, "how": "typed", **extra}


def talking_points(events):
    report = build_report("Mia", events=events, titles={})
    return [s for s in report.suggestions if s.category == "duck-mismatch"]


def test_a_line_that_did_not_run_is_never_the_talking_point():
    events = [
        duck_event(3, "Hello, the puppys name!", None, False, ran=True),  # ran, stopped there: the bug
        duck_event(5, "Good dog, Rex!", None, False, ran=False),  # later, but it never ran
    ]
    points = talking_points(events)
    assert len(points) == 1 and "line 3" in points[0].topic


def test_older_logs_without_ran_only_count_lines_with_a_real_value():
    events = [
        duck_event(2, "the puppys name", "'Rex'", False),  # graded by the older duck: a real value
        duck_event(5, "Good dog, Rex!", None, False),  # nothing to compare: may never have run
    ]
    points = talking_points(events)
    assert len(points) == 1 and "line 2" in points[0].topic
    assert talking_points([duck_event(5, "Good dog, Rex!", None, False)]) == []
