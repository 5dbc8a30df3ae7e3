"""Small screens on top of the others: open a file, "are you sure?", and the celebration."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, Static


def read_program_file(path: Path) -> tuple[str | None, str | None]:
    """(text, None) for a readable Python file, or (None, a friendly reason it cannot be opened)."""
    if not path.exists():
        return None, f"There is no file called {path.name or path} there."
    if path.is_dir():
        return None, f"{path.name or path} is a folder. Pick a .py file inside it."
    if path.suffix.lower() != ".py":
        return None, f"{path.name} is not a Python program (its name should end in .py)."
    try:
        data = path.read_bytes()
    except PermissionError:
        return None, f"You are not allowed to read {path.name}."
    except OSError as exc:
        return None, f"{path.name} could not be read ({exc.strerror or exc})."
    if len(data) > 1_000_000:
        return None, f"{path.name} is too big for the tutor (more than 1 MB)."
    if b"\0" in data[:8192]:
        return None, f"{path.name} is not a text file."
    # Not UTF-8, or hidden control characters: shown read-only with a note, never rewritten.
    from ..safe_text import decode_program

    return decode_program(data)


class PythonFilesTree(DirectoryTree):
    """Folders and .py files only, no hidden ones."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        shown = []
        for path in paths:
            if path.name.startswith(".") or path.name == "__pycache__":
                continue
            try:
                if path.is_dir() or path.suffix.lower() == ".py":
                    shown.append(path)
            except OSError:
                continue
        return shown


