"""The dialogue: answers, the real run, the first disagreement, the transcript, the session log."""

from __future__ import annotations

import json


from tutor.duck.dialogue import EXPLAINED, NOT_SURE, DuckSession
from tutor.explain.words import jargon_in


def session_for(path, **kw):
    s = DuckSession(path, **kw)
    s.run_trace()
    return s


def step_at(session, line, kind=None):
    return next(s for s in session.steps if s.line == line and (kind is None or s.kind == kind))


def test_first_disagreement_is_the_earliest_in_the_run(program):
    path = program("""
        def add_points(score, points):
            return score + points

        score = 10
        score = add_points(score, 5)
        bonus = score * 2
        print(score, bonus)
    """)
    s = session_for(path)
    s.answer(step_at(s, 2).index, "15")  # right (runs after line 5 starts)
    s.answer(step_at(s, 5).index, "15")  # right
    s.answer(step_at(s, 6).index, "20")  # wrong: 30
    s.answer(step_at(s, 7).index, "15 20")  # wrong too, but later
    review = s.review()
    assert review.checked == 4 and review.agreed == 2
    assert review.first is not None and review.first.line == 6
    assert "line 6" in review.summary and "you said 20" in review.summary and "30" in review.summary
    assert not jargon_in(review.summary)


def test_lines_that_never_ran(program):
    path = program("""
        def never(x):
            return x * 99
        x = 1
    """)
    s = session_for(path)
    s.answer(step_at(s, 2).index, "99")
    review = s.review()
    o = review.outcomes[step_at(s, 2).index]
    # a line that did not run is never graded, and never the place the duck sends the child
    assert o.ran is False and o.actual is None and o.agrees is None
    assert "did not run this time" in o.note
    assert review.first is None and review.checked == 0
    assert "line 2" not in review.summary
    assert review.outcomes[step_at(s, 1).index].fact == "`never` never ran."
    # saying it would not run, when it did not, is right
    s.answer(step_at(s, 2).index, "it never runs")
    assert s.review().outcomes[step_at(s, 2).index].agrees is True


def test_a_loop_that_never_ends_is_where_they_disagree(program):
    path = program("""
        row = 1
        while row <= 3:
            col = 1
            while col <= 3:
                print(row * col)
                row = row + 1
            row = row + 1
    """)
    s = session_for(path, timeout=1.0, max_events=2000)
    s.answer(step_at(s, 2).index, "3")
    s.answer(step_at(s, 4).index, "3 times")
    review = s.review()
    # both loops were still going round: the inner one is where it got stuck
    assert review.first.line == 4
    assert "still going" in review.outcomes[step_at(s, 4).index].actual
    assert any("`col` was 1 every one" in n for n in review.notices)
    assert "stopped it" in review.run_words


def test_explain_steps_get_facts(program):
    path = program("""
        n = 0
        for i in range(4):
            if i > 1:
                n = n + i
    """)
    s = session_for(path)
    s.answer(step_at(s, 3).index, "when i is big")
    review = s.review()
    o = review.outcomes[step_at(s, 3).index]
    assert o.agrees is None
    assert o.fact == "It was true 2 times and not true 2 times."
    assert review.explained == 1


def test_parent_marks(program):
    path = program("""
        x = 2
        y = x * 3
    """)
    s = session_for(path)
    s.mark(step_at(s, 1).index, EXPLAINED)
    s.mark(step_at(s, 2).index, EXPLAINED, parent_agrees=False)
    review = s.review()
    assert review.explained == 1
    assert review.first.line == 2 and review.checked == 1
    s.mark(step_at(s, 2).index, NOT_SURE)
    assert s.review().checked == 0


def test_transcript_follows_the_contract(program):
    path = program("""
        total = 0
        for i in range(3):
            total += i
        print(total)
    """)
    s = session_for(path)
    s.answer(0, "adding up")
    s.answer(1, "3")
    s.answer(2, "3")
    data = json.loads(json.dumps(s.transcript()))
    assert set(data) >= {"steps", "summary"}
    assert len(data["steps"]) == len(s.steps)
    for step in data["steps"]:
        assert set(step) >= {"line", "code", "question", "kind", "answer", "actual", "agrees"}
        assert step["kind"] in ("explain", "predict")
        if step["kind"] == "explain":
            assert step["actual"] is None and step["agrees"] is None
    first, loop, add, out = data["steps"]
    assert first["answer"] == "adding up" and first["code"] == "total = 0"
    assert loop["actual"] == "3 times" and loop["agrees"] is True
    assert add["actual"] == "3" and add["agrees"] is True
    assert out["answer"] is None and out["actual"] == "3" and out["agrees"] is None


def test_a_program_that_cannot_be_read(program):
    path = program("if x\n    print(1)\n")
    s = DuckSession(path)
    assert s.problem is not None and s.steps == []
    assert s.run_trace() is None
    data = s.transcript()
    assert data["steps"] == [] and "out loud" in data["summary"]


def test_saved_in_the_session_log(program, tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    from tutor.progress.log import SessionLog

    path = program("""
        x = 4
        y = x + 1
    """)
    s = session_for(path, profile="sam")
    s.answer(0, "it is the start")
    s.answer(1, "6")
    assert s.save(mode="plain") is True
    events = SessionLog("sam").events()
    assert [e["kind"] for e in events] == ["duck", "duck"]
    assert events[0]["answer"] == "it is the start" and events[0]["step_kind"] == "explain"
    assert events[1]["actual"] == "5" and events[1]["agrees"] is False and events[1]["line"] == 2
    assert events[1]["via"] == "cli"
    # saving again writes nothing new
    assert s.save(mode="plain") is False
    assert len(SessionLog("sam").events()) == 2


def test_no_profile_no_log(program):
    s = session_for(program("x = 1\n"))
    s.answer(0, "hello")
    assert s.save() is False


def test_cancel_stops_an_endless_program(program):
    import time

    path = program("""
        while True:
            pass
    """)
    s = DuckSession(path, timeout=30)
    thread = s.start_trace()
    time.sleep(0.5)
    started = time.monotonic()
    s.cancel()
    thread.join(10)
    assert not thread.is_alive()
    assert time.monotonic() - started < 5
    assert s.trace is not None and s.trace.result.outcome == "killed"


def test_how_many_times_a_message_shows_up(program):
    path = program("""
        for i in range(4):
            if i % 2 == 0:
                print("even!")
    """)
    s = session_for(path)
    s.answer(step_at(s, 3).index, "4 times")
    o = s.review().outcomes[step_at(s, 3).index]
    assert o.actual == "2 times" and o.agrees is False
    s.answer(step_at(s, 3).index, "twice")
    assert s.review().outcomes[step_at(s, 3).index].agrees is True
