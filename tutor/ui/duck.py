"""The Duck screen: explain your program line by line, then see what really happened.

``DuckScreen(path, source, stdin="", profile=None)`` is pushed by the workbench (or by ``DuckApp``
for ``tutor duck PATH`` on a terminal). The duck walks through the program: the current line is
highlighted, the duck asks its question, the child types an answer (Enter on an empty box skips).
Then "What really happened": where the child's idea and the computer first disagreed, how many
times each line ran, and the values each name took (a small chart for numbers).

When the program asks for typing, the duck first asks what to type (the task's own answers, what
was typed last time, or something else) and shows it all along; it never reuses an earlier run's
typing silently. When Python cannot read the program, the duck reads the stuck line out loud with
the child, one piece at a time (Enter for the next piece), with the clue ladder beside it.

Parent-as-duck (key ``p`` or F2): the question in large text for a parent to read aloud; the child
answers out loud; the parent presses ``e`` (explained) or ``n`` (not sure). For a prediction, after
``e`` the screen shows what the computer got and the parent presses ``y`` (the same) or ``n``
(different). No typing needed. Escape goes back.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from rich.syntax import Syntax
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Digits,
    Footer,
    Input,
    OptionList,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)

from ..duck.dialogue import EXPLAINED, NOT_SURE, DuckSession, Review, real_words
from ..duck.read_aloud import READING_QUESTIONS, pieces
from ..duck.steps import PREDICT, ProgramProblem, Step

_EXPECTS = {"number": "Say a number.", "text": "Say some text.", "list": "Say what is in the list.",
            "True or False": "Say True or False.", "yes or no": "Say yes or no."}


def _code_lines(source: str) -> list[Text]:
    try:
        text = Syntax(source, "python", theme="ansi_dark").highlight(source)
        lines = text.split("\n", allow_blank=True)
        if len(lines) > 1 and not source.split("\n")[-1].strip():
            lines = lines[:-1]
    except Exception:  # pragma: no cover - highlighting must never stop the duck
        lines = [Text(line) for line in source.split("\n")]
    return list(lines)


class CodeView(VerticalScroll):
    """The program with line numbers, one line highlighted, and (after the run) marks per line."""

    DEFAULT_CSS = """
    CodeView { height: 1fr; border: round $primary; background: $surface; overflow-x: auto; }
    CodeView > Static { width: auto; }
    """

    def __init__(self, source: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.lines = _code_lines(source)
        self.current: int | None = None
        self.hits: dict[int, int] | None = None
        self.marks: dict[int, str] = {}
        self.first: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(self._render_code(), id="code-text")

    def _render_code(self) -> Text:
        out = Text(no_wrap=True, end="")
        width = len(str(len(self.lines)))
        for number, code in enumerate(self.lines, start=1):
            row = Text(no_wrap=True, end="")
            mark = self.marks.get(number, " ")
            style = "bold red" if mark == "✘" else "bold green" if mark == "✔" else "dim"
            row.append(f"{mark}", style=style)
            row.append(f"{number:>{width}} ", style="bold yellow" if number == self.current else "dim")
            if self.hits is not None:
                count = self.hits.get(number, 0)
                row.append(f"{count:>6,}× " if count else "     · ", style="cyan" if count else "dim")
            row.append("│ ", style="dim")
            row.append_text(code.copy())
            if number == self.first:
                row.append("  ◀ first difference", style="bold red")
            if number == self.current:
                row.stylize("on #3a3a00" if number != self.first else "on #5a1a1a")
            elif number == self.first:
                row.stylize("on #5a1a1a")
            out.append_text(row)
            if number < len(self.lines):
                out.append("\n")
        return out

    def refresh_code(self) -> None:
        try:
            self.query_one("#code-text", Static).update(self._render_code())
        except Exception:
            return
        if self.current:
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        if self.current:
            self.scroll_to(y=max(0, self.current - 1 - self.size.height // 3), animate=False)

    def show_line(self, line: int | None) -> None:
        self.current = line
        self.refresh_code()


class DuckScreen(Screen):
    """Talk to the rubber duck about a program, then compare with the real run."""

    DEFAULT_CSS = """
    DuckScreen { layout: vertical; }
    #duck-title { height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }
    #duck-talk { height: 1fr; }
    #duck-talk > CodeView { width: 1fr; }
    #duck-side { width: 38; padding: 0 1; }
    #duck-progress { color: $text-muted; height: 1; }
    #duck-question { border: round $warning; padding: 0 1; height: auto; max-height: 12; }
    #duck-expects { color: $text-muted; height: auto; }
    #duck-answer { margin-top: 1; }
    #duck-buttons { height: 3; }
    #duck-buttons Button { min-width: 8; margin-right: 1; }
    #duck-status { color: $text-muted; height: auto; }
    #duck-typing { color: $success; height: auto; }
    #duck-typing-choices { height: auto; max-height: 8; display: none; }
    #duck-read { height: 1fr; display: none; }
    #duck-piece { height: auto; padding: 0 1; border: round $accent; }
    #duck-read-buttons { height: 1; margin: 0 0 1 0; }
    #duck-read-buttons Button { margin-right: 1; width: auto; min-width: 8; }
    #duck-clues { height: auto; color: $warning; }
    DuckScreen.choosing #duck-typing-choices { display: block; }
    DuckScreen.choosing #duck-buttons { display: none; }
    DuckScreen.choosing #duck-answer { display: none; }
    DuckScreen.choosing #duck-status { display: none; }
    DuckScreen.choosing.typing-own #duck-answer { display: block; }
    DuckScreen.choosing #duck-expects { display: none; }
    DuckScreen.reading #duck-answer { display: none; }
    DuckScreen.reading #duck-buttons { display: none; }
    DuckScreen.reading #duck-expects { display: none; }
    DuckScreen.reading #duck-status { display: none; }
    DuckScreen.reading #duck-read { display: block; }
    #duck-parent { height: 1fr; display: none; }
    #parent-code { height: 7; }
    #parent-top { height: 5; align: center middle; }
    #parent-line-label { width: auto; padding: 1 1; text-style: bold; }
    #parent-digits { width: auto; }
    #parent-question {
        border: heavy $warning; padding: 1 3; margin: 0 2; height: auto; min-height: 5;
        text-style: bold; text-align: center; content-align: center middle; background: $boost;
    }
    #parent-keys { height: auto; text-align: center; margin-top: 1; color: $text; }
    #duck-review { height: 1fr; display: none; }
    #review-summary { padding: 0 1; height: auto; text-style: bold; }
    #review-list { padding: 0 1; height: auto; }
    #values-pane { height: 1fr; }
    #value-names { width: 22; height: 1fr; }
    #value-detail { width: 1fr; height: 1fr; padding: 0 1; }
    #value-chart { height: 4; margin: 1 0; }
    #value-text { height: auto; }
    DuckScreen.parent-mode #duck-talk { display: none; }
    DuckScreen.parent-mode #duck-parent { display: block; }
    DuckScreen.reviewing #duck-talk { display: none; }
    DuckScreen.reviewing #duck-parent { display: none; }
    DuckScreen.reviewing #duck-review { display: block; }
    """

    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("f2", "toggle_parent", "Parent is the duck"),
        Binding("p", "toggle_parent", "Parent mode", show=False),
        Binding("e", "parent_key('e')", "Explained", show=False),
        Binding("n", "parent_key('n')", "Not sure / No", show=False),
        Binding("y", "parent_key('y')", "Yes, the same", show=False),
        Binding("s", "parent_key('s')", "Skip", show=False),
        Binding("b", "parent_key('b')", "Back a line", show=False),
        Binding("f5", "finish", "What really happened"),
        Binding("1", "tab('tab-happened')", "What happened"),
        Binding("2", "tab('tab-lines')", "Lines"),
        Binding("3", "tab('tab-values')", "Values"),
        Binding("f8", "look_inside", "Look inside"),
    ]

    def __init__(self, path: Path, source: str, stdin: str = "", profile: str | None = None, *,
                 timeout: float | None = None, exercise_id: str | None = None,
                 typing_choices: list[str] | None = None, typed_before: str | None = None,
                 name: str | None = None, id: str | None = None) -> None:
        """``stdin``: what the duck types when the program asks (given: used as it is, e.g.
        ``tutor duck --stdin``). Not given and the program asks for typing: the duck asks the
        child, offering ``typing_choices`` (the exercise's own answers, the first one first) and
        ``typed_before`` (what the child typed in an earlier run), never using either silently."""
        super().__init__(name=name, id=id)
        self.exercise_id = exercise_id
        self.path = Path(path)
        self.source = source
        self.stdin = stdin or ""
        self.typing_fixed = bool(stdin)
        self.typing_choices = [c for c in (typing_choices or []) if c and c.strip()]
        self.typed_before = typed_before if typed_before and typed_before.strip() else None
        self._typing_options: list[str | None] = []
        self._own_typing: list[str] | None = None  # "something else": the lines typed so far
        self.reading: list[Any] = []  # the stuck line's pieces (when Python cannot read the program)
        self.read_index = 0
        self.clue_levels: list[str] | None = None  # the clue ladder for the stuck line (None: not yet)
        self.clues_shown = 0
        self.profile = profile
        self.timeout = timeout
        self.session: DuckSession | None = None
        self.index = 0
        self.parent_mode = False
        self._parent_used = False
        self.revealing = False  # parent mode: showing the real value, waiting for y/n
        self.review: Review | None = None
        self.saved = False
        self.ready = threading.Event()  # the steps are ready (for tests)
        self._value_names: list[str] = []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show in the footer only the keys that work now (parent keys in parent mode, ...)."""
        reviewing = self.has_class("reviewing")
        if action == "parent_key":
            if not self.parent_mode or reviewing:
                return False
            key = parameters[0] if parameters else ""
            return (key in ("y", "n")) if self.revealing else key != "y"
        if action == "tab":
            return reviewing
        if action in ("finish", "toggle_parent"):
            problem = self.session is not None and self.session.problem is not None
            return not reviewing and not self.has_class("choosing") and not problem
        return True

    def _changed(self) -> None:
        self.refresh_bindings()

    def action_look_inside(self) -> None:
        """Step through the real run (tutor/ui/inside.py), at the first disagreement if there is one."""
        from .inside import InsideScreen

        line = getattr(getattr(self.review, "first", None), "line", None)
        self.app.push_screen(InsideScreen(self.path, self.source, stdin=self.stdin, start_line=line))

    def action_tab(self, pane: str) -> None:
        if self.has_class("reviewing"):
            self.query_one("#review-tabs", TabbedContent).active = pane

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(f"🦆 Rubber duck · {self.path.name}", id="duck-title")
        with Horizontal(id="duck-talk"):
            yield CodeView(self.source, id="duck-code")
            with Vertical(id="duck-side"):
                yield Static("", id="duck-progress")
                yield Static("", id="duck-typing")
                yield Static("The duck is reading your program…", id="duck-question")
                yield Static("", id="duck-expects")
                yield OptionList(id="duck-typing-choices")
                yield Input(placeholder="Type your answer, then Enter", id="duck-answer")
                with VerticalScroll(id="duck-read"):
                    with Horizontal(id="duck-read-buttons"):
                        yield Button("Next piece ▶", id="duck-next-piece", compact=True, variant="primary")
                        yield Button("A clue", id="duck-clue", compact=True)
                    yield Static("", id="duck-clues")
                    yield Static("", id="duck-piece")
                with Horizontal(id="duck-buttons"):
                    yield Button("◀ Back", id="duck-back")
                    yield Button("Skip", id="duck-skip")
                    yield Button("Finish", id="duck-finish", variant="primary")
                yield Static("F2: a parent can be the duck (no typing).", id="duck-status")
        with Vertical(id="duck-parent"):
            yield CodeView(self.source, id="parent-code")
            with Horizontal(id="parent-top"):
                yield Static("LINE", id="parent-line-label")
                yield Digits("", id="parent-digits")
            yield Static("", id="parent-question")
            yield Static("", id="parent-keys")
        with Vertical(id="duck-review"):
            yield Static("", id="review-summary")
            with TabbedContent(id="review-tabs"):
                with TabPane("What happened", id="tab-happened"):
                    with VerticalScroll():
                        yield Static("", id="review-list")
                with TabPane("Lines", id="tab-lines"):
                    yield CodeView(self.source, id="review-code")
                with TabPane("Values", id="tab-values"):
                    with Horizontal(id="values-pane"):
                        yield OptionList(id="value-names")
                        with Vertical(id="value-detail"):
                            yield Static("Pick a name to see the values it held.", id="value-text")
                            yield Sparkline([], id="value-chart")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#duck-answer", Input).disabled = True
        self.query_one("#value-chart", Sparkline).display = False
        # every Enter is one more piece read out loud (no pause after a press)
        self.query_one("#duck-next-piece", Button).active_effect_duration = 0
        self._prepare()

    # -- the session (steps in a thread: astroid is slow to import; then the real run) -------------
    @work(thread=True, exclusive=True, group="duck-prepare", exit_on_error=False)
    def _prepare(self) -> None:
        try:
            session = DuckSession(self.path, self.source, self.stdin, timeout=self.timeout, profile=self.profile)
        except Exception as exc:  # e.g. the folder went away: say so, never crash the app
            self._tell(f"The duck could not read the program ({type(exc).__name__}).")
            return
        self.session = session
        self._tell(None)
        self.ready.set()
        if session.problem is not None:
            self._find_clues(session.problem)
        elif not session._cancelled and (self.typing_fixed or not session.asks_for_typing):
            session.run_trace()
            self._call(self._trace_ready)

    @work(thread=True, exclusive=True, group="duck-trace", exit_on_error=False)
    def _run_trace(self) -> None:
        session = self.session
        if session is not None and not session._cancelled:
            session.run_trace()
            self._call(self._trace_ready)

    def _call(self, callback: Any, *args: Any) -> None:
        """Run ``callback`` on the app's side, unless the screen or the app is gone by now."""
        try:
            self.app.call_from_thread(callback, *args)
        except Exception:
            pass

    def _tell(self, problem: str | None) -> None:
        self._call(self._steps_ready, problem)

    def _steps_ready(self, problem: str | None = None) -> None:
        if not self.is_attached:
            return
        if problem is not None:
            self.query_one("#duck-question", Static).update(problem)
            return
        session = self.session
        assert session is not None
        if session.problem is not None:
            self._start_reading(session.problem)
            return
        if not session.steps:
            self.query_one("#duck-question", Static).update("This program has no lines that do something yet.")
            return
        if session.asks_for_typing and not self.typing_fixed:
            self._choose_typing()
            return
        if session.asks_for_typing:
            self._show_typing()
        self._begin()

    def _begin(self) -> None:
        answer = self.query_one("#duck-answer", Input)
        answer.disabled = False
        answer.focus()
        self._show_step()

    def _trace_ready(self) -> None:
        if self.is_attached and self.has_class("reviewing"):
            self._show_review()

    # -- steps -------------------------------------------------------------------------------------
    @property
    def step(self) -> Step | None:
        if self.session is None or not (0 <= self.index < len(self.session.steps)):
            return None
        return self.session.steps[self.index]

    def _show_step(self) -> None:
        session = self.session
        step = self.step
        if session is None or step is None:
            return
        total = len(session.steps)
        self.query_one("#duck-progress", Static).update(f"Question {self.index + 1} of {total}")
        question = Text()
        question.append("🦆 ", style="bold")
        question.append(_plain_question(step.question))
        self.query_one("#duck-question", Static).update(question)
        expects = _EXPECTS.get(step.expects, "Say it in your own words." if step.kind != PREDICT else "")
        self.query_one("#duck-expects", Static).update(expects)
        answer = self.query_one("#duck-answer", Input)
        previous = session.answers.get(step.index)
        answer.value = previous.text if previous and previous.text else ""
        self.query_one("#duck-code", CodeView).show_line(step.line)
        self.query_one("#parent-code", CodeView).show_line(step.line)
        self.revealing = False
        self._show_parent_step()
        self._changed()

    def _show_parent_step(self) -> None:
        step = self.step
        if step is None:
            return
        self.query_one("#parent-digits", Digits).update(str(step.line))
        self.query_one("#parent-question", Static).update(_plain_question(step.question))
        keys = Text()
        for key, words in (("E", "explained"), ("N", "not sure"), ("S", "skip"), ("B", "back"), ("P", "child types")):
            keys.append(f" {key} ", style="bold reverse")
            keys.append(f" {words}   ")
        self.query_one("#parent-keys", Static).update(keys)

    def _next(self) -> None:
        session = self.session
        if session is None:
            return
        if self.index + 1 >= len(session.steps):
            self.action_finish()
            return
        self.index += 1
        self._show_step()

    # -- what the duck types when the program asks --------------------------------------------------
    def _choose_typing(self) -> None:
        self.add_class("choosing")
        question = Text()
        question.append("🦆 ", style="bold")
        question.append("Your program asks for typing. What should I type when it asks?")
        self.query_one("#duck-question", Static).update(question)
        choices = self.query_one("#duck-typing-choices", OptionList)
        choices.clear_options()
        self._typing_options = []
        for stdin in self.typing_choices:
            if stdin not in self._typing_options:
                self._typing_options.append(stdin)
                choices.add_option(f"{typing_words(stdin)}  (from the task)")
        if self.typed_before is not None and self.typed_before not in self._typing_options:
            self._typing_options.append(self.typed_before)
            choices.add_option(f"{typing_words(self.typed_before)}  (what you typed last time)")
        self._typing_options.append(None)
        choices.add_option("Something else…")
        if len(self._typing_options) == 1:  # nothing to choose from: ask straight away
            self._type_own()
            return
        choices.highlighted = 0
        choices.focus()
        self._changed()

    @on(OptionList.OptionSelected, "#duck-typing-choices")
    def _typing_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self.has_class("choosing") or not 0 <= event.option_index < len(self._typing_options):
            return
        stdin = self._typing_options[event.option_index]
        if stdin is None:
            self._type_own()
        else:
            self._typing_chosen(stdin)

    def _type_own(self) -> None:
        self._own_typing = []
        self.add_class("typing-own")
        self.query_one("#duck-typing-choices", OptionList).display = False
        self.query_one("#duck-question", Static).update("🦆 What should I type when your program asks? Type it, then Enter.")
        answer = self.query_one("#duck-answer", Input)
        answer.disabled = False
        answer.placeholder = "What I should type, then Enter"
        answer.value = ""
        answer.focus()

    def _own_line(self, value: str) -> None:
        assert self._own_typing is not None and self.session is not None
        if value.strip() and self.session.typing_wants_numbers and not _is_number(value):
            from ..duck.compare import number_in

            said = number_in(value)
            like = f"{said}" if said is not None else "12"
            self.query_one("#duck-question", Static).update(
                f"🦆 Your program turns what it gets into a number, so type it with digits, like {like}.")
            return
        if value or not self._own_typing:
            self._own_typing.append(value)
        if not value or self.session.typing_asked_once:
            self._typing_chosen("".join(f"{line}\n" for line in self._own_typing))
            return
        self.query_one("#duck-question", Static).update(
            f"🦆 I will type: {typing_words(''.join(x + chr(10) for x in self._own_typing))}. "
            "If your program asks again, what next? (Just Enter when that is all.)")

    def _typing_chosen(self, stdin: str) -> None:
        self.stdin = stdin
        self._own_typing = None
        self.remove_class("choosing", "typing-own")
        self.query_one("#duck-typing-choices", OptionList).display = False
        self.query_one("#duck-answer", Input).placeholder = "Type your answer, then Enter"
        self._show_typing()
        if self.session is not None:
            self.session.stdin = stdin
            self._run_trace()
        self._begin()

    def _show_typing(self) -> None:
        self.query_one("#duck-typing", Static).update(f"⌨ I type: {typing_words(self.stdin)}")

    # -- Python cannot read the program: read the stuck line out loud ---------------------------------
    def _start_reading(self, problem: ProgramProblem) -> None:
        self.add_class("reading")
        lines = self.source.splitlines()
        line = problem.line if problem.line and 0 < problem.line <= len(lines) else None
        if problem.line and line is None:  # stuck at the very end: read the last line that has code
            line = next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), None)
        question = Text()
        question.append("🦆 ", style="bold")
        question.append(str(problem))
        self.query_one("#duck-question", Static).update(question)
        if line is None:
            self.query_one("#duck-next-piece", Button).display = False
            self.query_one("#duck-piece", Static).update("Look at your program with a grown-up, line by line.")
            return
        self.query_one("#duck-code", CodeView).show_line(line)
        self.reading = pieces(lines[line - 1])
        self.read_index = 0
        self._show_piece()
        self.query_one("#duck-next-piece", Button).focus()

    def _show_piece(self) -> None:
        out = Text()
        total = len(self.reading)
        if self.read_index < total:
            piece = self.reading[self.read_index]
            out.append(f"Piece {self.read_index + 1} of {total}. Say it out loud:\n", style="dim")
            out.append(f"  {piece.text}", style="bold yellow")
            out.append(f"  {piece.says}\n")
            said = " ".join(p.text for p in self.reading[: self.read_index])
            if said:
                out.append("So far: ", style="dim")
                out.append(said[-60:], style="cyan")
        else:
            out.append("You read it all! Now ask yourself:\n", style="bold")
            for question in READING_QUESTIONS:
                out.append(f"• {question}\n")
            out.append("Found it? Change it, then talk to me again.", style="dim")
            self.query_one("#duck-next-piece", Button).label = "Again ▶"
        self.query_one("#duck-piece", Static).update(out)

    @on(Button.Pressed, "#duck-next-piece")
    def _next_piece(self) -> None:
        if self.read_index >= len(self.reading):
            self.read_index = 0
            self.query_one("#duck-next-piece", Button).label = "Next piece ▶"
        else:
            self.read_index += 1
        self._show_piece()

    @work(thread=True, exclusive=True, group="duck-clues", exit_on_error=False)
    def _find_clues(self, problem: ProgramProblem) -> None:
        """The clue ladder for the stuck line, from the explainer, within the parents' settings."""
        levels: list[str] = []
        try:
            from ..explain import explain_source

            hint = explain_source(self.source, name=self.path.name).hint
            if hint is not None:
                levels = [str(x) for x in (hint.levels or [])] or [str(hint.title)]
        except Exception:
            levels = []
        if levels:
            try:
                from ..progress.settings import allowed_levels, load_settings

                levels = list(allowed_levels(levels, load_settings(getattr(self.app, "home", None))))
            except Exception:
                levels = levels[:1]  # settings unknown: the gentlest clue only
        self._call(self._clues_found, levels)

    def _clues_found(self, levels: list[str]) -> None:
        self.clue_levels = levels
        if self.is_attached:
            self._show_clues()

    @on(Button.Pressed, "#duck-clue")
    def _clue_pressed(self) -> None:
        if self.clue_levels and self.clues_shown < len(self.clue_levels):
            self.clues_shown += 1
        elif self.clue_levels is not None and not self.clue_levels:
            self.notify("No clue this time. Read the line out loud once more, slowly: you can do it!", timeout=4)
        self._show_clues()

    def _show_clues(self) -> None:
        button = self.query_one("#duck-clue", Button)
        levels = self.clue_levels
        if levels is None:
            button.label = "A clue (one moment…)"
            return
        out = Text()
        for number, level in enumerate(levels[: self.clues_shown], start=1):
            out.append(f"Clue {number}: ", style="bold")
            out.append(level.replace("`", "") + "\n")
        self.query_one("#duck-clues", Static).update(out)
        left = len(levels) - self.clues_shown
        button.label = ("A clue" if self.clues_shown == 0 else f"Clue {self.clues_shown + 1}") if left > 0 else "All clues"
        button.disabled = left <= 0
        if self.clues_shown:
            self.query_one("#duck-read", VerticalScroll).scroll_home(animate=False)

    @on(Input.Submitted, "#duck-answer")
    def _answered(self, event: Input.Submitted) -> None:
        if self._own_typing is not None:
            event.input.value = ""
            self._own_line(event.value.rstrip("\r\n"))
            return
        if self.session is None or self.step is None or self.has_class("reviewing") or self.has_class("choosing"):
            return
        self.session.answer(self.step.index, event.value)
        event.input.value = ""
        self._next()

    @on(Button.Pressed, "#duck-skip")
    def _skip(self) -> None:
        if self.session is not None and self.step is not None:
            self.session.answer(self.step.index, None)
            self._next()

    @on(Button.Pressed, "#duck-back")
    def _back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show_step()

    @on(Button.Pressed, "#duck-finish")
    def _finish_pressed(self) -> None:
        self.action_finish()

    # -- parent-as-duck ----------------------------------------------------------------------------
    def action_toggle_parent(self) -> None:
        if (self.has_class("reviewing") or self.has_class("choosing") or self.session is None
                or self.session.problem is not None):
            return
        self.parent_mode = not self.parent_mode
        self._parent_used = self._parent_used or self.parent_mode
        self.set_class(self.parent_mode, "parent-mode")
        self.revealing = False
        if self.parent_mode:
            self._show_parent_step()
            self.query_one("#duck-answer", Input).blur()
            self.set_focus(None)
            self.call_after_refresh(self.query_one("#parent-code", CodeView).refresh_code)
        else:
            self.query_one("#duck-answer", Input).focus()
        self._changed()

    def action_parent_key(self, key: str) -> None:
        if not self.parent_mode or self.has_class("reviewing") or self.session is None or self.step is None:
            return
        step = self.step
        session = self.session
        if self.revealing:
            if key in ("y", "n"):
                session.mark(step.index, EXPLAINED, parent_agrees=(key == "y"))
                self.revealing = False
                self._next()
            return
        if key == "e":
            session.mark(step.index, EXPLAINED)
            if step.kind == PREDICT and session.trace_ready and session.trace is not None:
                self._reveal(step)
                return
            self._next()
        elif key == "n":
            session.mark(step.index, NOT_SURE)
            self._next()
        elif key == "s":
            session.answer(step.index, None)
            self._next()
        elif key == "b" and self.index > 0:
            self.index -= 1
            self._show_step()

    def _reveal(self, step: Step) -> None:
        assert self.session is not None
        outcome = self.session.outcome(step)
        if not outcome.ran:  # nothing to compare: never ask the parent to grade it
            self.notify(f"Line {step.line} did not run this time, so there is nothing to check.", timeout=4)
            self._next()
            return
        real = outcome.actual if outcome.actual is not None else real_words(outcome).capitalize().replace("`", "")
        text = Text(justify="center")
        text.append("The computer got:\n", style="bold")
        text.append(f"{real}\n\n", style="bold yellow")
        text.append("Did your child say the same?")
        self.query_one("#parent-question", Static).update(text)
        keys = Text()
        for key, words in (("Y", "yes, the same"), ("N", "no, different")):
            keys.append(f" {key} ", style="bold reverse")
            keys.append(f" {words}   ")
        self.query_one("#parent-keys", Static).update(keys)
        self.revealing = True
        self._changed()

    # -- what really happened ----------------------------------------------------------------------
    def action_finish(self) -> None:
        if (self.session is None or self.has_class("reviewing") or self.has_class("choosing")
                or self.session.problem is not None):
            return
        self.add_class("reviewing")
        self.remove_class("parent-mode")
        self.parent_mode = False
        self.revealing = False
        self._changed()
        self.query_one("#duck-answer", Input).disabled = True
        if self.session.trace_ready:
            self._show_review()
        else:
            self.query_one("#review-summary", Static).update("🦆 Let's see what really happened… (running your program)")

    def _show_review(self) -> None:
        session = self.session
        if session is None:
            return
        review = session.review()
        self.review = review
        summary = Text()
        summary.append("🦆 ")
        summary.append(review.headline.replace("`", "") or review.run_words)
        self.query_one("#review-summary", Static).update(summary)
        self.query_one("#review-list", Static).update(self._review_text(review))
        code = self.query_one("#review-code", CodeView)
        trace = session.trace
        code.hits = dict(trace.hits) if trace is not None and trace.available else {}
        code.marks = {o.line: ("✔" if o.agrees else "✘") for o in review.outcomes if o.agrees is not None}
        if review.first is not None:
            code.marks[review.first.line] = "✘"
            code.first = review.first.line
        code.show_line(review.first.line if review.first else None)
        self._fill_values()
        self.saved = session.save(mode="parent" if self._parent_used else "app", review=review,
                                  home=getattr(self.app, "home", None), exercise_id=self.exercise_id) or self.saved

    def _review_text(self, review: Review) -> Text:
        out = Text()
        if self.session is not None and self.session.asks_for_typing:
            out.append(f"When your program asked, I typed: {typing_words(self.stdin)}\n", style="green")
        out.append(review.run_words + "\n", style="italic")
        printed = self.session.printed() if self.session is not None else []
        if printed:
            out.append("It printed:\n", style="bold")
            for line in printed:
                out.append(f"  {line}\n", style="green")
        for notice in review.notices:
            out.append("Look: ", style="bold")
            out.append(notice.replace("`", "") + "\n")
        out.append("\n")
        for o in review.outcomes:
            a = o.answer
            said = a.text if a is not None and a.text else None
            if o.step.kind == PREDICT:
                if said is None and (a is None or a.how != EXPLAINED) and o is not review.first:
                    continue
                real = real_words(o).replace("`", "")
                mark, style = ("✔ ", "bold green") if o.agrees else ("✘ ", "bold red") if o.agrees is False else ("· ", "dim")
                out.append(mark, style=style)
                out.append(f"Line {o.line}: ", style="bold")
                if said is not None:
                    out.append(f"you said {said}; ")
                elif a is not None and a.how == EXPLAINED:
                    out.append("said out loud; ")
                out.append(f"{real}.")
                if o is review.first:
                    out.append("  ◀ first difference", style="bold red")
                out.append("\n")
                if o.note and o.actual is not None:
                    out.append(f"   {o.note}\n", style="dim")
            elif said is not None or (a is not None and a.how == EXPLAINED):
                out.append("• ", style="bold")
                out.append(f"Line {o.line}: ", style="bold")
                out.append(f"“{said}”" if said else "explained out loud")
                if o.fact:
                    out.append(f"  {o.fact.replace('`', '')}", style="cyan")
                out.append("\n")
        return out

    def _fill_values(self) -> None:
        session = self.session
        trace = session.trace if session is not None else None
        names = self.query_one("#value-names", OptionList)
        names.clear_options()
        self._value_names = []
        if trace is None or not trace.available:
            return
        counts: dict[str, int] = {}
        for per_line in trace.values.values():
            for name, seen in per_line.items():
                counts[name] = counts.get(name, 0) + seen.count
        self._value_names = sorted(counts, key=lambda n: (-counts[n], n))[:40]
        names.add_options(self._value_names)
        if self._value_names:
            names.highlighted = 0
            self._show_values(self._value_names[0])

    @on(OptionList.OptionHighlighted, "#value-names")
    def _value_picked(self, event: OptionList.OptionHighlighted) -> None:
        if 0 <= event.option_index < len(self._value_names):
            self._show_values(self._value_names[event.option_index])

    def _show_values(self, name: str) -> None:
        story = value_story(self.session, name) if self.session is not None else None
        if story is None:
            return
        text, numbers = story
        self.query_one("#value-text", Static).update(text)
        chart = self.query_one("#value-chart", Sparkline)
        if numbers and len(numbers) >= 2:
            chart.data = numbers
            chart.display = True
        else:
            chart.display = False

    # -- leaving ---------------------------------------------------------------------------------
    def action_leave(self) -> None:
        session = self.session
        if session is not None:
            session.cancel()
            if session.answers and session.problem is None:
                self.saved = session.save(mode="parent" if self._parent_used else "app",
                                          home=getattr(self.app, "home", None), exercise_id=self.exercise_id) or self.saved
        self.dismiss(self.review)


