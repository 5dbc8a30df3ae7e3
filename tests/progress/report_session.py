"""A scripted session for the report's tests: known events at known times, and what they add up to.

Two sessions for "Ada":

Session s1 (Sat 28 Nov 2026, from 16:00 UTC)
  0   session-start
  1   run pet-name: NameError on line 3
  2   check pet-name fails: NameError, hint name-typo
  3   check pet-name passes; 3.1 solved (no clue: fixed alone)
  5   check age-next-year fails: TypeError, hint input-not-converted
  6,7 clue levels 1 and 2 for age-next-year
  8   duck (predict, disagrees; the answer has HTML in it), 9 duck (explain)
  10  check age-next-year passes (with clues)
  -- 30 minutes away (idle: not counted) --
  40  run loop-forever: timeout; 41, 42 checks: timeout (hint infinite-loop); 43 check: wrong output
  44  session-end                                          s1 active: 10 + 4 = 14 min
Session s2 (Sun 29 Nov, from 16:00 UTC)
  0 session-start, 2 run loop-forever: timeout, 4 an unknown kind, 5 run of the child's own
  program: IndexError                                     s2 active: 5 min
Plus a torn last line (a crash while writing).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

T0 = datetime(2026, 11, 28, 16, 0, tzinfo=timezone.utc)
HOSTILE = 'the number 9 </blockquote><script>alert("hi")</script> & <b>bold</b> `code` [link](http://x)'


def write_events(home: Path, profile: str, events: list[dict[str, Any]], torn: bool = False) -> Path:
    from tutor.progress import create_profile
    from tutor.progress.profiles import profile_dir

    create_profile(profile, home)
    log = profile_dir(profile, home) / "log.jsonl"
    with open(log, "a", encoding="utf-8") as f:
        for event in events:
            f.write(json.dumps(event, ensure_ascii=False) + "\n")
        if torn:
            f.write('{"kind": "run", "exercise_id": "pet-na')
    return log


def event(minutes: float, kind: str, session: str = "s1", **data: Any) -> dict[str, Any]:
    return {"kind": kind, "time": (T0 + timedelta(minutes=minutes)).isoformat(), "session": session, **data}


def scripted_session(home: Path, profile: str = "Ada") -> None:
    from tutor.progress import ProgressStore, create_profile, set_last_profile

    create_profile(profile, home)
    set_last_profile(profile, home)
    store = ProgressStore(profile, home)
    day2 = 60 * 24
    evs = [
        event(0, "session-start", via="app"),
        event(1, "run", exercise_id="pet-name", path="/kids/pet.py", outcome="error", error_type="NameError",
              line=3, seconds=0.1),
        event(2, "check", exercise_id="pet-name", passed=False, outcome="error", error_type="NameError",
              hint_diagnoser="name-typo", hint_line=3),
        event(3, "check", exercise_id="pet-name", passed=True, outcome="ok"),
        event(3.1, "solved", exercise_id="pet-name", tries=2, clues_used=0),
        event(5, "check", exercise_id="age-next-year", passed=False, outcome="error", error_type="TypeError",
              hint_diagnoser="input-not-converted", hint_line=1),
        event(6, "clue", exercise_id="age-next-year", level=1, diagnoser="input-not-converted"),
        event(7, "clue", exercise_id="age-next-year", level=2, diagnoser="input-not-converted"),
        event(8, "duck", exercise_id="age-next-year", path="/kids/age.py", line=1, step_kind="predict",
              question="What is in age after line 1 if you type 9?", answer=HOSTILE, actual="'9'",
              agrees=False, code="age = input('How old? ')"),
        event(9, "duck", exercise_id="age-next-year", path="/kids/age.py", line=2, step_kind="explain",
              question="What does line 2 do?", answer="It adds one to my age\nand prints it",
              code="print(age + 1)"),
        event(10, "check", exercise_id="age-next-year", passed=True, outcome="ok"),
        event(40, "run", exercise_id="loop-forever", outcome="timeout"),
        event(41, "check", exercise_id="loop-forever", passed=False, outcome="timeout", hint_diagnoser="infinite-loop"),
        event(42, "check", exercise_id="loop-forever", passed=False, outcome="timeout", hint_diagnoser="infinite-loop"),
        event(43, "check", exercise_id="loop-forever", passed=False, outcome="wrong-output"),
        event(44, "session-end"),
        event(day2, "session-start", session="s2"),
        event(day2 + 2, "run", session="s2", exercise_id="loop-forever", outcome="timeout"),
        event(day2 + 4, "a-kind-from-the-future", session="s2", anything=[1, 2]),
        event(day2 + 5, "run", session="s2", outcome="error", error_type="IndexError", path="/kids/mine.py"),
    ]
    write_events(home, profile, evs, torn=True)
    store.record_try("pet-name", False)
    store.record_try("pet-name", True)
    store.record_try("age-next-year", False)
    store.record_clue("age-next-year", 1)
    store.record_clue("age-next-year", 2)
    store.record_try("age-next-year", True)
    for _ in range(3):
        store.record_try("loop-forever", False)


TITLES = {"pet-name": "The pet's name", "age-next-year": "Next year's age", "loop-forever": "Countdown"}
