"""The workbench's own widgets: the live output, the clue panel, the output comparison and the fix."""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass, field
from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.strip import Strip
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static, TextArea

from ..compare import first_difference, normalise
from ..safe_text import has_controls, visible
from .words import DUCK_AFTER_TRIES, encouragement, tries_text

# Styles that read well on dark and on light backgrounds.
STDERR_STYLE = "red"
INPUT_STYLE = "bold magenta"
NOTE_STYLE = "italic"
OLD_STYLE = "bold white on red3"
NEW_STYLE = "bold black on green3"
MARK_STYLE = "bold black on yellow3"


class CodeEditor(TextArea):
    """The code editor. Enter keeps the line's indentation, and indents one step more after a
    colon (``if ...:``, ``for ...:``, ``def ...:``), as IDLE and other editors for learners do.
    Shift+Tab takes one step of indentation away. The line a clue is about can be marked (a
    coloured background), and a line too long for the window ends in a marker (›)."""

    BINDINGS = [
        Binding("shift+tab", "dedent", "Un-indent", show=False),
    ]

    LONG_LINE_MARK = "›"
    marked_line: reactive[int | None] = reactive(None)  # 1-based program line, or None

    def watch_marked_line(self) -> None:
        self._line_cache.clear()
        self.refresh()

    def action_dedent(self) -> None:
        """Take one step of indentation off the line (or every selected line)."""
        if self.read_only:
            return
        start, end = sorted(self.selection)
        width = self.indent_width or 4
        for row in range(start[0], end[0] + 1):
            line = self.document.get_line(row)
            if line.startswith("\t"):
                cut = 1
            else:
                cut = min(width, len(line) - len(line.lstrip(" ")))
            if cut:
                self.replace("", (row, 0), (row, cut), maintain_selection_offset=True)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if any(has_controls(segment.text) for segment in strip):
            # A control character in the text is drawn as a visible sign (␛), never sent as it is.
            strip = Strip([Segment(visible(seg.text), seg.style, seg.control) for seg in strip])
        if self.soft_wrap:
            return strip
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        if row >= self.document.line_count:
            return strip
        if self.marked_line is not None and row == self.marked_line - 1:
            dark = getattr(getattr(self.app, "current_theme", None), "dark", True)
            strip = Strip(list(Segment.apply_style(
                strip, post_style=RichStyle(bgcolor="#5f5f00" if dark else "#fff1a8"))), strip.cell_length)
        width = self.scrollable_content_region.width  # what the window shows of the line
        shown = width - self.gutter_width
        line = self.document.get_line(row)
        if shown > 2 and cell_len(line.expandtabs(self.indent_width or 4)) - scroll_x > shown:
            last = list(strip.crop(width - 1, width))
            style = last[0].style if last else None
            mark = RichStyle(bold=True, color="yellow")
            strip = Strip.join([strip.crop(0, width - 1),
                                Strip([Segment(self.LONG_LINE_MARK, (style or RichStyle()) + mark)], 1),
                                strip.crop(width, strip.cell_length)])
        return strip

    async def _on_key(self, event: events.Key) -> None:
        if event.key != "enter" or self.read_only:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        start, end = self.selection
        row, column = min(start, end)
        before = self.document.get_line(row)[:column]
        indent = before[: len(before) - len(before.lstrip(" \t"))]
        if before.rstrip().endswith(":"):
            indent += "\t" if self.indent_type == "tabs" else " " * self.indent_width
        self.replace("\n" + indent, start, end, maintain_selection_offset=False)