class OpenFileScreen(ModalScreen["Path | None"]):
    """Choose any .py file: type its path or pick it in the folder tree."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = Path(start) if start is not None else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(id="open-box", classes="dialog"):
            yield Label("[b]Open my own program[/b]  (a .py file)", id="open-title")
            yield Input(value=str(self.start) + os.sep, placeholder="Path of a .py file", id="open-path", compact=True)
            yield PythonFilesTree(self.start, id="open-tree")
            yield Static("", id="open-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Open", id="open-ok", variant="primary", compact=True)
                yield Button("Cancel", id="open-cancel", compact=True)

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one("#open-path", Input).cursor_blink = False
        self.query_one("#open-tree", PythonFilesTree).focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#open-path", Input).value = str(event.path)
        self._try_open(Path(event.path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open_typed(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "open-ok":
            self._open_typed(self.query_one("#open-path", Input).value)
        else:
            self.dismiss(None)

    def _open_typed(self, typed: str) -> None:
        typed = typed.strip()
        if not typed:
            self.query_one("#open-message", Static).update(
                "Type where your .py file is, or pick it in the list.")
            return
        self._try_open(Path(typed).expanduser())

    def _try_open(self, path: Path) -> None:
        text, problem = read_program_file(path)
        if text is None:
            from rich.text import Text

            # File names and OS messages are plain text here, never markup.
            self.query_one("#open-message", Static).update(Text.assemble(("Hmm.", "bold"), " ", str(problem)))
            return
        self.dismiss(path.resolve())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question (Enter or Y = yes, Escape or N = no)."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="confirm-yes", variant="warning", compact=True)
                yield Button(self.no, id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


# Every line is symmetric and centred on its own (text-align: center), so the art stays centred.
CELEBRATION_ART = """\
★     ★     ★
\\  |  /
─── YOU DID IT! ───
/  |  \\
★     ★     ★"""


class CelebrationScreen(ModalScreen[str]):
    """Every check passed! Answers "next", "list" or "stay"."""

    BINDINGS = [
        Binding("escape", "choose('stay')", "Stay here"),
        Binding("n", "choose('next')", "Next exercise"),
        Binding("l", "choose('list')", "Back to the list"),
    ]

    def __init__(self, title: str, tries: int, clues_used: int, has_next: bool) -> None:
        super().__init__()
        self.exercise_title = title
        self.tries = tries
        self.clues_used = clues_used
        self.has_next = has_next

    def compose(self) -> ComposeResult:
        tries = "on your first try!" if self.tries <= 1 else f"in {self.tries} tries. Every error was a clue!"
        if self.clues_used == 0:
            alone = "[b yellow]★[/] You fixed it without any clues!"
        else:
            alone = "You used the clues well. Next time, try one clue fewer!"
        with Vertical(id="celebrate-box", classes="dialog"):
            yield Static(CELEBRATION_ART, id="celebrate-art")
            yield Static(f"[b]{self.exercise_title}[/b]: it does what the task asks, {tries}", id="celebrate-text")
            yield Static(alone, id="celebrate-alone")
            with Horizontal(classes="dialog-buttons"):
                if self.has_next:
                    yield Button("Next exercise", id="next", variant="success", compact=True)
                yield Button("Back to the list", id="list", compact=True)
                yield Button("Stay here", id="stay", compact=True)

    def on_mount(self) -> None:
        self.query_one("#next" if self.has_next else "#list", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "stay")

    def action_choose(self, what: str) -> None:
        if what == "next" and not self.has_next:
            what = "list"
        self.dismiss(what)



class SolutionScreen(ModalScreen[None]):
    """The exercise's solution (only when a parent allowed it), to read and compare."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, solution: str) -> None:
        super().__init__()
        self.exercise_title = title
        self.solution = solution

    def compose(self) -> ComposeResult:
        from rich.syntax import Syntax

        with Vertical(id="solution-box", classes="dialog"):
            yield Label(f"[b]A solution for {self.exercise_title}[/b]", id="solution-title")
            yield Static("Compare it with yours, line by line. What is the small difference?",
                         id="solution-note")
            with VerticalScroll(id="solution-scroll"):
                yield Static(Syntax(self.solution.rstrip("\n"), "python", theme="ansi_dark",
                                    line_numbers=True, word_wrap=True), id="solution-code")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (Escape)", id="solution-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#solution-scroll", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class StartAgainScreen(ModalScreen[str]):
    """Start again: from the beginning, or from an earlier version. Answers "fresh", "earlier", "keep"."""

    BINDINGS = [Binding("escape,n", "choose('keep')", "Keep my code")]

    def __init__(self, earlier: int) -> None:
        super().__init__()
        self.earlier = earlier

    def compose(self) -> ComposeResult:
        kept = ""
        if self.earlier:
            kept = f"\n\nYou can also get back an earlier version ({self.earlier} kept)."
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static("Start again with the code from the beginning?\n\n"
                         "Your code now is kept safe: Ctrl+Z brings it back." + kept, id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start again", id="confirm-yes", variant="warning", compact=True)
                if self.earlier:
                    yield Button("Earlier versions", id="earlier", compact=True)
                yield Button("Keep my code", id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss({"confirm-yes": "fresh", "earlier": "earlier"}.get(event.button.id or "", "keep"))

    def action_choose(self, what: str) -> None:
        self.dismiss(what)


class VersionsScreen(ModalScreen["str | None"]):
    """Earlier versions of the child's code (kept by "Start again"), newest first, to bring one back."""

    BINDINGS = [Binding("escape", "close", "Cancel")]

    def __init__(self, versions: list[tuple[str, str]]) -> None:
        super().__init__()
        self.versions = versions  # (label, code), newest first

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical(id="versions-box", classes="dialog"):
            yield Label("[b]Earlier versions of your code[/b] (newest first)", id="versions-title")
            with Horizontal(id="versions-main"):
                yield OptionList(*[Option(label, id=str(n)) for n, (label, _) in enumerate(self.versions)],
                                 id="versions-list")
                with VerticalScroll(id="versions-preview"):
                    yield Static("", id="versions-code")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Bring this one back", id="versions-ok", variant="primary", compact=True)
                yield Button("Cancel", id="versions-cancel", compact=True)

    def on_mount(self) -> None:
        from textual.widgets import OptionList

        option_list = self.query_one("#versions-list", OptionList)
        option_list.highlighted = 0
        option_list.focus()
        self._preview(0)

    def _preview(self, index: int | None) -> None:
        from rich.syntax import Syntax

        if index is None or not 0 <= index < len(self.versions):
            return
        code = self.versions[index][1].rstrip("\n") or "(empty)"
        self.query_one("#versions-code", Static).update(
            Syntax(code, "python", theme="ansi_dark", line_numbers=True, word_wrap=True))

    def on_option_list_option_highlighted(self, event: Any) -> None:
        self._preview(event.option_index)

    def on_option_list_option_selected(self, event: Any) -> None:
        event.stop()
        self.dismiss(self.versions[event.option_index][1])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "versions-ok":
            from textual.widgets import OptionList

            index = self.query_one("#versions-list", OptionList).highlighted
            self.dismiss(self.versions[index][1] if index is not None else None)
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class PythonWordsScreen(ModalScreen[None]):
    """What Python itself said about the run, trimmed to the child's own file."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("f7", "close", "Close", show=False)]

    def __init__(self, stderr: str, path: Path | None) -> None:
        super().__init__()
        self.stderr = stderr
        self.path = path

    def compose(self) -> ComposeResult:
        from .python_words import python_words

        with Vertical(id="words-box", classes="dialog"):
            yield Label("[b]What Python said[/b]", id="words-title")
            yield Static("Python's own words are short and grown-up. The clue on the right says the "
                         "same in plain words.", id="words-note")
            with VerticalScroll(id="words-scroll"):
                yield Static(python_words(self.stderr, self.path), id="words-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close (Escape)", id="words-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#words-scroll", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


NEW_PROGRAM_TEXT = "# My program: {name}\n# Write your code below. Press F5 to run it.\n\nprint(\"Hello!\")\n"


def program_file_name(name: str) -> tuple[str | None, str | None]:
    """("my_game.py", None) for a name a child typed ("my game"), or (None, what to do instead)."""
    import re

    name = name.strip()
    if name.lower().endswith(".py"):
        name = name[:-3].strip()
    if not name:
        return None, "Type a name for your program, then press Enter."
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,39}", name):
        return None, "Use letters and numbers (spaces and - are fine too), like: my game"
    return re.sub(r"[ -]+", "_", name).lower() + ".py", None


class NewProgramScreen(ModalScreen["Path | None"]):
    """Name a new program; it is made in the child's own programs folder."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)

    def compose(self) -> ComposeResult:
        with Vertical(id="new-box", classes="dialog"):
            yield Label("[b]Make my own program[/b]", id="new-title")
            yield Static("What will you call it?", id="new-question")
            yield Input(placeholder="for example: my game", id="new-name", max_length=40, compact=True)
            yield Static("", id="new-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Make it", id="new-ok", variant="primary", compact=True)
                yield Button("Cancel", id="new-cancel", compact=True)

    def on_mount(self) -> None:
        box = self.query_one("#new-name", Input)
        if self.app.is_headless:
            box.cursor_blink = False
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._make(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "new-ok":
            self._make(self.query_one("#new-name", Input).value)
        else:
            self.dismiss(None)

    def _say(self, text: str) -> None:
        self.query_one("#new-message", Static).update(text)

    def _make(self, typed: str) -> None:
        file_name, problem = program_file_name(typed)
        if problem is not None or file_name is None:
            self._say(problem or "")
            return
        path = self.folder / file_name
        if path.exists():
            self._say(f"You already have a program called {path.stem}. Pick another name, "
                      "or open it from the list.")
            return
        try:
            from ..storage import atomic_write_text

            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, NEW_PROGRAM_TEXT.format(name=typed.strip()))
        except OSError as exc:
            self._say(f"It could not be made: {exc.strerror or exc}")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
