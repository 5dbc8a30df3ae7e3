"""No typing lost: while a child types steadily, the code still reaches the disk every couple of
seconds (a throttle, not only a pause-based debounce), so a crash loses at most that much."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path


def test_steady_typing_is_saved_while_it_goes_on(tmp_path):
    from textual.widgets import TextArea

    from tutor.exercises import load_exercises
    from tutor.ui.app import create_app
    from tutor.ui.workbench import AUTOSAVE_DELAY, WorkbenchScreen

    program = tmp_path / "typing.py"
    program.write_text("print('hi')\n", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()

    async def go() -> None:
        app = create_app(home=home, open_path=program, load_exercises=lambda *a, **k: load_exercises([]))
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if isinstance(app.screen, WorkbenchScreen):
                    break
                await pilot.pause(0.05)
            editor = app.screen.query_one("#editor", TextArea)
            editor.focus()
            editor.move_cursor(editor.document.end)
            # Type a key every 0.2 s (never a 2 s pause) for well over the autosave delay.
            started = time.monotonic()
            saved_while_typing = False
            while time.monotonic() - started < AUTOSAVE_DELAY * 3:
                await pilot.press("x")
                await pilot.pause(0.2)
                if "x" in program.read_text(encoding="utf-8"):
                    saved_while_typing = True
                    break
            assert saved_while_typing

    asyncio.run(go())