class OutputView(VerticalScroll, can_focus=True):
    """What the program prints, as it prints it; what the child typed; short notes from the tutor."""

    # Textual lays out and draws the whole text each time it changes, so a long run keeps only
    # its newest lines (about 400), and while a lot is shown the view is redrawn less often.
    MAX_CHARS = 20_000
    CHARS_PER_SECOND = 25_000  # at most one redraw every MAX_CHARS / CHARS_PER_SECOND seconds

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pieces: list[tuple[str, str]] = []
        self._chars = 0
        self._dirty = False
        self._last_flush = 0.0
        self.trimmed = False  # the oldest text was let go (a very long run)
        # While a program runs, what it writes to stderr waits here: if the run ends with an error
        # it is Python's report (shown on request, trimmed); otherwise it is shown at the end.
        self.holding = False
        self.held = ""
        self.printed_lines = 0  # lines the program printed in this run (the sign of life)

    def compose(self) -> ComposeResult:
        yield Static("", id="output-text", markup=False)

    @property
    def plain(self) -> str:
        """Everything shown, as plain text (for tests and for copying)."""
        return "".join(text for _, text in self._pieces)

    HOLD_AT_MOST = 4000  # a program writing a lot to stderr on purpose sees it live after this

    def take_held(self) -> str:
        """What stderr held back (and stop holding)."""
        held, self.held, self.holding = self.held, "", False
        return held

    def release_held(self) -> None:
        """Show what stderr held back, as it came."""
        held = self.take_held()
        if held:
            self.add("stderr", held)

    def clear(self) -> None:
        self.held = ""
        self.printed_lines = 0
        self._pieces.clear()
        self._chars = 0
        self.trimmed = False
        self._dirty = True
        self.flush()

    def add(self, kind: str, text: str) -> None:
        """Add text: kind is "stdout", "stderr", "input" (what the child typed) or "note"."""
        if not text:
            return
        text = visible(text)  # the program's control codes are shown, never sent to the terminal
        if kind == "stderr" and self.holding:
            self.held += text
            if len(self.held) > self.HOLD_AT_MOST:
                text, self.held, self.holding = self.held, "", False
            else:
                return
        if kind == "stdout":
            self.printed_lines += text.count("\n")
        if self._pieces and self._pieces[-1][0] == kind:
            self._pieces[-1] = (kind, self._pieces[-1][1] + text)
        else:
            self._pieces.append((kind, text))
        self._chars += len(text)
        self._trim()
        self._dirty = True

    def _trim(self) -> None:
        """Keep the newest MAX_CHARS characters: the oldest text goes, from the start of a line."""
        while self._chars > self.MAX_CHARS and self._pieces:
            self.trimmed = True
            excess = self._chars - self.MAX_CHARS
            kind, first = self._pieces[0]
            if len(first) <= excess:
                self._pieces.pop(0)
                self._chars -= len(first)
                continue
            # Only part of the oldest piece goes (a long run prints it all as one piece).
            newline = first.find("\n", excess, excess + 500)
            cut = newline + 1 if newline != -1 else excess
            self._pieces[0] = (kind, first[cut:])
            self._chars -= cut
            if not self._pieces[0][1]:
                self._pieces.pop(0)

    def note(self, text: str) -> None:
        """A line from the tutor (not from the program), on a line of its own."""
        last = self._pieces[-1][1] if self._pieces else "\n"
        self.add("note", ("" if last.endswith("\n") else "\n") + text + "\n")

    def flush(self, *, force: bool = True) -> None:
        """Show what was added. ``force=False`` (the live stream) waits a little longer between
        redraws when there is a lot of text, so the app keeps answering keys (Stop!)."""
        if not self._dirty:
            return
        now = time.monotonic()
        if not force and now - self._last_flush < self._chars / self.CHARS_PER_SECOND:
            return
        self._last_flush = now
        self._dirty = False
        text = Text(no_wrap=False, overflow="fold")
        if self.trimmed:
            text.append("… (a lot was printed: only the newest lines are shown here)\n", style=NOTE_STYLE)
        styles = {"stderr": STDERR_STYLE, "input": INPUT_STYLE, "note": NOTE_STYLE}
        for kind, piece in self._pieces:
            text.append(piece, style=styles.get(kind, ""))
        at_end = self.is_vertical_scroll_end or self.max_scroll_y == 0
        self.query_one("#output-text", Static).update(text)
        if at_end:
            self.call_after_refresh(self.scroll_end, animate=False)


_PROGRAM_LINE = re.compile(r"\b([Ll]ines?) (\d+)(?:-(\d+))?\b(?! of what)")


