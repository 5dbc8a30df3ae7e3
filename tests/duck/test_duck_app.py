"""The duck in the whole app, the way a 9-year-old meets it (issue 13, problems 2 and 3).

2. The duck marked a right answer wrong: it silently reused the typing of an earlier run ('Rex'),
   graded "the puppys name" wrong, sent the child to a line without the bug, and the parents'
   report repeated it as its top talking point about a line that never ran.
3. "Talk to the duck" on a program Python cannot read was a dead end pointing at a terminal command,
   with an answer box that did nothing.
"""

from __future__ import annotations

import asyncio
import functools
import time
from pathlib import Path

from textual.widgets import Button, Input, OptionList, Static

from tutor.exercises import load_exercises
from tutor.progress.report import build_report
from tutor.progress.settings import update_settings
from tutor.ui.app import create_app
from tutor.ui.duck import DuckScreen

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = ("tutor explain", "syntax", "traceback", "prediction", "exception")


def in_loop(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


async def wait_for(pilot, condition, timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


def shown(widget) -> str:
    return str(widget.render())


def only(*ids: str):
    """The real exercises from the repository, just the ones named."""

    def load(extra_dirs=(), include_home=True):
        result = load_exercises([REPO / "exercises"], include_home=False)
        result.exercises[:] = [e for e in result.exercises if str(e.id) in ids]
        result.problems[:] = []
        return result

    return load


async def open_exercise(pilot, exercise_id: str):
    from tutor.ui.picker import PickerScreen
    from tutor.ui.workbench import WorkbenchScreen

    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
    options = app.screen.query_one("#exercise-list", OptionList)
    options.highlighted = next(i for i in range(options.option_count)
                               if options.get_option_at_index(i).id == f"ex:{exercise_id}")
    options.focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
    await pilot.pause()
    return app.screen


@in_loop
async def test_problem_2_the_duck_asks_what_to_type_and_grades_by_meaning(tmp_path):
    home = tmp_path / "home"
    app = create_app(profile="Mia", home=home, load_exercises=only("puppy-name"))
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_exercise(pilot, "puppy-name")
        # an earlier run, where Mia typed Rex
        await pilot.press("f5")
        await wait_for(pilot, lambda: bench.program is not None and not bench.query_one("#answer", Input).disabled)
        bench.query_one("#answer", Input).focus()
        await pilot.press(*"Rex", "enter")
        await wait_for(pilot, lambda: not bench.running and bench.last_inputs == ["Rex"])

        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, DuckScreen))
        duck = app.screen
        await wait_for(pilot, lambda: duck.has_class("choosing"))
        # it asks, offering the task's own answer first; Rex is offered, never used silently
        choices = duck.query_one("#duck-typing-choices", OptionList)
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert labels[0].startswith("Biscuit") and "task" in labels[0]
        assert any(label.startswith("Rex") and "last time" in label for label in labels)
        assert labels[-1].startswith("Something else")
        assert duck.session is not None and duck.session.trace is None  # nothing has run yet
        assert not duck.query_one("#duck-answer", Input).display  # no idle answer box
        await pilot.press("enter")  # the task's answer: Biscuit
        await wait_for(pilot, lambda: not duck.has_class("choosing"))
        assert "Biscuit" in shown(duck.query_one("#duck-typing", Static))

        # a sloppy, right explanation of every line
        await pilot.press("enter")  # line 1: skipped
        for answer in ("the puppys name", "Hello, the puppys name!", "biscit wags its tail", "good dog biscuit"):
            await pilot.press(*answer, "enter")
        await wait_for(pilot, lambda: duck.review is not None)
        review = duck.review
        by_line = {o.line: o for o in review.outcomes}
        assert by_line[2].agrees is True  # "the puppys name" is what `name` holds
        assert by_line[3].agrees is False and by_line[3].ran  # the line with the bug
        assert by_line[4].agrees is None and by_line[5].agrees is None  # they did not run
        assert review.first is by_line[3]
        summary = shown(duck.query_one("#review-summary", Static))
        assert "line 3" in summary and "line 2" not in summary
        listing = shown(duck.query_one("#review-list", Static))
        assert "I typed: Biscuit" in listing and "did not run this time" in listing
        assert not any(word in (summary + listing).lower() for word in FORBIDDEN)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is bench)

    # the parents' report talks about line 3, the line that ran and had the bug
    report = build_report("Mia", home)
    duck_points = [s for s in report.suggestions if s.category == "duck-mismatch"]
    assert duck_points and "line 3" in duck_points[0].topic
    assert all("line 5" not in s.topic and "line 4" not in s.topic for s in report.suggestions)


@in_loop
async def test_problem_3_a_program_python_cannot_read_is_read_out_loud(tmp_path):
    home = tmp_path / "home"
    update_settings(home, max_clue_levels=2)
    app = create_app(profile="Mia", home=home, load_exercises=only("football-winner"))
    async with app.run_test(size=(80, 24)) as pilot:
        bench = await open_exercise(pilot, "football-winner")  # line 4: `If home > away:`
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, DuckScreen))
        duck = app.screen
        await wait_for(pilot, lambda: duck.has_class("reading"))
        question = shown(duck.query_one("#duck-question", Static))
        assert "line 4" in question and "out loud" in question
        # no answer box that does nothing, no typing chooser, no terminal command
        assert not duck.query_one("#duck-answer", Input).display
        assert not duck.query_one("#duck-typing-choices", OptionList).display
        assert duck.query_one("#duck-code").current == 4
        piece = shown(duck.query_one("#duck-piece", Static))
        assert "Piece 1 of 5" in piece and "If" in piece
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Piece 2 of 5" in shown(duck.query_one("#duck-piece", Static)))
        for number in range(3, 7):
            await pilot.press("enter")
            await wait_for(pilot, lambda: duck.read_index == number - 1)
        end = shown(duck.query_one("#duck-piece", Static))
        assert "colon" in end and "bracket" in end

        # the clue ladder beside it, from the explainer, within the parents' limit (2 clues)
        await wait_for(pilot, lambda: duck.clue_levels is not None)
        assert len(duck.clue_levels) == 2
        await pilot.click("#duck-clue")
        clues = shown(duck.query_one("#duck-clues", Static))
        assert clues.startswith("Clue 1: Line 4")
        await pilot.pause(0.6)  # a second click at once would be a double click
        await pilot.click("#duck-clue")
        assert "Clue 2:" in shown(duck.query_one("#duck-clues", Static))
        assert duck.query_one("#duck-clue", Button).disabled  # that is all a parent allowed
        everything = " ".join(shown(w) for w in duck.query(Static)).lower()
        assert not any(word in everything for word in FORBIDDEN)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is bench)
