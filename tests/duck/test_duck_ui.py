"""Pilot tests for the Duck screen, pushed onto a tiny test app (not the main app)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path
from textual.app import App, ComposeResult
from textual.widgets import Digits, Input, OptionList, Sparkline, Static

from tutor.duck.dialogue import EXPLAINED, NOT_SURE, SKIPPED
from tutor.ui.duck import CodeView, DuckScreen


def in_loop(test):
    """Run an ``async def`` test with asyncio (no pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


class Host(App):
    def __init__(self, screen: DuckScreen) -> None:
        super().__init__()
        self.duck = screen
        self.dismissed_with = "not yet"

    def compose(self) -> ComposeResult:
        yield Static("home", id="home")

    def on_mount(self) -> None:
        self.push_screen(self.duck, callback=self._back)

    def _back(self, result) -> None:
        self.dismissed_with = result


async def until(pilot, condition, seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting")


def text_of(widget: Static) -> str:
    return str(widget.render())


def make(path: Path, **kw) -> DuckScreen:
    return DuckScreen(path, path.read_text(), **kw)


PROGRAM = """
total = 0
for i in range(1, 4):
    total = total + i
print(total)
"""


@in_loop
async def test_child_types_answers_then_sees_what_really_happened(program):
    path = program(PROGRAM)
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.session is not None and not screen.query_one("#duck-answer", Input).disabled)
        assert "Question 1 of 4" in text_of(screen.query_one("#duck-progress", Static))
        assert screen.query_one("#duck-code", CodeView).current == 1
        await pilot.press(*"adds up", "enter")
        assert screen.query_one("#duck-code", CodeView).current == 2
        assert "How many times" in text_of(screen.query_one("#duck-question", Static))
        await pilot.press("3", "enter")
        await pilot.press("5", "enter")  # wrong: total is 1 the first time
        await pilot.press("6", "enter")
        await until(pilot, lambda: screen.review is not None)
        review = screen.review
        assert review.first is not None and review.first.line == 3
        summary = text_of(screen.query_one("#review-summary", Static))
        assert "first difference is line 3" in summary
        listing = text_of(screen.query_one("#review-list", Static))
        assert "first difference" in listing and "you said 5" in listing
        code = screen.query_one("#review-code", CodeView)
        assert code.first == 3 and code.hits[3] == 3 and code.marks[2] == "✔"
        names = screen.query_one("#value-names", OptionList)
        assert names.option_count >= 2


@in_loop
async def test_letters_typed_in_the_answer_box_are_not_shortcuts(program):
    path = program("x = 1\ny = x + 1\n")
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not screen.query_one("#duck-answer", Input).disabled)
        await pilot.press(*"pens")
        assert screen.query_one("#duck-answer", Input).value == "pens"
        assert not screen.parent_mode


@in_loop
async def test_parent_is_the_duck_no_typing(program):
    path = program("""
        x = 2
        y = x * 3
        print(y)
        print(x)
    """)
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.session is not None and screen.session.trace_ready
                    and not screen.query_one("#duck-answer", Input).disabled)
        await pilot.press("f2")
        assert screen.parent_mode and screen.has_class("parent-mode")
        assert screen.query_one("#parent-question", Static).display
        assert screen.query_one("#duck-talk").display is False or not screen.query_one("#duck-talk").region.area
        assert screen.query_one("#parent-digits", Digits).value == "1"
        assert "Line 1 gives x its first value" in text_of(screen.query_one("#parent-question", Static))
        await pilot.press("e")  # line 1 (explain): explained out loud
        assert screen.query_one("#parent-digits", Digits).value == "2"
        await pilot.press("e")  # line 2 (predict): the real value is shown to the parent
        assert screen.revealing
        assert "6" in text_of(screen.query_one("#parent-question", Static))
        await pilot.press("y")  # the child said the same
        await pilot.press("n")  # line 3: not sure
        await pilot.press("b")  # back to line 3
        assert screen.step.line == 3
        await pilot.press("s")  # skip it
        await pilot.press("e")
        await pilot.press("n")  # line 4: said something else
        await until(pilot, lambda: screen.review is not None)
        answers = screen.session.answers
        assert answers[0].how == EXPLAINED
        assert answers[1].how == EXPLAINED and answers[1].parent_agrees is True
        assert answers[2].how == SKIPPED
        assert answers[3].how == EXPLAINED and answers[3].parent_agrees is False
        assert screen.review.first.line == 4
        assert screen.review.agreed == 1 and screen.review.checked == 2