def link_lines(text: Text | str, style: str = "") -> Text:
    """The text with every "line N" of the program made clickable (it jumps there in the editor).
    "line 2 of what it printed" is a line of the output, not of the program: left alone."""
    if isinstance(text, str):
        text = Text(text, style=style)
    for match in _PROGRAM_LINE.finditer(text.plain):
        number = int(match.group(2))
        text.stylize(RichStyle(underline=True, meta={"@click": f"screen.goto_line({number})"}),
                     match.start(), match.end())
    return text


def _visible_spaces(line: str) -> Text:
    text = Text()
    for ch in line:
        if ch == " ":
            text.append("·", style="dim")
        else:
            text.append(ch)
    return text


def _marked(line: str | None, column: int, style: str) -> Text:
    if line is None:
        return Text("(nothing)", style="italic dim")
    text = Text()
    text.append_text(_visible_spaces(line[: column - 1]))
    rest = _visible_spaces(line[column - 1 :])
    rest.stylize(style)
    text.append_text(rest)
    if column - 1 >= len(line):
        text.append(" ", style=style)  # something is missing at the end: mark where
    return text


def output_comparison(expected: str, actual: str, stdin: str | None = None) -> RenderableType:
    """The expected and the actual output side by side, the first difference marked."""
    diff = first_difference(expected, actual)
    exp_lines, act_lines = normalise(expected), normalise(actual)
    table = Table(box=None, expand=True, padding=(0, 1), show_edge=False, pad_edge=False)
    table.add_column("", width=1, no_wrap=True)
    table.add_column("Should print", ratio=1, overflow="fold", header_style="bold")
    table.add_column("Yours printed", ratio=1, overflow="fold", header_style="bold")
    rows = max(len(exp_lines), len(act_lines))
    # Around the first difference only, when the outputs are long.
    first, last = 0, rows
    if rows > 12 and diff is not None:
        first = max(0, diff.line - 4)
        last = min(rows, diff.line + 6)
    for i in range(first, last):
        e = exp_lines[i] if i < len(exp_lines) else None
        a = act_lines[i] if i < len(act_lines) else None
        if diff is not None and i + 1 == diff.line:
            table.add_row(Text("▶", style="bold"), _marked(e, diff.column, MARK_STYLE),
                          _marked(a, diff.column, MARK_STYLE))
        else:
            table.add_row("", Text(e) if e is not None else Text(""), Text(a) if a is not None else Text(""))
    parts: list[RenderableType] = []
    if stdin:
        shown = ", ".join(repr(x)[1:-1] for x in stdin.rstrip("\n").split("\n"))
        parts.append(Text.assemble(("When the answers typed are: ", "italic"), (shown, "bold")))
    parts.append(table)
    if diff is not None:
        # Output lines are named as such, never just "line 2" (that is a line of the program).
        if diff.actual is None:
            where = f"Line {diff.line} of what it should print is missing."
        elif diff.expected is None:
            where = f"Your program printed one line too many: line {diff.line} of what it printed."
        else:
            where = f"Line {diff.line} of what it printed is different. Look where the yellow mark starts."
        parts.append(Text(where, style="bold"))
    return Group(*parts)


def _code(line: str) -> Text:
    """One line of Python, coloured (pygments, through rich), or plain if that fails."""
    try:
        from rich.syntax import Syntax

        text = Syntax(line, "python", theme="ansi_dark").highlight(line)
        text.rstrip()
        if text.plain != line.rstrip():
            return Text(line)
        return text
    except Exception:
        return Text(line)


def _changed_parts(old: str, new: str) -> tuple[Text, Text]:
    """The two lines, coloured as code, with the letters that change marked."""
    old, new = old.rstrip(), new.rstrip()
    a, b = _code(old), _code(new)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            if i2 > i1:
                a.stylize(OLD_STYLE, i1, i2)
            if j2 > j1:
                b.stylize(NEW_STYLE, j1, j2)
    return a, b


