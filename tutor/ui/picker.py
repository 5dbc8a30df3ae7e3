"""The exercise picker: levels, titles, a tick for solved, a star for "fixed without clues"."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

TICK = "✓"
STAR = "★"


def exercise_prompt(exercise: Any, progress: Any) -> Text:
    solved = bool(getattr(progress, "solved", False))
    alone = bool(getattr(progress, "fixed_alone", False))
    text = Text("  ")
    text.append(TICK if solved else " ", style="bold green" if solved else "")
    text.append(" ")
    text.append(STAR if alone else " ", style="bold yellow" if alone else "")
    text.append(" ")
    text.append(str(exercise.title))
    return text


def level_prompt(level: Any, name: str | None) -> Text:
    label = f"Level {level}" + (f" · {name}" if name else "")
    return Text(label, style="bold")


class PickerScreen(Screen[None]):
    """Choose an exercise (Enter or click), or open your own program."""

    BINDINGS = [
        Binding("n", "new_program", "Make my own program"),
        Binding("o", "open_own", "Open a program"),
        Binding("p", "change_player", "Change player"),
        Binding("g", "grown_ups", "Grown-ups"),
        Binding("f2", "grown_ups", "Grown-ups", show=False),  # as on the names screen
    ]

    def compose(self) -> ComposeResult:
        app: Any = self.app
        yield Static(f"Hi {app.profile or 'there'}! Pick an exercise.", id="picker-title")
        with Horizontal(id="picker-main"):
            with Vertical(id="picker-left"):
                yield OptionList(id="exercise-list")
                yield Static(f"[green]{TICK}[/] solved   [yellow]{STAR}[/] fixed without clues", id="picker-legend")
            with VerticalScroll(id="picker-preview"):
                yield Static("Loading the exercises…", id="picker-preview-text")
        with Horizontal(id="picker-buttons"):
            yield Button("Make my own program", id="new-own", compact=True, variant="primary")
            yield Button("Open a program", id="open-own", compact=True)
            yield Button("Change player", id="change-player", compact=True)
            yield Button("Grown-ups", id="grown-ups", compact=True, tooltip="The parents' report and settings")
        yield Footer()

    def on_mount(self) -> None:
        app: Any = self.app
        if app.exercises is None:
            # After the first frame: the loading thread would otherwise compete with it.
            self.call_after_refresh(self.load_exercises)
        else:
            self.show_exercises()

    def on_screen_resume(self) -> None:
        # Back from the workbench: ticks and stars may have changed.
        if self.is_mounted and getattr(self.app, "exercises", None) is not None:
            self.show_exercises(keep_highlight=True)

    @work(thread=True, exclusive=True, group="load-exercises")
    def load_exercises(self) -> None:
        app: Any = self.app
        problems: list[str] = []
        exercises: list[Any] = []
        try:
            result = app.services.load_exercises(extra_dirs=app.exercise_dirs)
            exercises = list(result.exercises)
            problems = [str(p) for p in getattr(result, "problems", [])]
        except Exception as exc:
            problems = [f"The exercises could not be loaded: {exc}"]
        # Read the progress file here too, off the main thread.
        progress = {e.id: app.progress_of(e.id) for e in exercises}
        app.call_from_thread(self._loaded, exercises, problems, progress)
        # While the child reads the list, get the checker ready for the first run.
        app.services.warm_up(("check_program", "running_program"))

    def _loaded(self, exercises: list[Any], problems: list[str], progress: dict[str, Any]) -> None:
        app: Any = self.app
        app.exercises = exercises
        app.load_problems = problems
        if problems:
            shown = "\n".join(f"• {p}" for p in problems[:3])
            more = f"\n…and {len(problems) - 3} more" if len(problems) > 3 else ""
            self.notify(f"Some exercise files have problems and were skipped:\n{shown}{more}",
                        title="Exercises", severity="warning", timeout=10, markup=False)
        if self.is_attached and self in app.screen_stack:
            self.show_exercises(progress=progress)
        # Otherwise this screen was left before the list came (the child changed player while it
        # loaded): the exercises are kept for the next picker, the progress read here is not.

    def show_exercises(self, *, progress: dict[str, Any] | None = None, keep_highlight: bool = False) -> None:
        app: Any = self.app
        exercises = app.exercises or []
        option_list = self.query_one("#exercise-list", OptionList)
        old = option_list.highlighted_option.id if keep_highlight and option_list.highlighted_option else None
        option_list.clear_options()
        app.show_store_problem()
        own = app.own_programs()
        if not exercises and not own:
            self.query_one("#picker-preview-text", Static).update(
                "No exercises were found.\n\nYou can still make your own program (press N)."
            )
            self.query_one("#new-own", Button).focus()
            return
        options: list[Option] = []
        current_level = object()
        unsolved: list[int] = []
        for exercise in sorted(exercises, key=lambda e: (e.level, str(e.id))):
            if exercise.level != current_level:
                current_level = exercise.level
                options.append(Option(level_prompt(exercise.level, getattr(exercise, "level_name", None)),
                                      id=f"level:{exercise.level}", disabled=True))
            state = progress.get(exercise.id) if progress is not None else app.progress_of(exercise.id)
            if not getattr(state, "solved", False):
                unsolved.append(len(options))
            options.append(Option(exercise_prompt(exercise, state), id=f"ex:{exercise.id}"))
        if own:
            # The child's own programs, with the exercises: a blank page is a program like any other.
            options.append(Option(Text("My programs", style="bold"), id="level:own", disabled=True))
            for path in own:
                options.append(Option(Text(f"      {path.stem}"), id=f"own:{path.name}"))
        option_list.add_options(options)
        target = None
        if old is not None:
            target = next((i for i, o in enumerate(options) if o.id == old), None)
        if target is None and unsolved:
            # The first exercise not solved yet, so "Enter" goes on where the child left off.
            target = unsolved[0]
        if target is None:
            target = next(i for i, o in enumerate(options) if not o.disabled)
        option_list.highlighted = target
        option_list.focus()

    def _exercise(self, option_id: str | None) -> Any:
        if not option_id or not option_id.startswith("ex:"):
            return None
        wanted = option_id[3:]
        app: Any = self.app
        return next((e for e in app.exercises or [] if str(e.id) == wanted), None)

    def _own(self, option_id: str | None) -> Any:
        if not option_id or not option_id.startswith("own:"):
            return None
        app: Any = self.app
        return app.programs_folder() / option_id[4:]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        own = self._own(event.option.id)
        if own is not None:
            self.query_one("#picker-preview-text", Static).update(
                f"Your own program: {own.stem}\n\nPress Enter to work on it.")
            return
        exercise = self._exercise(event.option.id)
        if exercise is None:
            return
        from rich.markdown import Markdown

        preview = self.query_one("#picker-preview-text", Static)
        preview.update(Markdown(f"# {exercise.title}\n\n{exercise.instructions}"))
        self.query_one("#picker-preview", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        own = self._own(event.option.id)
        if own is not None:
            getattr(self.app, "open_workbench")(path=own)
            return
        exercise = self._exercise(event.option.id)
        if exercise is not None:
            self.open_exercise(exercise)

    def open_exercise(self, exercise: Any) -> None:
        getattr(self.app, "open_workbench")(exercise=exercise)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "new-own":
            self.action_new_program()
        elif event.button.id == "open-own":
            self.action_open_own()
        elif event.button.id == "change-player":
            self.action_change_player()
        elif event.button.id == "grown-ups":
            self.action_grown_ups()

    def action_new_program(self) -> None:
        """A blank page: a new program in the child's own folder, named by the child."""
        from .dialogs import NewProgramScreen

        app: Any = self.app

        def made(path: Any) -> None:
            if path is not None:
                app.open_workbench(path=path)

        app.push_screen(NewProgramScreen(app.programs_folder()), made)

    def action_open_own(self) -> None:
        from .dialogs import OpenFileScreen

        app: Any = self.app

        def opened(path: Any) -> None:
            if path is not None:
                app.open_workbench(path=path)

        # It starts in the child's own programs folder (never wherever the tutor was started).
        app.push_screen(OpenFileScreen(app.programs_folder()), opened)

    def action_grown_ups(self) -> None:
        getattr(self.app, "show_grown_ups")()

    def action_change_player(self) -> None:
        getattr(self.app, "show_profiles")()