@in_loop
async def test_parent_mode_not_sure_and_toggle_back(program):
    path = program("a = 1\nb = a + 1\n")
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not screen.query_one("#duck-answer", Input).disabled)
        await pilot.press("f2")
        await pilot.press("n")
        assert screen.session.answers[0].how == NOT_SURE
        await pilot.press("p")  # back to typing
        assert not screen.parent_mode
        assert screen.query_one("#duck-answer", Input).has_focus


@in_loop
async def test_escape_goes_back_and_stops_the_run(program):
    path = program("""
        while True:
            pass
    """)
    screen = make(path, timeout=30)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.session is not None and screen.session._running is not None)
        await pilot.press("escape")
        await until(pilot, lambda: app.dismissed_with != "not yet")
        assert app.screen is not screen
        await until(pilot, lambda: screen.session.trace_ready, seconds=10)
        assert screen.session.trace.result.outcome == "killed"


@in_loop
async def test_a_program_that_cannot_be_read(program):
    path = program("print('hi'\nx = 1\n")
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.session is not None)
        await pilot.pause(0.1)
        assert "out loud" in text_of(screen.query_one("#duck-question", Static))
        assert screen.query_one("#duck-answer", Input).disabled
        await pilot.press("f2")
        assert not screen.parent_mode


@in_loop
async def test_finish_early_and_the_values_of_a_stuck_loop(program):
    path = program("""
        row = 1
        while row <= 3:
            col = 1
            while col <= 3:
                print(row * col)
                row = row + 1
            row = row + 1
    """)
    screen = make(path, timeout=1.0)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not screen.query_one("#duck-answer", Input).disabled)
        await pilot.press("enter", "3", "enter")
        await pilot.press("f5")
        assert screen.has_class("reviewing")
        await until(pilot, lambda: screen.review is not None)
        assert "Look:" in text_of(screen.query_one("#review-list", Static))
        screen.query_one("#review-tabs").active = "tab-values"
        await pilot.pause(0.1)
        names = screen._value_names
        assert "col" in names
        names_list = screen.query_one("#value-names", OptionList)
        names_list.highlighted = names.index("col")
        await pilot.pause(0.1)
        assert "never changed" in text_of(screen.query_one("#value-text", Static))
        chart = screen.query_one("#value-chart", Sparkline)
        assert chart.display and set(chart.data) == {1.0}


@in_loop
async def test_back_button_and_skip(program):
    path = program("a = 1\nb = a + 1\nc = b + 1\n")
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not screen.query_one("#duck-answer", Input).disabled)
        await pilot.press("x", "enter")
        await pilot.click("#duck-skip")
        await pilot.pause(0.1)
        assert screen.step.line == 3
        await pilot.click("#duck-back")
        await pilot.pause(0.3)
        await pilot.click("#duck-back")
        await pilot.pause(0.1)
        assert screen.step.line == 1
        assert screen.query_one("#duck-answer", Input).value == "x"  # the answer given before


@in_loop
async def test_answers_are_saved_in_the_profiles_session_log(program, tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    from tutor.progress.log import SessionLog

    path = program("a = 3\nb = a * 2\n")
    screen = make(path, profile="kim")
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not screen.query_one("#duck-answer", Input).disabled)
        await pilot.press(*"a start", "enter", "6", "enter")
        await until(pilot, lambda: screen.review is not None)
        assert screen.saved
    events = SessionLog("kim").events()
    assert [(e["kind"], e["answer"], e["agrees"], e["via"]) for e in events] == [
        ("duck", "a start", None, "app"),
        ("duck", "6", True, "app"),
    ]