def fix_view(old_lines: list[str], new_lines: list[str], start_line: int) -> RenderableType:
    """The tiny change: the line as it is now, and as it could be, with the changed bits marked."""
    parts: list[RenderableType] = []
    if len(old_lines) == len(new_lines) and old_lines:
        olds, news = [], []
        for old, new in zip(old_lines, new_lines):
            o, n = _changed_parts(old, new)
            olds.append(o)
            news.append(n)
    else:
        olds = [_code(line.rstrip()) for line in old_lines]
        news = [_code(line.rstrip()) for line in new_lines]
        for text in olds:
            text.stylize(OLD_STYLE)
        for text in news:
            text.stylize(NEW_STYLE)
    where = f"Line {start_line}" if len(old_lines) <= 1 else f"Lines {start_line}-{start_line + len(old_lines) - 1}"
    for text in olds + news:
        text.no_wrap = False
        text.overflow = "fold"
    if old_lines:
        parts.append(link_lines(Text(f"{where} now:", style="bold")))
        parts.extend(olds)
    else:
        parts.append(Text(f"Add before line {start_line}:", style="bold"))
    if new_lines:
        if old_lines:
            parts.append(Text("Change it to:", style="bold"))
        parts.extend(news)
    else:
        parts.append(Text("Delete it.", style="bold"))
    return Group(*parts)


CODE_STYLE = "bold reverse"


def clue_text(text: str) -> Text:
    """A clue as a child reads it: `code` shown as code (no backticks), the dots that stand for
    spaces shown as real spaces, marked (the explainer writes for terminals too)."""
    out = Text()
    for i, piece in enumerate(re.split(r"`([^`]*)`", text)):
        if i % 2:
            out.append(" " + piece.replace("·", " ") + " ", style=CODE_STYLE)
        else:
            out.append(piece.replace("·", " "))
    return out


@dataclass
class Feedback:
    """What the clue panel shows after a run (built by the workbench from a check or explanation)."""

    outcome: str
    headline: str
    detail: str = ""
    passed: bool = False
    levels: list[str] = field(default_factory=list)
    line: int | None = None  # where the small change belongs
    diagnoser: str | None = None
    fix_old: list[str] | None = None
    fix_new: list[str] | None = None
    fix_line: int | None = None
    expected: str | None = None
    actual: str | None = None
    stdin: str | None = None
    key: tuple[Any, ...] = ()  # the same problem again gives the same key
    limited: bool = False  # a parent limited how many clues may be opened
    solution_allowed: bool = False  # a parent allowed showing the solution
    authored: bool = False  # the clues are the exercise's own (its planted bug is the error)