def _is_number(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return True


def typing_words(stdin: str, limit: int = 40) -> str:
    """What the duck types, in a line: ``"Sam\\n9\\n"`` → ``Sam, then 9``."""
    lines = stdin.splitlines()
    if not lines:
        return "(just Enter)"
    text = ", then ".join(line if line.strip() else "(just Enter)" for line in lines)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain_question(question: str) -> Text:
    """The question with `code` shown in bold (backticks are for the plain-text mode)."""
    out = Text()
    parts = question.split("`")
    for i, part in enumerate(parts):
        out.append(part, style="bold cyan" if i % 2 else "")
    return out


def value_story(session: DuckSession, name: str) -> tuple[Text, list[float]] | None:
    """Words about the values ``name`` held, and the numbers for a chart (if they are numbers)."""
    trace = session.trace
    if trace is None or not trace.available:
        return None
    best_line, best = None, None
    for line, per_line in trace.values.items():
        seen = per_line.get(name)
        if seen is not None and (best is None or seen.count > best.count):
            best_line, best = line, seen
    if best is None or best_line is None:
        return None
    text = Text()
    text.append(name, style="bold cyan")
    changes = trace.changes.get(name, [])
    total_changes = trace.change_counts.get(name, len(changes))
    text.append(f" was looked at {best.count:,} times on line {best_line}.\n")
    values = [c[2] for c in changes]
    if len(set(best.seq)) == 1 and best.count >= 3:
        text.append(f"It was {best.first} every time: it never changed there!\n", style="bold yellow")
    elif values:
        shown = " → ".join(values[:12]) + (" → …" if len(values) > 12 or total_changes > len(values) else "")
        text.append(f"It changed {max(total_changes - 1, 0):,} times: ", style="")
        text.append(shown + "\n", style="green")
    numbers: list[float] = []
    for value in best.seq:
        try:
            numbers.append(float(value))
        except ValueError:
            numbers = []
            break
    if numbers:
        text.append(f"Chart: the values on line {best_line}, in the order they came.", style="dim")
    return text, numbers


class DuckApp(App):
    """A small app around ``DuckScreen`` (``tutor duck PATH`` on a terminal)."""

    TITLE = "tutor duck"
    ENABLE_COMMAND_PALETTE = False  # the grown-ups' command list has nothing for a child here

    def __init__(self, path: Path, source: str, stdin: str = "", profile: str | None = None) -> None:
        super().__init__()
        self._args = (path, source, stdin, profile)

    def on_mount(self) -> None:
        path, source, stdin, profile = self._args
        self.push_screen(DuckScreen(path, source, stdin=stdin, profile=profile), callback=lambda _: self.exit())


__all__ = ["CodeView", "DuckApp", "DuckScreen", "typing_words", "value_story"]