TWO_QUESTIONS = """
print("How many sweets?")
sweets = int(input())
friends = int(input("How many friends? "))
print("Each friend gets", sweets // friends)
"""


@in_loop
async def test_own_program_the_duck_asks_what_to_type_one_answer_at_a_time(program):
    path = program(TWO_QUESTIONS)
    screen = make(path)  # no choices at all: it asks straight away, in the answer box
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.has_class("typing-own"))
        assert "What should I type" in text_of(screen.query_one("#duck-question", Static))
        assert screen.session is not None and screen.session.trace is None
        await pilot.press(*"12", "enter")
        assert "12" in text_of(screen.query_one("#duck-question", Static))  # and what next?
        await pilot.press(*"zero", "enter")  # the program wants digits: asked again, kindly
        assert "like 0" in text_of(screen.query_one("#duck-question", Static))
        await pilot.press("0", "enter")
        await pilot.press("enter")  # that is all
        await until(pilot, lambda: not screen.has_class("choosing"))
        assert screen.stdin == "12\n0\n"
        assert "12, then 0" in text_of(screen.query_one("#duck-typing", Static))
        await until(pilot, lambda: screen.session.trace_ready)
        # what it typed is what the program got (sharing among 0 friends stops it on line 4)
        assert screen.session.trace.result.error is not None and screen.session.trace.result.error.line == 4


@in_loop
async def test_choosing_something_else_and_typed_before_is_only_offered(program):
    path = program(TWO_QUESTIONS)
    screen = make(path, typing_choices=["10\n2\n"], typed_before="7\n0\n")
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.has_class("choosing"))
        choices = screen.query_one("#duck-typing-choices", OptionList)
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert labels == ["10, then 2  (from the task)", "7, then 0  (what you typed last time)", "Something else…"]
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: screen.has_class("typing-own"))
        await pilot.press(*"20", "enter", *"4", "enter", "enter")
        await until(pilot, lambda: not screen.has_class("choosing"))
        assert screen.stdin == "20\n4\n"
        await until(pilot, lambda: screen.session.trace_ready)
        assert screen.session.trace.result.stdout.endswith("Each friend gets 5\n")


@in_loop
async def test_typing_given_by_the_caller_is_used_and_shown(program):
    path = program(TWO_QUESTIONS)
    screen = make(path, stdin="9\n3\n")  # e.g. tutor duck --stdin
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.session is not None and not screen.query_one("#duck-answer", Input).disabled)
        assert not screen.has_class("choosing")
        assert "9, then 3" in text_of(screen.query_one("#duck-typing", Static))


@in_loop
async def test_a_number_in_words_is_asked_again_in_digits(program):
    path = program("age = int(input())\nprint(age + 1)\n")
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen.has_class("typing-own"))
        await pilot.press(*"nine", "enter")
        assert "like 9" in text_of(screen.query_one("#duck-question", Static))
        assert screen.has_class("choosing")
        await pilot.press(*"9", "enter")
        await until(pilot, lambda: not screen.has_class("choosing"))
        assert screen.stdin == "9\n"


@in_loop
async def test_parent_is_never_asked_to_grade_a_line_that_did_not_run(program):
    path = program("""
        x = 2
        print(x / 0)
        print(x + 1)
    """)
    screen = make(path)
    app = Host(screen)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: screen.session is not None and screen.session.trace_ready
                    and not screen.query_one("#duck-answer", Input).disabled)
        await pilot.press("f2")
        await pilot.press("e")  # line 1
        await pilot.press("e")  # line 2 ran (and stopped there): the parent sees what happened
        assert screen.revealing
        await pilot.press("n")
        assert screen.step.line == 3
        await pilot.press("e")  # line 3 did not run: nothing to grade, on to the end
        await until(pilot, lambda: screen.review is not None)
        assert any("did not run this time" in str(n.message) for n in app._notifications)
        review = screen.review
        assert review.first is not None and review.first.line == 2
        assert {o.line: o.agrees for o in review.outcomes}[3] is None