class CluePanel(VerticalScroll):
    """The result of the last run, the hint ladder (one step at a time) and encouragement."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.feedback: Feedback | None = None
        self.revealed = 0  # clues shown (the first one comes by itself after a run that went wrong)

    def compose(self) -> ComposeResult:
        yield Static("Run your program (F5) to see how it goes.", id="clue-status")
        yield Static("", id="clue-compare")
        yield Static("", id="clue-levels")
        yield Static("", id="clue-fix")
        yield Button("Give me a clue", id="clue-more", compact=True, variant="primary")
        yield Button("Show me the solution", id="show-solution", compact=True)
        yield Static("", id="clue-cheer")
        with Horizontal(id="clue-duck"):
            yield Static("Stuck on the same thing? Explain your code to the duck, line by line.",
                         id="clue-duck-text")
            yield Button("Talk to the duck", id="duck-suggest", compact=True)

    def on_mount(self) -> None:
        self.query_one("#clue-more", Button).display = False
        self.query_one("#clue-duck", Horizontal).display = False
        self.query_one("#clue-compare", Static).display = False
        self.query_one("#clue-fix", Static).display = False
        self.query_one("#clue-levels", Static).display = False
        self.query_one("#show-solution", Button).display = False

    # -- states -----------------------------------------------------------------------------------
    def reset(self) -> None:
        """Back to "not run yet" (the code was replaced: the last run's clues are about old code)."""
        self.feedback = None
        self.revealed = 0
        self.query_one("#clue-status", Static).update("Run your program (F5) to see how it goes.")
        self.query_one("#clue-compare", Static).display = False
        self.query_one("#clue-cheer", Static).update("")
        self.query_one("#clue-duck", Horizontal).display = False
        self._render_levels()

    def show_busy(self, text: str) -> None:
        self.query_one("#clue-status", Static).update(Text(text, style="italic"))

    def show_feedback(self, feedback: Feedback) -> None:
        same = self.feedback is not None and feedback.key and feedback.key == self.feedback.key
        self.feedback = feedback
        if not same:
            self.revealed = 0
        if not feedback.passed and feedback.levels:
            self.revealed = max(self.revealed, 1)  # kind words first: the gentlest clue, at once
        status = link_lines(Text(feedback.headline, style="bold green" if feedback.passed else "bold"))
        if feedback.detail:
            status.append("\n")
            status.append_text(link_lines(feedback.detail))
        self.query_one("#clue-status", Static).update(status)
        compare = self.query_one("#clue-compare", Static)
        if feedback.expected is not None and feedback.actual is not None and not feedback.passed:
            compare.update(Group(Text("Check the instructions!", style="bold"),
                                 output_comparison(feedback.expected, feedback.actual, feedback.stdin)))
            compare.display = True
        else:
            compare.display = False
        self._render_levels()
        self.scroll_home(animate=False)

    @property
    def can_reveal(self) -> bool:
        return self.feedback is not None and not self.feedback.passed and self.revealed < len(self.feedback.levels)

    def reveal_next(self) -> int | None:
        """Show one more clue; its number (1 = the first), or None when there is no more."""
        if not self.can_reveal:
            return None
        self.revealed += 1
        self._render_levels()
        # After the new clue is laid out (the next refresh), bring it into view.
        self.call_after_refresh(self.call_after_refresh, self._scroll_to_newest)
        return self.revealed

    def _scroll_to_newest(self) -> None:
        # The buttons come right after the newest clue: showing them shows it too.
        target: Any = self.query_one("#show-solution", Button)
        if not target.display:
            target = self.query_one("#clue-more", Button)
        self.scroll_to_widget(target, animate=False, top=False)

    def _render_levels(self) -> None:
        fb = self.feedback
        levels_widget = self.query_one("#clue-levels", Static)
        fix_widget = self.query_one("#clue-fix", Static)
        more = self.query_one("#clue-more", Button)
        levels_widget.display = bool(fb is not None and not fb.passed and self.revealed)
        self.query_one("#show-solution", Button).display = bool(
            fb is not None and not fb.passed and fb.solution_allowed and self.revealed >= len(fb.levels))
        if fb is None or fb.passed or not fb.levels:
            levels_widget.update("")
            fix_widget.display = False
            more.display = False
            return
        text = Text()
        for n, level in enumerate(fb.levels[: self.revealed], 1):
            if n > 1:
                text.append("\n\n")
            text.append(f"Clue {n}: ", style="bold")
            text.append_text(link_lines(clue_text(level)))
        if fb.limited and self.revealed == len(fb.levels):
            text.append("\n\nA grown-up chose how many clues you can open. You can do the rest!",
                        style="italic")
        levels_widget.update(text)
        last_shown = self.revealed == len(fb.levels)
        if last_shown and fb.fix_new is not None and fb.fix_line is not None:
            fix_widget.update(fix_view(fb.fix_old or [], fb.fix_new, fb.fix_line))
            fix_widget.display = True
        else:
            fix_widget.display = False
        more.display = True
        if self.revealed < len(fb.levels):
            more.label = f"Give me a clue ({self.revealed + 1} of {len(fb.levels)})"
            more.disabled = False
        else:
            more.label = "That's every clue!"
            more.disabled = True

    def show_cheer(self, tries: int, same_problem_runs: int, passed: bool) -> None:
        cheer = self.query_one("#clue-cheer", Static)
        if passed:
            cheer.update(Text(f"{tries_text(tries)}. Well done!", style="bold green"))
        else:
            cheer.update(Text.assemble((tries_text(tries) + ". ", "bold"), encouragement(tries)))
        self.query_one("#clue-duck", Horizontal).display = (
            not passed and same_problem_runs >= DUCK_AFTER_TRIES
        )
