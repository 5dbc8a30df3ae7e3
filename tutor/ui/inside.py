"""Look inside: step through one run of the program, forwards and backwards, and see the numbers.

``InsideScreen(path, source, stdin="")`` records the run in a worker thread (the program runs once
more in the runner's child process, step by step; the app never waits on it), then shows:
- the code, the current step's line highlighted and, in the gutter, how many times each line has
  run so far;
- the names and their values beside it (the ones that changed on this step marked with ●; lists
  and dicts drawn as rows of boxes with their positions), and what was printed so far;
- a small chart of a chosen number's values; for a run that never ended, one sentence at the top
  ("Line 4 ran 6,667 times, and `count` stayed 0.").

Keys: → / ← next and back step; ↓ / ↑ next and back line in this function (step over); g run to a
line (or click a line); v choose a name (or click it); c jump to where it changes; e jump to the
problem; Home / End the first and last step. ``start_line`` opens at the first time that line ran
(a clue's line, the duck's first disagreement). A ready ``recording`` can be given instead.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from rich.syntax import Syntax
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Sparkline, Static

from ..trace import Recording, record
from ..trace import summary as words
from ..trace.recording import CALL, ERROR, LINE, RETURN
from ..trace.values import items, number

_CSS_PATH = Path(__file__).with_name("inside.tcss")
BOX_WIDTH = 34  # characters the boxes of one list may take


def code_lines(source: str) -> list[Text]:
    try:
        text = Syntax(source, "python", theme="ansi_dark").highlight(source)
        lines = text.split("\n", allow_blank=True)
        if len(lines) > 1 and not source.split("\n")[-1].strip():
            lines = lines[:-1]
    except Exception:  # pragma: no cover - highlighting must never stop the view
        lines = [Text(line) for line in source.split("\n")]
    return list(lines)


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def boxes(kind: str, parts: list[tuple[str, str]], width: int = BOX_WIDTH) -> Text:
    """A list as a row of boxes with positions under them; a dict as rows of key | value."""
    out = Text(no_wrap=True, end="")
    if not parts:
        out.append("  (empty)", style="dim")
        return out
    if kind == "dict":
        shown = parts[:8]
        kw = min(14, max(len(k) for k, _ in shown))
        vw = min(width - kw - 7, max(len(v) for _, v in shown))
        vw = max(vw, 1)
        out.append(f"  ┌{'─' * (kw + 2)}┬{'─' * (vw + 2)}┐\n", style="dim")
        for k, v in shown:
            out.append("  │ ", style="dim")
            out.append(_fit(k, kw).ljust(kw), style="cyan")
            out.append(" │ ", style="dim")
            out.append(_fit(v, vw).ljust(vw))
            out.append(" │\n", style="dim")
        out.append(f"  └{'─' * (kw + 2)}┴{'─' * (vw + 2)}┘", style="dim")
        return out
    cells: list[tuple[str, str]] = []
    used = 3
    for pos, item in parts:
        cell = _fit(item, 8)
        w = max(len(cell), len(pos)) + 3
        if used + w > width and cells:
            cells.append(("…", "…"))
            break
        cells.append((pos, cell))
        used += w
    widths = [max(len(c), len(p)) for p, c in cells]
    top = "  ┌" + "┬".join("─" * (w + 2) for w in widths) + "┐\n"
    bottom = "  └" + "┴".join("─" * (w + 2) for w in widths) + "┘\n"
    out.append(top, style="dim")
    out.append("  │", style="dim")
    for (pos, cell), w in zip(cells, widths):
        out.append(" " + cell.center(w) + " ")
        out.append("│", style="dim")
    out.append("\n")
    out.append(bottom, style="dim")
    out.append("   ")
    out.append("".join(" " + pos.center(w) + "  " for (pos, _), w in zip(cells, widths)).rstrip(), style="cyan")
    return out


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


class InsideCode(VerticalScroll, can_focus=False):
    """The program: line numbers, how many times each line ran so far, the current line lit up."""

    def __init__(self, source: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines = code_lines(source)
        self.current: int | None = None
        self.error_line: int | None = None
        self.counts: dict[int, int] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="in-code-text")

    def show(self, current: int | None, counts: dict[int, int], error_line: int | None = None) -> None:
        self.current, self.counts, self.error_line = current, counts, error_line
        self.query_one("#in-code-text", Static).update(self.render_code())
        if current:
            self.call_after_refresh(self._scroll_to_current)

    def render_code(self) -> Text:
        out = Text(no_wrap=True, end="")
        width = len(str(len(self.lines)))
        count_width = max(3, len(f"{max(self.counts.values(), default=0):,}"))
        for number_, code in enumerate(self.lines, start=1):
            row = Text(no_wrap=True, end="")
            here = number_ == self.current
            count = self.counts.get(number_, 0)
            row.append("▶" if here else " ", style="bold yellow")
            row.append(f"{count:>{count_width},}×" if count else " " * count_width + " ",
                       style="cyan" if count else "dim")
            row.append(f" {number_:>{width}} ", style="bold yellow" if here else "dim")
            row.append("│ ", style="dim")
            row.append_text(code.copy())
            if here:
                row.stylize("on #5a1a1a" if number_ == self.error_line else "on #3a3a00")
            out.append_text(row)
            if number_ < len(self.lines):
                out.append("\n")
        return out

    def _scroll_to_current(self) -> None:
        if self.current:
            top = self.scroll_y
            height = max(1, self.size.height)
            row = self.current - 1
            if not (top <= row < top + height - 1):
                self.scroll_to(y=max(0, row - height // 3), animate=False)

    def on_click(self, event: events.Click) -> None:
        if not isinstance(self.screen, InsideScreen):
            return
        row = event.screen_y - self.content_region.y
        if row < 0 or row >= self.content_region.height:
            return
        line = int(row + self.scroll_y) + 1
        if 1 <= line <= len(self.lines):
            self.screen.run_to_line(line)


class InsideScreen(Screen[None]):
    """Step through one run of the program, forwards and backwards."""

    DEFAULT_CSS = _CSS_PATH.read_text(encoding="utf-8")
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("right,n", "step(1)", "Next", key_display="→"),
        Binding("left,b", "step(-1)", "Back", key_display="←"),
        Binding("down", "over(1)", "Next line", key_display="↓"),
        Binding("up", "over(-1)", "Back line", key_display="↑"),
        Binding("g", "goto", "Go to line"),
        Binding("v", "choose", "Name"),
        Binding("c", "change", "Changes"),
        Binding("e", "error", "Problem"),
        Binding("home", "jump('start')", "Start", show=False),
        Binding("end", "jump('end')", "End", show=False),
    ]

    def __init__(
        self,
        path: Path | str | None = None,
        source: str | None = None,
        *,
        stdin: str = "",
        recording: Recording | None = None,
        start_line: int | None = None,
        max_steps: int | None = None,
        timeout: float | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path) if path is not None else None
        self.source = source if source is not None else (recording.source if recording is not None else "")
        self.stdin = stdin
        self.recording = recording
        self.start_line = start_line
        self.max_steps = max_steps
        self.timeout = timeout
        self.index = 0
        self.chosen: str | None = None
        self.moved = ""  # what the last key did, in words
        self._program: Any = None
        self._leaving = False
        self._line_steps: dict[int, list[int]] = {}
        self._numbers: dict[tuple[str, str], list[float]] = {}

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        name = self.path.name if self.path is not None else "your program"
        yield Static(f"Look inside {name}", id="in-title")
        yield Static("", id="in-story")
        with Horizontal(id="in-main"):
            yield InsideCode(self.source, id="in-code")
            with Vertical(id="in-side"):
                yield Static("", id="in-step")
                with VerticalScroll(id="in-vars-box", can_focus=False):
                    yield Static("", id="in-vars")
                yield Static("", id="in-chart-label")
                yield Sparkline([], id="in-chart")
                yield Static("", id="in-output")
        yield Input(placeholder="Run to which line? Type its number and press Enter", id="in-goto",
                    disabled=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        box = self.query_one("#in-goto", Input)
        box.display = False
        box.disabled = True
        self.query_one("#in-chart", Sparkline).display = False
        if self.recording is not None:
            self._ready(self.recording)
        else:
            self.query_one("#in-story", Static).update(
                Text("Looking inside your program… it runs once more, one step at a time.", style="italic"))
            self._record()

    @work(thread=True, exclusive=True, group="inside")
    def _record(self) -> None:
        def started(running: Any) -> None:
            self._program = running
            if self._leaving:
                running.stop()

        try:
            kwargs: dict[str, Any] = {"source": self.source, "stdin": self.stdin, "on_start": started}
            if self.max_steps:
                kwargs["max_steps"] = self.max_steps
            if self.timeout:
                kwargs["timeout"] = self.timeout
            rec = record(self.path, **kwargs)
        except Exception as exc:  # the tutor's own trouble: say so kindly, keep the app going
            if not self._leaving:
                self.app.call_from_thread(self._failed, exc)
            return
        finally:
            self._program = None
        if not self._leaving:
            self.app.call_from_thread(self._ready, rec)

    def _failed(self, exc: Exception) -> None:
        if self._leaving or self not in self.app.screen_stack:
            return
        self.query_one("#in-story", Static).update(
            f"The tutor could not look inside this time ({exc.__class__.__name__}). Press Escape to go back.")

    def _ready(self, rec: Recording) -> None:
        if self._leaving or self not in self.app.screen_stack:
            return  # the child left while the program was being watched
        self.recording = rec
        self._line_steps = {}
        for i, s in enumerate(rec.raw):
            if s[1] == LINE:
                self._line_steps.setdefault(s[0], []).append(i)
        self.query_one("#in-story", Static).update(self._story())
        start = 0
        if self.start_line is not None:
            found = rec.first_step_on(self.start_line)
            if found is not None:
                start = found
                self.moved = f"Jumped to the first time line {self.start_line} ran."
            else:
                self.moved = f"Line {self.start_line} never ran."
        self.chosen = self._default_name()
        self.show(start)

    def _story(self) -> Text:
        rec = self.recording
        assert rec is not None
        text = Text()
        if rec.truncated:
            st = words.stuck(rec)
            text.append(f"Stopped after {words.steps_words(len(rec))}. ", style="bold")
            if st is not None:
                text.append(st.words(), style="bold magenta")
        else:
            text.append(words.headline(rec))
        return text

    # -- showing one step ------------------------------------------------------------------------
    def counts_at(self, i: int) -> dict[int, int]:
        """How many times each line has run, up to and including step ``i``."""
        return {line: bisect.bisect_right(steps, i) for line, steps in self._line_steps.items()
                if steps[0] <= i}

    def show(self, i: int) -> None:
        rec = self.recording
        if rec is None:
            return
        if not rec.raw:
            self.query_one("#in-step", Static).update(
                "Nothing to step through: the program did not run any of its lines.")
            return
        i = max(0, min(i, len(rec.raw) - 1))
        self.index = i
        step = rec.step(i)
        counts = self.counts_at(i)
        err = rec.result.error
        error_line = step.line if step.event == "error" else None
        self.query_one("#in-code", InsideCode).show(step.line, counts, error_line)
        self.query_one("#in-step", Static).update(self._step_words(step, counts, err))
        self.query_one("#in-vars", Static).update(self._vars_text(i, step))
        self._show_chart(i, step)
        self._show_output(i)

    def _step_words(self, step: Any, counts: dict[int, int], err: Any) -> Text:
        rec = self.recording
        assert rec is not None
        text = Text()
        text.append(f"Step {step.index + 1:,} of {len(rec):,}", style="bold")
        where = "" if step.function == "<module>" else f" in {step.function}()"
        if step.event == "line":
            text.append(f" · line {step.line}{where}, {ordinal(counts.get(step.line, 1))} time")
        elif step.event == "call":
            text.append(f" · went into {step.function}()", style="green")
        elif step.event == "return":
            if step.function == "<module>":
                text.append(" · the end: every line is done", style="green")
            else:
                text.append(f" · {step.function}() is done, back to where it was called", style="green")
        elif step.event == "error":
            kind = f": {err.type}" if err is not None and err.line == step.line else ""
            text.append(f" · a problem on line {step.line}{kind}", style="bold red")
        if self.moved:
            text.append("\n" + self.moved, style="italic dim")
        return text

    def _vars_text(self, i: int, step: Any) -> Text:
        rec = self.recording
        assert rec is not None
        values = rec.vars_at(i)
        text = Text(no_wrap=True, end="")
        if not values:
            text.append("No names yet." if step.function == "<module>" else "No names in here.", style="dim")
            return text
        changed = set(step.changed)
        first = True
        for name, value in values.items():
            if not first:
                text.append("\n")
            first = False
            mark = name in changed
            text.append("● " if mark else "  ", style="bold yellow")
            style = "bold reverse" if name == self.chosen else ("bold yellow" if mark else "bold")
            text.append(name, style=style)
            found = items(value)
            if found is not None and found[1] and len(value) > 2:
                kind, parts = found
                text.append(f"  ({kind}, {len(parts) if parts[-1][0] != '…' else 'many'} "
                            f"{'item' if len(parts) == 1 else 'items'})", style="dim")
                text.append("\n")
                text.append_text(boxes(kind, parts))
            else:
                text.append(" = ")
                text.append(_fit(value, 30), style="yellow" if mark else "")
        return text

    def _show_chart(self, i: int, step: Any) -> None:
        rec = self.recording
        assert rec is not None
        chart = self.query_one("#in-chart", Sparkline)
        label = self.query_one("#in-chart-label", Static)
        name = self.chosen
        if name is None:
            chart.display = False
            label.update(Text("Press v to choose a name and see its values.", style="dim"))
            return
        hist = rec.history(name, step.function)
        key = (name, step.function)
        nums = self._numbers.get(key)
        if nums is None:
            nums = self._numbers[key] = [n for n in (number(v) for _, v in hist) if n is not None]
        upto = bisect.bisect_right(rec.changes_of(name, step.function), i)
        if len(nums) >= 2 and len(nums) == len(hist):
            chart.data = nums[-200:]
            chart.display = True
            lo, hi = min(nums), max(nums)
            label.update(Text.assemble(
                (f"{name}", "bold"),
                f" had {len(hist):,} values, from {_num(lo)} to {_num(hi)}. This step shows value {upto:,} of {len(hist):,}.",
            ))
        else:
            chart.display = False
            if len(hist) <= 1:
                label.update(Text.assemble((name, "bold"), f" stayed {_fit(hist[0][1], 20)} the whole time"
                                           if hist else " has no value here"))
            else:
                label.update(Text.assemble((name, "bold"), f" had {len(hist):,} values. This step shows value {upto:,} of {len(hist):,}."))

    def _show_output(self, i: int) -> None:
        rec = self.recording
        assert rec is not None
        printed = rec.output_at(i)
        out = self.query_one("#in-output", Static)
        if not printed:
            out.update(Text("Printed so far: nothing yet", style="dim"))
            return
        lines = printed.splitlines()
        tail = lines[-3:]
        text = Text()
        more = f" (last 3 of {len(lines):,} lines)" if len(lines) > 3 else ""
        text.append(f"Printed so far{more}:\n", style="dim")
        text.append("\n".join(_fit(line, 36) for line in tail))
        out.update(text)

    def _default_name(self) -> str | None:
        """The name to chart first: the number that took the most values in the run."""
        rec = self.recording
        if rec is None or not rec.raw:
            return None
        best, best_n = None, (False, 1)
        for name, count in rec.change_counts().items():
            if count < 2:
                continue
            values = [v for _, v in rec.history(name)[:50]]
            rank = (all(number(v) is not None for v in values), count)
            if rank > best_n:
                best, best_n = name, rank
        if best is None:
            best = next(iter(rec.vars_at(len(rec) - 1)), None)
        return best

    # -- keys --------------------------------------------------------------------------------------
    def _go(self, target: int | None, moved: str, nothing: str) -> None:
        if target is None:
            self.moved = nothing
            self.show(self.index)
            return
        self.moved = moved
        self.show(target)

    def action_step(self, delta: int) -> None:
        rec = self.recording
        if rec is None or not rec.raw:
            return
        target = self.index + delta
        if not 0 <= target < len(rec):
            self._go(None, "", "That is the last step." if delta > 0 else "That is the first step.")
            return
        self._go(target, "Went forward a step." if delta > 0 else "Went back a step.", "")

    def action_over(self, delta: int) -> None:
        rec = self.recording
        if rec is None or not rec.raw:
            return
        if delta > 0:
            target = rec.next_in_function(self.index)
            self._go(target, "Went to the next line here (calls skipped).", "That is the last step here.")
        else:
            target = rec.prev_in_function(self.index)
            self._go(target, "Went back a line here (calls skipped).", "That is the first step here.")

    def action_jump(self, where: str) -> None:
        rec = self.recording
        if rec is None or not rec.raw:
            return
        if where == "start":
            self._go(0, "Back to the start.", "")
        else:
            self._go(len(rec) - 1, "Jumped to the last step.", "")

    def action_error(self) -> None:
        rec = self.recording
        if rec is None:
            return
        target = rec.error_step()
        self._go(target, "Jumped to where the problem happened.", "No problem happened in this run.")

    def action_choose(self) -> None:
        rec = self.recording
        if rec is None or not rec.raw:
            return
        names = list(rec.vars_at(self.index))
        if not names:
            self._go(None, "", "No names to choose here.")
            return
        if self.chosen in names:
            self.chosen = names[(names.index(self.chosen) + 1) % len(names)]
        else:
            self.chosen = names[0]
        self._go(self.index, f"Chose `{self.chosen}`: press c to jump to where it changes.", "")

    def action_change(self) -> None:
        rec = self.recording
        if rec is None or self.chosen is None:
            self._go(None, "", "Press v to choose a name first.")
            return
        function = rec.step(self.index).function
        target = rec.next_change(self.chosen, self.index, function)
        changes = rec.changes_of(self.chosen, function)
        if target is None:
            self._go(None, "", f"`{self.chosen}` never changes here.")
            return
        nth = changes.index(target) + 1
        wrapped = " (from the start again)" if target <= self.index else ""
        self._go(target, f"Jumped to where `{self.chosen}` changes: change {nth:,} of {len(changes):,}{wrapped}.", "")

    def action_goto(self) -> None:
        box = self.query_one("#in-goto", Input)
        box.display = True
        box.disabled = False
        box.value = ""
        box.focus()

    @on(Input.Submitted, "#in-goto")
    def _goto_line(self, event: Input.Submitted) -> None:
        box = self.query_one("#in-goto", Input)
        box.display = False
        box.disabled = True
        self.set_focus(None)
        text = event.value.strip()
        try:
            line = int(text)
        except ValueError:
            self._go(None, "", f"{text!r} is not a line number." if text else "")
            return
        self.run_to_line(line)

    def run_to_line(self, line: int) -> None:
        """Go on to the next step where ``line`` runs (from the start again after the last one)."""
        rec = self.recording
        if rec is None:
            return
        target = rec.first_step_on(line, self.index)
        wrapped = ""
        if target is None:
            target = rec.first_step_on(line)
            wrapped = " (from the start again)"
        if target is None:
            self._go(None, "", f"Line {line} never ran.")
            return
        nth = bisect.bisect_right(self._line_steps.get(line, []), target)
        self._go(target, f"Ran on to line {line}: its {ordinal(nth)} time{wrapped}.", "")

    def choose_name(self, name: str) -> None:
        self.chosen = name
        self._go(self.index, f"Chose `{name}`: press c to jump to where it changes.", "")

    def action_leave(self) -> None:
        box = self.query_one("#in-goto", Input)
        if box.display:  # Escape in the "run to line" box closes the box, not the view
            box.display = False
            box.disabled = True
            self.set_focus(None)
            return
        self._leaving = True
        running = self._program
        if running is not None:
            running.stop()
        self.dismiss(None)


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else f"{value:g}"
