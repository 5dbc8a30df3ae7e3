"""The first screen: who is programming today? Pick your name or type a new one (no password)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from .services import MissingService


class ProfileScreen(Screen[None]):
    """Pick or create a profile, then go on to the exercise picker."""

    BINDINGS = [
        Binding("escape", "focus_list", "Names", show=False),
        # A key that types nothing, so a grown-up gets there even while the name box has the keys.
        Binding("f2", "grown_ups", "Grown-ups", priority=True),
    ]

    def __init__(self, problem: str | None = None) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="profile-box"):
            yield Static("Welcome to [b]Tutor[/b]!", id="profile-welcome")
            yield Label("Who is programming today?", id="profile-question")
            yield OptionList(id="profile-list")
            yield Label("New here? Type your first name:", id="profile-new-label")
            with Horizontal(id="profile-new"):
                yield Input(placeholder="Your first name", id="profile-name", max_length=30, compact=True,
                            select_on_focus=False)
                yield Button("Start", id="profile-start", variant="primary", compact=True)
            yield Static("", id="profile-message")
            yield Button("Grown-ups (F2)", id="profile-grown-ups", compact=True,
                         tooltip="The parents' report and settings")
        yield Footer()

    def on_mount(self) -> None:
        app: Any = self.app
        names: list[str] = []
        last = None
        try:
            names = sorted(app.services.list_profiles(home=app.home), key=str.casefold)
            last = app.services.last_profile(home=app.home)
        except MissingService:
            self._say("Profiles are not available in this version.")
        except Exception as exc:  # a damaged profiles folder must not stop the app
            self._say(f"Could not read the list of names ({exc.__class__.__name__}).")
        option_list = self.query_one("#profile-list", OptionList)
        option_list.add_options([Option(f"  {name}", id=name) for name in names])
        if names:
            option_list.highlighted = names.index(last) if last in names else 0
            option_list.focus()
        else:
            option_list.display = False
            self.query_one("#profile-question", Label).update("Hello! What is your first name?")
            self.query_one("#profile-new-label", Label).display = False
            self.query_one("#profile-name", Input).focus()
        if app.is_headless:
            self.query_one("#profile-name", Input).cursor_blink = False
        if self.problem:
            self._say(self.problem)

    def _say(self, text: str) -> None:
        self.query_one("#profile-message", Static).update(text)

    def action_focus_list(self) -> None:
        option_list = self.query_one("#profile-list", OptionList)
        if option_list.display:
            option_list.focus()

    def on_key(self, event: events.Key) -> None:
        # A new child who just starts typing their name (the list of names has the keys) must not
        # end up as someone else after Enter: the letters go into the new-name box.
        option_list = self.query_one("#profile-list", OptionList)
        if option_list.has_focus and event.is_printable and event.character and event.character.strip():
            event.stop()
            event.prevent_default()
            box = self.query_one("#profile-name", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self._choose(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose_new()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "profile-start":
            event.stop()
            self._choose_new()
        elif event.button.id == "profile-grown-ups":
            event.stop()
            self.action_grown_ups()

    def action_grown_ups(self) -> None:
        getattr(self.app, "show_grown_ups")()

    def _choose_new(self) -> None:
        name = self.query_one("#profile-name", Input).value.strip()
        if not name:
            self._say("Type your first name, then press Enter.")
            self.query_one("#profile-name", Input).focus()
            return
        self._choose(name)

    def _choose(self, name: str) -> None:
        app: Any = self.app
        try:
            app.use_profile(name)
        except ValueError as exc:
            why = str(exc).rstrip(".")
            self._say(f"That name will not work: {why}. Try just your first name." if why
                      else "That name will not work. Try just your first name, in letters.")
            return
        except MissingService:
            self._say("Profiles are not available in this version.")
            return
        except OSError as exc:
            self._say(f"Could not save your name: {exc.strerror or exc}")
            return
        app.show_picker()
