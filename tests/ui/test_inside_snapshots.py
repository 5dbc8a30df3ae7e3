"""Pictures of the Look inside view at 80x24 and 120x40 (pytest-textual-snapshot). Deterministic:
the recording is made before the app starts, the file is always called prog.py, nothing blinks.

Update after a deliberate change of look:
``uv run pytest tests/ui/test_inside_snapshots.py --snapshot-update`` and look at the new pictures.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from tutor.trace import record
from tutor.ui.inside import InsideScreen

SCORES = """
scores = []
ages = {}
for name in ["Sam", "Kim", "Ali"]:
    scores.append(len(name))
    ages[name] = 9
total = 0
for s in scores:
    total = total + s
    print("so far", total)
print("total", total)
"""

ENDLESS = """
count = 0
while count < 5:
    print("again")
print(count)
"""


class Host(App):
    def __init__(self, screen: InsideScreen) -> None:
        super().__init__()
        self.inside = screen

    def compose(self) -> ComposeResult:
        yield Static("home")

    def on_mount(self) -> None:
        self.push_screen(self.inside)


def host(tmp_path: Path, text: str, **kw) -> Host:
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    rec = record(path, **kw)
    return Host(InsideScreen(path, path.read_text(), recording=rec))


def test_lists_and_a_chart_at_80x24(snap_compare, tmp_path):
    async def steps(pilot):
        await pilot.pause()
        await pilot.press(*["right"] * 16)
        await pilot.pause()

    assert snap_compare(host(tmp_path, SCORES), terminal_size=(80, 24), run_before=steps)


def test_lists_and_a_chart_at_120x40(snap_compare, tmp_path):
    async def steps(pilot):
        await pilot.pause()
        await pilot.press(*["right"] * 16)
        await pilot.pause()

    assert snap_compare(host(tmp_path, SCORES), terminal_size=(120, 40), run_before=steps)


def test_endless_loop_at_80x24(snap_compare, tmp_path):
    async def steps(pilot):
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(host(tmp_path, ENDLESS, max_steps=2000), terminal_size=(80, 24), run_before=steps)
