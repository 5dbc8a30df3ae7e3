"""Helpers for the app's tests: small exercises, waiting for the app, running async tests."""

from __future__ import annotations

import asyncio
import functools
import time
from pathlib import Path
from typing import Any, Callable

from tutor.exercises import LoadResult, load_exercises

HERE = Path(__file__).resolve().parent

# Three small exercises written for these tests (the real ones may change; these do not).
EXERCISES = {
    "say-hello.toml": '''
id = "ui-say-hello"
title = "Say hello"
level = 1
level_name = "First steps"
instructions = """
Print **Hello, Sam!** on one line.
"""
starter = """
name = "Sam"
print("Hello, " + nmae + "!")
"""
solution = """
name = "Sam"
print("Hello, " + name + "!")
"""
clues = ["Look at the names on line 2."]

[[checks]]
name = "hello"
stdin = ""
expected = "Hello, Sam!\\n"
''',
    "add-two.toml": '''
id = "ui-add-two"
title = "Add two numbers"
level = 1
level_name = "First steps"
instructions = """
Type two numbers. The program prints their total.
"""
starter = """
a = input("First number? ")
b = input("Second number? ")
print("Total:", a + b)
"""
solution = """
a = int(input("First number? "))
b = int(input("Second number? "))
print("Total:", a + b)
"""
clues = ["input() gives back text."]

[[checks]]
name = "one and two"
stdin = "1\\n2\\n"
expected = "First number? Second number? Total: 3\\n"
''',
    "count.toml": '''
id = "ui-count"
title = "Count to three"
timeout = 2
level = 2
level_name = "Loops"
instructions = """
Print 1, 2 and 3, one on each line.
"""
starter = """
n = 1
while n <= 3:
    print(n)
"""
solution = """
n = 1
while n <= 3:
    print(n)
    n = n + 1
"""
clues = ["Does n ever change?"]

[[checks]]
name = "count"
stdin = ""
expected = "1\\n2\\n3\\n"
''',
}


def only_from(folder: Path) -> Callable[..., LoadResult]:
    """The real loader, keeping only the exercises (and problems) from ``folder``."""

    def load(extra_dirs: Any = (), include_home: bool = True) -> LoadResult:
        result = load_exercises([folder], include_home=False)
        inside = lambda p: Path(p).resolve().is_relative_to(folder.resolve())  # noqa: E731
        return LoadResult(
            exercises=[e for e in result.exercises if inside(e.path)],
            problems=[p for p in result.problems if inside(p.path)],
        )

    return load


async def wait_for(pilot: Any, condition: Callable[[], Any], timeout: float = 30.0) -> None:
    """Let the app run until ``condition()`` is true (checked between short pauses)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def open_exercise(pilot: Any, exercise_id: str) -> Any:
    """From the picker, open an exercise the way a child does (highlight it, press Enter)."""
    from textual.widgets import OptionList

    from tutor.ui.picker import PickerScreen
    from tutor.ui.workbench import WorkbenchScreen

    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
    option_list = app.screen.query_one("#exercise-list", OptionList)
    index = next(i for i in range(option_list.option_count)
                 if option_list.get_option_at_index(i).id == f"ex:{exercise_id}")
    option_list.highlighted = index
    option_list.focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
    await pilot.pause()
    return app.screen


async def run_and_wait(pilot: Any) -> None:
    """Press F5 and wait until the run and its checking are over."""
    screen = pilot.app.screen
    before = screen.finished
    await pilot.press("f5")
    await wait_for(pilot, lambda: screen.finished > before)
    await pilot.pause()


def set_code(screen: Any, text: str) -> None:
    from textual.widgets import TextArea

    editor = screen.query_one("#editor", TextArea)
    editor.replace(text, editor.document.start, editor.document.end)


def in_loop(test: Callable[..., Any]) -> Callable[..., Any]:
    """Run an ``async def`` test with asyncio (no pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> Any:
        return asyncio.run(test(*args, **kwargs))

    return run


def shown(widget: Any) -> str:
    """The plain text a Static shows (rich renderables rendered wide, so nothing wraps)."""
    import io

    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()
