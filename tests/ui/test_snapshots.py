"""Pictures of the main screens at 80x24 (pytest-textual-snapshot). Deterministic: a fixed size,
no blinking cursor, fixed answers from the checker (so a change in the engine's wording does not
change these pictures), no paths on screen.

Update after a deliberate change of look: ``uv run pytest tests/ui/test_snapshots.py --snapshot-update``
and look at the new SVGs in ``__snapshots__``.
"""

from __future__ import annotations

from typing import Any

import pytest
from ui_helpers import open_exercise, run_and_wait, set_code, wait_for

from tutor.exercises import CheckReport, CheckResult
from tutor.explain import Fix, Hint
from tutor.progress.profiles import create_profile
from tutor.progress.store import ProgressStore
from tutor.run import RunResult
from tutor.run.result import ErrorInfo
from tutor.ui.picker import PickerScreen
from tutor.ui.profiles import ProfileScreen

SIZE = (80, 24)


def fixed_checker(exercise: Any, source: str, **kwargs: Any) -> CheckReport:
    """Pass when the program prints the expected text; else a fixed, verified hint."""
    check = exercise.checks[0]
    actual = "Hello, Sam!\n" if 'print("Hello, " + name + "!")' in source else "Hello Sam\n"
    passed = actual == check.expected
    result = RunResult(outcome="ok", exit_code=0, stdout=actual, stderr="")
    hint = None
    if not passed:
        hint = Hint(
            diagnoser="wrong-output",
            line=2,
            title="Line 2 prints the words, but the comma and the ! are missing.",
            levels=[
                "Line 2 prints the words, but the comma and the ! are missing.",
                "Compare your line with what the task shows, letter by letter.",
                'Change line 2 to print("Hello, " + name + "!").',
            ],
            fix=Fix(2, 2, 'print("Hello, " + name + "!")\n'),
            verified=True,
        )
    return CheckReport(exercise.id, passed, "ok" if passed else "wrong-output",
                       [CheckResult(check, actual, passed, result)], hint, None)


def test_profile_screen(snap_compare, make_app, home):
    create_profile("Ada", home)
    create_profile("Sam", home)

    async def ready(pilot):
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ProfileScreen))

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_picker(snap_compare, make_app, home):
    store = ProgressStore("Sam", home=home)
    store.record_try("ui-say-hello", True)
    store.record_clue("ui-add-two", 1)
    store.record_try("ui-add-two", True)

    async def ready(pilot):
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PickerScreen) and pilot.app.exercises)
        await pilot.pause()

    assert snap_compare(make_app(profile="Sam"), terminal_size=SIZE, run_before=ready)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_workbench_wrong_output_with_clues(snap_compare, make_app, size):
    async def steps(pilot):
        screen = await open_exercise(pilot, "ui-say-hello")
        set_code(screen, 'name = "Sam"\nprint("Hello", name)\n')
        await run_and_wait(pilot)
        await pilot.press("ctrl+g", "ctrl+g")
        await pilot.pause()

    app = make_app(profile="Sam", check_program=fixed_checker)
    assert snap_compare(app, terminal_size=size, run_before=steps)


def error_checker(exercise: Any, source: str, **kwargs: Any) -> CheckReport:
    """Python stopped the program on line 2 (a fixed NameError and a fixed, gentle hint)."""
    check = exercise.checks[0]
    error = ErrorInfo(type="NameError", message="name 'nmae' is not defined", line=2)
    result = RunResult(outcome="error", exit_code=1, stdout="", stderr="", error=error)
    hint = Hint(diagnoser="name-typo", line=2, title="Line 2: a name is spelled differently.",
                levels=["Line 2: one name is spelled differently from where it was made.",
                        "Python only knows the names your program made. Compare the letters.",
                        "Change nmae to name on line 2."],
                fix=Fix(2, 2, 'print("Hello, " + name + "!")\n'), verified=True)
    return CheckReport(exercise.id, False, "error", [CheckResult(check, "", False, result)], hint, None)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_workbench_after_an_error_kind_words_first(snap_compare, make_app, size):
    """The first clue and its line at once; no report from Python in the Output."""

    async def steps(pilot):
        await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        await pilot.pause()

    app = make_app(profile="Sam", check_program=error_checker)
    assert snap_compare(app, terminal_size=size, run_before=steps)


def test_workbench_light_theme(snap_compare, make_app):
    async def steps(pilot):
        await open_exercise(pilot, "ui-say-hello")
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(make_app(profile="Sam"), terminal_size=SIZE, run_before=steps)


def test_celebration(snap_compare, make_app):
    async def steps(pilot):
        from tutor.ui.dialogs import CelebrationScreen

        screen = await open_exercise(pilot, "ui-say-hello")
        set_code(screen, 'name = "Sam"\nprint("Hello, " + name + "!")\n')
        await run_and_wait(pilot)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CelebrationScreen))
        await pilot.pause()

    app = make_app(profile="Sam", check_program=fixed_checker)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps)


def test_help(snap_compare, make_app):
    async def steps(pilot):
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PickerScreen))
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(profile="Sam"), terminal_size=SIZE, run_before=steps)
