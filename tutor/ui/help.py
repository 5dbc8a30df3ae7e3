"""F1: the keys and the four debugging habits."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from .words import EDITOR_KEYS, HABITS, KEYS, MOUSE, SAVING


def help_content() -> RenderableType:
    keys = Table(box=None, show_header=False, padding=(0, 2, 0, 0), pad_edge=False)
    for _ in range(2):
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
    half = (len(KEYS) + 1) // 2
    for n in range(half):
        right = KEYS[half + n] if half + n < len(KEYS) else ("", "")
        keys.add_row(*KEYS[n], *right)
    habits = Text()
    for n, (title, text) in enumerate(HABITS, 1):
        if n > 1:
            habits.append("\n")
        habits.append(f"{n}. {title}. ", style="bold")
        habits.append(text)
    return Group(
        Text("Keys", style="bold underline"),
        keys,
        Text(MOUSE + " " + EDITOR_KEYS, style="italic"),
        Text(),
        Text("Four debugging habits", style="bold underline"),
        habits,
        Text(SAVING, style="italic"),
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            with VerticalScroll(id="help-scroll"):
                yield Static(help_content(), id="help-text")
            yield Button("Close (Escape)", id="help-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
