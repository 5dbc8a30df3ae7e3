"""Pilot tests for the Look inside view: next, back, step over, run to a line, jump to a change and
to the problem, an endless loop at a glance, and the ways in (workbench F8, a clue's line)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Sparkline, Static
from ui_helpers import in_loop, open_exercise, run_and_wait, shown, wait_for

from tutor.ui.inside import InsideCode, InsideScreen

PROGRAM = """
def double(n):
    m = n * 2
    return m

total = 0
for i in range(3):
    total = total + double(i)
scores = [total, 5]
print(scores[2])
"""


class Host(App):
    def __init__(self, screen: InsideScreen) -> None:
        super().__init__()
        self.inside = screen

    def compose(self) -> ComposeResult:
        yield Static("home")

    def on_mount(self) -> None:
        self.push_screen(self.inside)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def opened(tmp_path: Path, text: str = PROGRAM, **kw) -> tuple[Host, InsideScreen]:
    path = write(tmp_path, text)
    screen = InsideScreen(path, path.read_text(), **kw)
    return Host(screen), screen


def step_text(screen: InsideScreen) -> str:
    return shown(screen.query_one("#in-step", Static))


def current(screen: InsideScreen):
    return screen.recording.step(screen.index)


@in_loop
async def test_next_back_and_step_over(tmp_path):
    app, screen = opened(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: screen.recording is not None)
        assert screen.index == 0 and current(screen).line == 1
        assert "Step 1 of" in step_text(screen)
        await pilot.press("right", "right", "right")
        assert current(screen).line == 7 and screen.index == 3
        await pilot.press("left")
        assert screen.index == 2 and "Went back a step." in step_text(screen)
        assert screen.query_one("#in-code", InsideCode).current == 6
        await pilot.press("right", "right")
        assert current(screen).event == "call" and current(screen).function == "double"
        assert screen.recording.vars_at(screen.index) == {"n": "0"}
        await pilot.press("left", "down")  # step over the call: the next line at the top
        assert current(screen).line == 6 and current(screen).function == "<module>"
        assert screen.recording.vars_at(screen.index) == {"total": "0", "i": "0"}
        # how many times each line ran so far, in the gutter
        assert screen.query_one("#in-code", InsideCode).counts == {1: 1, 2: 1, 3: 1, 5: 1, 6: 2, 7: 1}
        await pilot.press("up")
        assert current(screen).line == 7 and "Went back a line here" in step_text(screen)


@in_loop
async def test_jump_to_change_and_run_to_a_line(tmp_path):
    app, screen = opened(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: screen.recording is not None)
        assert screen.chosen in ("total", "i")
        while screen.chosen != "total":
            await pilot.press("right")
            await pilot.press("v")
        await pilot.press("home", "c")
        s = current(screen)
        assert s.line == 6 and "total" in s.changed and screen.recording.vars_at(screen.index)["total"] == "0"
        assert "change 1 of 3" in step_text(screen)
        await pilot.press("c")  # 0 + double(0) is 0 again: not a change
        assert screen.recording.vars_at(screen.index)["total"] == "2"
        assert "● total" in shown(screen.query_one("#in-vars", Static))
        label = shown(screen.query_one("#in-chart-label", Static))
        assert "total had 3 values, from 0 to 6. This step shows value 2 of 3." in label
        assert screen.query_one("#in-chart", Sparkline).data == [0.0, 2.0, 6.0]
        # run to a line: g, type it, Enter; then again: its next time
        await pilot.press("g", "3", "enter")
        assert current(screen).line == 3 and "Ran on to line 3: its 3rd time." in step_text(screen)
        third = screen.index
        await pilot.press("g", "3", "enter")
        assert current(screen).line == 3 and screen.index < third
        assert "its 1st time (from the start again)" in step_text(screen)
        await pilot.press("g", "9", "9", "enter")
        assert "Line 99 never ran." in step_text(screen)


@in_loop
async def test_jump_to_the_problem_and_the_list_as_boxes(tmp_path):
    app, screen = opened(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: screen.recording is not None)
        await pilot.press("e")
        s = current(screen)
        assert s.event == "error" and s.line == 9
        assert "a problem on line 9: IndexError" in step_text(screen)
        drawn = shown(screen.query_one("#in-vars", Static))
        assert "scores  (list, 2 items)" in drawn and "│ 6 │ 5 │" in drawn
        assert "Printed so far: nothing yet" in shown(screen.query_one("#in-output", Static))


@in_loop
async def test_an_endless_loop_at_a_glance(tmp_path):
    loop = """
    count = 0
    while count < 5:
        print("again")
    print(count)
    """
    app, screen = opened(tmp_path, loop, max_steps=3000)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: screen.recording is not None)
        story = shown(screen.query_one("#in-story", Static))
        assert "Stopped after 3,000 steps." in story
        assert "Line 2 ran 1,500 times, and `count` stayed 0." in story
        await pilot.press("end")
        assert screen.query_one("#in-code", InsideCode).counts == {1: 1, 2: 1500, 3: 1499}
        assert "again" in shown(screen.query_one("#in-output", Static))
        assert "count stayed 0 the whole time" in shown(screen.query_one("#in-chart-label", Static))
        await pilot.press("e")
        assert "No problem happened in this run." in step_text(screen)


@in_loop
async def test_opens_at_the_first_time_a_line_ran(tmp_path):
    app, screen = opened(tmp_path, start_line=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: screen.recording is not None)
        s = current(screen)
        assert s.line == 3 and s.function == "double"
        assert screen.recording.vars_at(screen.index) == {"n": "0", "m": "0"}
        assert "Jumped to the first time line 3 ran." in step_text(screen)
        await pilot.press("escape")
        assert not isinstance(app.screen, InsideScreen)


@in_loop
async def test_workbench_f8_opens_at_the_clue_line(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        await pilot.press("f8")
        await wait_for(pilot, lambda: isinstance(app.screen, InsideScreen))
        screen = app.screen
        await wait_for(pilot, lambda: screen.recording is not None)
        s = current(screen)
        assert s.line == 2  # the clue's line: where nmae is
        await pilot.press("e")
        assert current(screen).event == "error"
        assert bench in app.screen_stack
        # Back to the workbench, and it still answers keys (leaving once froze the whole app:
        # the screen's own `_closed` flag hid Textual's).
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is bench)
        before = bench.query_one("#clues").revealed
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: bench.query_one("#clues").revealed == before + 1)


@in_loop
async def test_click_a_line_to_run_to_it(tmp_path):
    app, screen = opened(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: screen.recording is not None)
        await pilot.click("#in-code", offset=(12, 3))  # the border is row 0: row 3 is line 3
        assert current(screen).line == 3 and current(screen).function == "double"
        assert "Ran on to line 3: its 1st time." in step_text(screen)
