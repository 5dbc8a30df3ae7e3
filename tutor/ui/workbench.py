"""The workbench: instructions, the code editor, Run/Stop, live output with input(), the clue panel.

Running, checking and explaining happen in worker threads. The threads never touch widgets: they
put what happens (output, "waiting for input", the result) on a queue that a timer on the
interface side empties twenty times a second, in order. The child's code is autosaved two seconds
after typing stops, before every run, when leaving and on quit.
"""

from __future__ import annotations

import inspect
import queue
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Markdown, Static, TabbedContent, TabPane, TextArea

from .services import MissingService
from .widgets import CluePanel, CodeEditor, Feedback, OutputView
from .words import outcome_headline, tries_text

AUTOSAVE_DELAY = 2.0  # at most this long after the first unsaved change, even while typing goes on
DRAIN_INTERVAL = 1 / 20
RETRY_SAVE_AFTER = 5.0  # seconds: a save that failed is tried again
RUN_TIMEOUT = 15.0  # seconds of running (not counting waiting for answers); Stop works any time
SLOW_NOTE_AFTER = 5.0  # then say that Stop is there
ANSWER_IDLE = "(type answers here when your program asks)"
ANSWER_WAITING = "Type your answer, then press Enter"

OWN_PROGRAM_HELP = """\
# Your own program

**{name}**

Press **Run** (F5) to try it. If something goes wrong, the **Clues** tab explains
what happened and where the small change belongs.

Your changes are saved into this file as you type.
"""


class WorkbenchScreen(Screen[None]):
    """Edit, run, read the clue, try again."""

    # Priority: the same keys wherever the focus is (the editor's own Ctrl+D, F6 and F7 mean
    # other things), and the footer lists them in this order.
    BINDINGS = [
        Binding("f5", "run", "Run", priority=True),
        Binding("f6", "stop", "Stop", priority=True),
        # Ctrl+C, the key people reach for, stops a running program (otherwise: copy, as usual).
        Binding("ctrl+c", "stop", "Stop", priority=True, show=False),
        Binding("ctrl+g", "clue", "Clue", priority=True),
        Binding("ctrl+d", "duck", "Duck", priority=True),
        Binding("f7", "python_words", "Python's words", priority=True),
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("f8", "look_inside", "Look inside", priority=True, show=False),
        Binding("ctrl+s", "save", "Save", show=False),
        # Escape leaves the editor (the editor does that itself); anywhere else it goes back to
        # the editor. It never leaves the workbench: that is Back's own key.
        Binding("escape", "to_editor", "Editor", show=False),
    ]

    def __init__(self, *, exercise: Any = None, path: Path | None = None) -> None:
        super().__init__()
        self.exercise = exercise
        self.file_path = Path(path) if path is not None else None
        self.program: Any = None  # the RunningProgram while one runs
        self.running = False
        self.checking = False
        # Set when Run is pressed again while the tutor still looks for the one small thing: the
        # search stops, and the new run starts as soon as the old look has ended.
        self._search_cancel = threading.Event()
        self._run_again = False
        self.events: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._drain_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._slow_timer: Timer | None = None
        self._saved_notice_timer: Timer | None = None
        self.opened_at = time.monotonic()
        self.last_try_at = self.opened_at
        self.session_tries = 0
        self.finished = 0  # runs fully done (output, checks and feedback all shown)
        self.same_problem_runs = 0
        self.last_problem_key: tuple[Any, ...] | None = None
        self.last_inputs: list[str] = []
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._loaded_text = ""
        self._last_text = ""
        self._last_request = 0.0
        self.open_problem: str | None = None  # the file could not be opened: never write over it
        self.python_said = ""  # Python's own report about the last run (shown on request, trimmed)
        self.clues_asked = 0  # clues the child asked for (the first one after a run comes by itself)
        self.changed_since_last_try = True  # the last run's code differs from the try before it
        self.last_run_result: Any = None  # the child's own last run
        self.run_started = 0.0
        self._life_timer: Timer | None = None

    @classmethod
    def for_exercise(cls, exercise: Any) -> "WorkbenchScreen":
        return cls(exercise=exercise)

    @classmethod
    def for_file(cls, path: Path) -> "WorkbenchScreen":
        return cls(path=Path(path))

    # -- what we are editing --------------------------------------------------------------------
    @property
    def save_key(self) -> tuple[str, str]:
        if self.exercise is not None:
            return ("exercise", f"{self.app_profile}:{self.exercise.id}")
        return ("file", str(self.file_path))

    @property
    def _exercise_id(self) -> str | None:
        return str(self.exercise.id) if self.exercise is not None else None

    @property
    def app_profile(self) -> str | None:
        return getattr(self.app, "profile", None)

    @property
    def services(self) -> Any:
        return getattr(self.app, "services")

    def _initial_text(self) -> str:
        app: Any = self.app
        if self.exercise is not None:
            saved = None
            if self.app_profile is not None:
                try:
                    saved = self.services.load_work(self.app_profile, self.exercise.id, home=app.home)
                except MissingService:
                    saved = None
                except Exception as exc:
                    self.notify(f"Your saved code could not be read ({exc}). Starting from the beginning.",
                                severity="warning", markup=False)
            return saved if saved is not None else str(self.exercise.starter)
        from .dialogs import read_program_file

        assert self.file_path is not None
        text, problem = read_program_file(self.file_path)
        if problem is not None:
            self.open_problem = problem
            self.notify(problem, title="Read-only" if text is not None else "Cannot open", severity="error",
                        timeout=10, markup=False)
            return text or ""
        return text or ""

    def run_path(self) -> Path:
        """A real .py file holding the program (for running, the duck and the checker)."""
        app: Any = self.app
        if self.file_path is not None:
            return self.file_path
        if self.app_profile is not None:
            try:
                return Path(self.services.work_path(self.app_profile, self.exercise.id, home=app.home))
            except MissingService:
                pass
        if self._scratch is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="tutor-work-")
        return Path(self._scratch.name) / f"{self.exercise.id}.py"

    def _writer(self):  # type: ignore[no-untyped-def]
        """A function that saves a text where this program belongs (called in the saver thread)."""
        app: Any = self.app
        if self.file_path is not None:
            path = self.file_path

            def write_file(text: str) -> None:
                from ..storage import atomic_write_text

                atomic_write_text(path, text)

            return write_file
        profile, exercise_id, save_work = self.app_profile, self.exercise.id, None
        try:
            save_work = self.services.save_work
        except MissingService:
            pass
        scratch = self.run_path()

        def write_work(text: str) -> None:
            if save_work is not None and profile is not None:
                save_work(profile, exercise_id, text, home=app.home)
            else:
                from ..storage import atomic_write_text

                atomic_write_text(scratch, text)

        return write_work

    # -- layout -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        if self.exercise is not None:
            title = f"Level {self.exercise.level} · {self.exercise.title}"
        else:
            title = f"My program · {self.file_path.name if self.file_path else ''}"
        with Horizontal(id="wb-top"):
            yield Static(title, id="wb-title")
            yield Static("", id="wb-tries")
            yield Static("", id="wb-saved")
        with Horizontal(id="wb-buttons"):
            yield Button("▶ Run", id="run", variant="success", compact=True, tooltip="Run your program (F5)")
            yield Button("■ Stop", id="stop", variant="error", compact=True, disabled=True,
                         tooltip="Stop your program (F6)")
            yield Button("Give me a clue", id="clue", compact=True, tooltip="Ctrl+G")
            yield Button("Duck", id="duck", compact=True, tooltip="Explain your code to the duck (Ctrl+D)")
            if self.exercise is not None:
                yield Button("Start again", id="start-again", compact=True)
            yield Button("Save", id="save", compact=True, tooltip="Ctrl+S")
            yield Button("◀ Back", id="back", compact=True, tooltip="Escape")
        with Horizontal(id="wb-main"):
            with Vertical(id="wb-left"):
                yield CodeEditor.code_editor("", language="python", id="editor", theme=self._editor_theme())
                output = OutputView(id="output")
                output.border_title = "Output"
                yield output
                yield Input(placeholder=ANSWER_IDLE, id="answer",
                            compact=True, disabled=True)
            with TabbedContent(id="wb-side", initial="tab-task"):
                with TabPane("Task", id="tab-task"):
                    with VerticalScroll(id="task-scroll"):
                        yield Markdown(self._instructions(), id="task")
                with TabPane("Clues", id="tab-clues"):
                    yield CluePanel(id="clues")
        yield Footer()

    def _instructions(self) -> str:
        if self.exercise is not None:
            return str(self.exercise.instructions)
        return OWN_PROGRAM_HELP.format(name=self.file_path.name if self.file_path else "")

    def _editor_theme(self) -> str:
        dark = getattr(self.app, "current_theme", None)
        is_dark = getattr(dark, "dark", True)
        return "monokai" if is_dark else "github_light"

    def on_mount(self) -> None:
        app: Any = self.app
        editor = self.query_one("#editor", TextArea)
        self._loaded_text = self._initial_text()
        editor.load_text(self._loaded_text)
        self._last_text = self._loaded_text
        if self.open_problem is not None:
            editor.read_only = True
            self.query_one("#run", Button).disabled = True
            self.query_one("#clues", CluePanel).show_busy(f"This file could not be opened: {self.open_problem}")
        # What is on disk now counts as saved (no needless write when nothing changed).
        app.saver.last_saved.setdefault(self.save_key, self._loaded_text)
        if app.is_headless:
            editor.cursor_blink = False
            self.query_one("#answer", Input).cursor_blink = False
        editor.focus()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(0.5, self._show_saved_state)
        self._update_tries(self._stored_tries())
        self._show_saved_state()
        app.show_store_problem()

    def _theme_changed(self, theme: Any) -> None:
        self.query_one("#editor", TextArea).theme = "monokai" if theme.dark else "github_light"

    # -- tries and encouragement -----------------------------------------------------------------
    def _stored_tries(self) -> int:
        if self.exercise is None:
            return self.session_tries
        progress = getattr(self.app, "progress_of")(self.exercise.id)
        return int(getattr(progress, "tries", 0) or 0)

    def _update_tries(self, tries: int) -> None:
        text = tries_text(tries) if tries else ""
        self.query_one("#wb-tries", Static).update(text)

    # -- saving ---------------------------------------------------------------------------------
    @on(TextArea.Changed, "#editor")
    def _edited(self) -> None:
        self._last_text = self.query_one("#editor", TextArea).text
        self.query_one("#editor", CodeEditor).marked_line = None
        # At most AUTOSAVE_DELAY after the first unsaved change, even while typing goes on.
        if self._save_timer is None:
            self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.save_soon)

    def save_soon(self) -> None:
        """Ask the saver thread to write the current code (returns at once)."""
        app: Any = self.app
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.open_problem is not None:
            return  # a file we could not open: never write over it
        text = self.query_one("#editor", TextArea).text
        self._last_request = time.monotonic()
        app.saver.request(self.save_key, self._writer(), text)

    def _save_now(self, text: str) -> bool:
        """Write the code to its file now (the duck reads the file). False if that failed."""
        app: Any = self.app
        writer = self._writer()
        app.saver.request(self.save_key, writer, text)
        app.saver.flush(timeout=5)
        try:
            if not self.run_path().exists():
                writer(text)
        except OSError as exc:
            self.notify(f"Your code could not be saved: {exc}", severity="error", markup=False)
            return False
        return True

    def _show_saved_state(self) -> None:
        app: Any = self.app
        while app.save_problems:
            problem = app.save_problems.pop(0)
            self.notify(f"Your code could not be saved: {problem}. It is still here in the editor; "
                        "the tutor will try again.", title="Not saved", severity="error", timeout=10, markup=False)
        text = self.query_one("#editor", TextArea).text
        saved = app.saver.last_saved.get(self.save_key) == text
        if (not saved and self._save_timer is None and self.open_problem is None
                and time.monotonic() - self._last_request > RETRY_SAVE_AFTER):
            self.save_soon()  # the last save failed (or never happened): try again
        label = self.query_one("#wb-saved", Static)
        label.update("✓ saved" if saved else "● editing")
        label.set_class(saved, "-saved")

    def action_save(self) -> None:
        if self.open_problem is not None:
            self.notify(self.open_problem, title="Cannot open", severity="error", markup=False)
            return
        self.save_soon()
        self.notify("Saved. (The tutor also saves by itself while you type.)", timeout=2)

    def before_quit(self) -> None:
        """The app is closing: stop the program and save the code."""
        if self.program is not None:
            self.program.stop()
        self.save_soon()

    # -- running ---------------------------------------------------------------------------------
    def action_run(self) -> None:
        if self.open_problem is not None:
            self.notify(self.open_problem, title="Cannot open", severity="error", markup=False)
            return
        if self.running:
            self.notify("Your program is still running. Press Stop (F6) to stop it.", timeout=3)
            return
        if self.checking:
            self._search_cancel.set()
            if not self._run_again:
                self._run_again = True
                self.notify("Stopping the search and running your program again…", timeout=3)
            return
        self._search_cancel = threading.Event()
        text = self.query_one("#editor", TextArea).text
        self.save_soon()
        output = self.query_one("#output", OutputView)
        output.clear()
        output.holding = True  # Python's report waits: kind words come first
        self.python_said = ""
        self.query_one("#editor", CodeEditor).marked_line = None
        output.note("▶ Running your program…")
        output.flush()
        self.query_one("#clues", CluePanel).show_busy("Running your program…")
        self._set_running(True)
        self.last_inputs = []
        self.run_started = time.monotonic()
        self._start_draining()
        self.run_in_thread(text, self.run_path(), self._writer())
        self._slow_timer = self.set_timer(SLOW_NOTE_AFTER, self._still_running)
        self._show_life()
        self._life_timer = self.set_interval(0.5, self._show_life)

    def _show_life(self) -> None:
        """While the program runs, a sign of life above the output: time, lines printed."""
        output = self.query_one("#output", OutputView)
        if not self.running:
            output.border_title = "Output"
            if self._life_timer is not None:
                self._life_timer.stop()
                self._life_timer = None
            return
        seconds = int(time.monotonic() - self.run_started)
        printed = output.printed_lines
        lines = f"{printed} line{'s' if printed != 1 else ''} printed"
        output.border_title = f"Output · running {seconds} s · {lines} · Stop: F6 or Ctrl+C"

    def _still_running(self) -> None:
        if self.running and not self.query_one("#answer", Input).has_class("-waiting"):
            self.query_one("#clues", CluePanel).show_busy(
                "Your program is still running. If it should have finished by now, press Stop (F6 or Ctrl+C): "
                "a loop that never ends is a clue too!")
            self.query_one("#wb-side", TabbedContent).active = "tab-clues"  # so the child sees it

    def _set_running(self, running: bool) -> None:
        self.running = running
        if not running and self._slow_timer is not None:
            self._slow_timer.stop()
            self._slow_timer = None
        if not running:
            self._show_life()
        self.query_one("#run", Button).disabled = running
        self.query_one("#stop", Button).disabled = not running
        if not running:
            self._input_box(False)
        self.refresh_bindings()

    def _start_draining(self) -> None:
        if self._drain_timer is None:
            self._drain_timer = self.set_interval(DRAIN_INTERVAL, self._drain)

    @work(thread=True, group="run")
    def run_in_thread(self, text: str, path: Path, writer: Any) -> None:
        app: Any = self.app
        events = self.events
        try:
            app.saver.flush(timeout=5)
            if not path.exists():
                writer(text)  # the program runs in its own folder: make sure it is there
            from ..run import DEFAULT_LIMITS, INTERACTIVE

            program = self.services.running_program(
                path,
                stdin=INTERACTIVE,
                source=text,
                limits=DEFAULT_LIMITS.with_timeout(RUN_TIMEOUT),
                on_output=lambda stream, data: events.put(("output", stream, data)),
                on_event=lambda kind, data: events.put(("event", kind, data)),
            )
            self.program = program
            program.start()
            result = program.wait()
        except Exception as exc:
            events.put(("run-failed", exc))
            return
        finally:
            self.program = None
        events.put(("run-done", result, text))

    def action_stop(self) -> None:
        program = self.program
        if program is not None:
            try:
                program.stop(where=True)  # find out where it was first, as the time limit does
            except TypeError:
                program.stop()
            self.query_one("#output", OutputView).note("■ Stopping…")

    def action_python_words(self) -> None:
        """Python's own words about the last run, trimmed to the child's file."""
        if not self.python_said.strip():
            self.notify("Python did not say anything this time.", timeout=3)
            return
        from .dialogs import PythonWordsScreen

        self.app.push_screen(PythonWordsScreen(self.python_said, self.run_path()))

    def action_to_editor(self) -> None:
        self.query_one("#editor", TextArea).focus()

    def _drain(self) -> None:
        output = self.query_one("#output", OutputView)
        while True:
            try:
                item = self.events.get_nowait()
            except queue.Empty:
                break
            try:
                self._handle(item, output)
            except Exception as exc:  # a bug in the tutor must not close the app or lose code
                self.log.error(f"workbench: {item[0]} failed: {exc!r}")
                if item[0] in ("run-done", "checked", "explained"):
                    self._set_running(False)
                    self.checking = False
                    self.finished += 1
                    self.query_one("#clues", CluePanel).show_busy(
                        f"The tutor had a problem showing this run ({exc.__class__.__name__}). "
                        "Your code is safe: try running it again.")
        done = not self.running and not self.checking and self.events.empty()
        output.flush(force=done)
        if done and self._drain_timer is not None:
            self._drain_timer.stop()
            self._drain_timer = None

    def _handle(self, item: tuple[Any, ...], output: OutputView) -> None:
        kind = item[0]
        if kind == "output":
            output.add(item[1], item[2])
        elif kind == "event":
            self._program_event(item[1], item[2])
        elif kind == "run-done":
            output.flush()
            self._run_done(item[1], item[2])
        elif kind == "run-failed":
            self._set_running(False)
            output.note(f"The tutor could not run your program: {item[1]}")
            self.query_one("#clues", CluePanel).show_busy("The program could not be started.")
            self.finished += 1
        elif kind == "check-progress":
            self.query_one("#clues", CluePanel).show_busy(item[1])
        elif kind == "checked":
            self._checked(*item[1:])
        elif kind == "explained":
            self._explained(*item[1:])
        elif kind == "work-failed":
            self.checking = False
            self.finished += 1
            self.query_one("#clues", CluePanel).show_busy(item[1])
        if kind in ("checked", "explained", "work-failed") and self._run_again and not self.checking:
            self._run_again = False
            self.call_later(self.action_run)

    def _program_event(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "input-wait":
            self._input_box(True)
        elif kind == "input-done":
            self._input_box(False)

    def _input_box(self, waiting: bool) -> None:
        box = self.query_one("#answer", Input)
        if waiting:
            box.disabled = False
            box.placeholder = ANSWER_WAITING
            box.add_class("-waiting")
            box.focus()
        else:
            had_focus = box.has_focus
            box.value = ""
            box.disabled = True
            box.placeholder = ANSWER_IDLE
            box.remove_class("-waiting")
            if had_focus and not self.running:
                self.query_one("#editor", TextArea).focus()

    @on(Input.Submitted, "#answer")
    def _answer(self, event: Input.Submitted) -> None:
        event.stop()
        program = self.program
        if program is None:
            return
        value = event.value
        self.last_inputs.append(value)
        output = self.query_one("#output", OutputView)
        output.add("input", value + "\n")
        output.flush()
        event.input.value = ""
        program.send_input(value + "\n")

    def _run_done(self, result: Any, text: str) -> None:
        app: Any = self.app
        self._set_running(False)
        self.last_run_result = result
        output = self.query_one("#output", OutputView)
        held = output.take_held()
        stopped_by_python = getattr(result, "error", None) is not None or result.outcome in ("killed", "timeout")
        if stopped_by_python:
            self.python_said = str(getattr(result, "stderr", "") or held)
        elif held:
            output.add("stderr", held)  # the program wrote there itself: show it as it came
        output.note(self._end_note(result))
        if self.python_said.strip():
            output.note("(F7 shows what Python said.)")
        if result.outcome != "ok" and not getattr(self, "_inside_offered", False):  # once, when it went wrong
            self._inside_offered = True
            self.notify("Press F8 to look inside: watch your program run one step at a time.", timeout=6)
        self.last_inputs = list(getattr(result, "inputs", None) or self.last_inputs)
        error = getattr(result, "error", None)
        # A try is a run of changed code: running the same code again is not another try.
        tried = getattr(app, "last_tried", None)
        changed = tried is None or tried.get(self.save_key) != text
        if tried is not None:
            tried[self.save_key] = text
        self.changed_since_last_try = changed
        app.log_event(
            "run",
            changed=changed,
            exercise_id=self._exercise_id,
            path=str(self.run_path()),
            outcome=result.outcome,
            error_type=error.type if error is not None else None,
            line=error.line if error is not None else None,
            seconds=round(getattr(result, "duration_ms", 0.0) / 1000, 3),
        )
        self.query_one("#editor", TextArea).focus()
        self.checking = True
        self._start_draining()
        if result.outcome != "ok":
            # The clues will be about this: show the panel now, while the tutor looks.
            self.query_one("#wb-side", TabbedContent).active = "tab-clues"
        if self.exercise is not None:
            self.query_one("#clues", CluePanel).show_busy("Checking your program against the task…")
            self.check_in_thread(text, result)
        else:
            self.query_one("#clues", CluePanel).show_busy("Looking for the one small thing to change…")
            self.explain_in_thread(text, self._as_explained(result))

    @staticmethod
    def _as_explained(result: Any) -> Any:
        """Stopped by hand while busy: the runner found out where the program was, as for the
        time limit, so it is explained as a program that kept going (the loop's own clue)."""
        stuck = getattr(result, "stuck", None)
        if (getattr(result, "limit", None) == "stopped" and stuck is not None
                and getattr(stuck, "stack", None) and not getattr(stuck, "waiting_for_input", False)):
            import dataclasses

            try:
                return dataclasses.replace(result, outcome="timeout", limit="time")
            except TypeError:
                return result
        return result

    def _end_note(self, result: Any) -> str:
        outcome = result.outcome
        if outcome == "ok":
            return "✓ Your program finished."
        if outcome == "killed" and getattr(result, "limit", None) == "stopped":
            return "■ You stopped your program."
        if outcome == "error" and result.error is not None and result.error.line:
            return (f"✗ Python stopped your program at line {result.error.line}. "
                    "Read the clue on the right: every error is a clue!")
        return "✗ " + outcome_headline(outcome, getattr(result, "limit", None))

    # -- checking (exercises) and explaining (own programs) --------------------------------------
    @work(thread=True, group="check")
    def check_in_thread(self, text: str, run_result: Any) -> None:
        app: Any = self.app
        events = self.events
        exercise = self.exercise

        def progress(*args: Any, **kwargs: Any) -> None:
            numbers = [a for a in args if isinstance(a, int)]
            if len(numbers) >= 2:
                events.put(("check-progress", f"Checking your program… ({numbers[0]} of {numbers[1]})"))

        try:
            try:
                report = self.services.check_program(exercise, text, path=self.run_path(), on_progress=progress,
                                                     **self._cancel_kw("check_program"))
            except TypeError:
                report = self.services.check_program(exercise, text, path=self.run_path())
            limits = self._parent_limits()
            seconds = time.monotonic() - self.last_try_at
            state = None
            try:
                if self.changed_since_last_try:
                    state = app.record_try(exercise.id, bool(report.passed), seconds)
                else:
                    state = app.progress_of(exercise.id)  # the same code again: not a new try
            except Exception:
                state = None
        except MissingService:
            events.put(("work-failed", "Checking is not available in this version of the tutor."))
            return
        except Exception as exc:
            events.put(("work-failed", f"The tutor had a problem checking your program ({exc.__class__.__name__}: "
                                       f"{exc}). Your code is safe."))
            return
        events.put(("checked", report, state, text, limits))

    def _checked(self, report: Any, state: Any, text: str, limits: Any) -> None:
        app: Any = self.app
        self.checking = False
        self.last_try_at = time.monotonic()
        self.session_tries += 1 if self.changed_since_last_try else 0
        tries = int(getattr(state, "tries", 0) or 0) or self.session_tries
        hint = getattr(report, "hint", None)
        failing = next((c for c in getattr(report, "checks", []) or [] if not c.passed), None)
        error = getattr(getattr(failing, "result", None), "error", None)
        app.log_event("check", changed=self.changed_since_last_try,
                      exercise_id=self._exercise_id, passed=bool(report.passed), outcome=report.outcome,
                      error_type=getattr(error, "type", None), hint_diagnoser=getattr(hint, "diagnoser", None),
                      hint_line=getattr(hint, "line", None))
        feedback = self._feedback_from_check(report, text, limits)
        self._show(feedback, tries)
        if report.passed:
            app.log_event("solved", exercise_id=self._exercise_id, tries=tries,
                          clues_used=getattr(state, "clues_used", None))
            self._celebrate(tries, state)

    def _feedback_from_check(self, report: Any, text: str, limits: Any = None) -> Feedback:
        checks = list(getattr(report, "checks", []) or [])
        passed_count = sum(1 for c in checks if c.passed)
        if report.passed:
            return Feedback(outcome="ok", headline="It does what the task asks, every time! You did it!",
                            detail=self._tries_words(passed_count, len(checks)),
                            passed=True)
        outcome = str(report.outcome)
        failing = next((c for c in checks if not c.passed), None)
        result = getattr(failing, "result", None)
        # This result comes from the tutor's own run of the program, not the child's: say so
        # (unless the child's own run ended the very same way: then there is one story).
        where = "" if self._same_as_own_run(result) else self._check_run_words(getattr(failing, "check", None))
        headline = self._headline(outcome, result)
        if where:
            headline = where + (headline if headline.startswith("Python") else headline[0].lower() + headline[1:])
        detail = self._tries_words(passed_count, len(checks))
        feedback = Feedback(outcome=outcome, headline=headline, detail=detail)
        if outcome == "wrong-output" and failing is not None:
            feedback.expected = str(failing.check.expected)
            feedback.actual = str(failing.actual)
            feedback.stdin = getattr(failing.check, "stdin", None) or None
        hint = getattr(report, "hint", None)
        self._add_hint(feedback, hint, text, limits, authored=self._authored_clues(hint, text))
        if not feedback.levels:
            # No hint from the explainer: the exercise's own clues (all gentle: no exact change
            # among them), as many as the parents allow.
            clues = [str(c) for c in (getattr(self.exercise, "clues", None) or [])]
            most = getattr(limits, "max_clue_levels", None)
            feedback.levels = clues[: max(1, most)] if most is not None else clues
            feedback.limited = len(feedback.levels) < len(clues)
            feedback.key = (outcome, "exercise-clues")
        if failing is not None and getattr(failing.check, "kind", "output") != "output":
            feedback.expected = feedback.actual = None
            feedback.detail = (feedback.detail + "\n" if feedback.detail else "") + f"The task's own test says: {failing.actual}"
        feedback.solution_allowed = bool(getattr(limits, "allow_solutions", False))
        return feedback

    def _same_as_own_run(self, result: Any) -> bool:
        own = self.last_run_result
        if own is None or result is None or own.outcome != result.outcome:
            return False
        own_error, error = getattr(own, "error", None), getattr(result, "error", None)
        if own_error is None or error is None:
            return own_error is None and error is None and own.outcome != "ok"
        return (own_error.type, own_error.line) == (error.type, error.line)

    @staticmethod
    def _tries_words(worked: int, runs: int) -> str:
        if not runs:
            return ""
        return f"The tutor's runs: {worked} of {runs} went right. Your own run is in the Output."

    @staticmethod
    def _check_run_words(check: Any) -> str:
        """Where a result came from: the tutor's run with the exercise's own answers typed in."""
        if check is None:
            return ""
        stdin = str(getattr(check, "stdin", "") or "")
        if stdin.strip():
            answers = ", ".join(stdin.rstrip("\n").split("\n"))
            return f"With the exercise's own answers typed in ({answers}): "
        return "When the tutor ran it: "

    def _parent_limits(self) -> Any:
        """The parents' settings (how many clue levels, exact change, solutions); None if unknown."""
        try:
            return self.services.load_settings(getattr(self.app, "home", None))
        except Exception:
            return None

    def _add_hint(self, feedback: Feedback, hint: Any, text: str, limits: Any = None,
                  authored: list[str] | None = None) -> None:
        """The clue ladder from the explainer's hint, under the parents' settings.

        ``authored``: the exercise's own gentle clues, used instead of the hint's first levels
        when the child's error is the exercise's planted bug (the hint's last level, the exact
        change, stays last). Every source goes through the same settings: how many levels, and
        whether the exact change (the last level, and the before/after view) may be shown."""
        if hint is None:
            return
        levels = [str(x) for x in (getattr(hint, "levels", None) or [])]
        if not levels and getattr(hint, "title", None):
            levels = [str(hint.title)]
        if authored:
            levels = list(authored) + levels[-1:]
            feedback.authored = True
        all_levels = levels
        exact_setting = bool(getattr(limits, "show_exact_change", True)) if limits is not None else True
        if limits is not None:
            try:
                levels = list(self.services.allowed_levels(levels, limits))
            except Exception:
                levels = levels[:1]
        feedback.levels = levels
        feedback.limited = len(levels) < len(all_levels)
        feedback.line = getattr(hint, "line", None)
        feedback.diagnoser = getattr(hint, "diagnoser", None)
        feedback.key = (feedback.outcome, feedback.diagnoser, feedback.line)
        fix = getattr(hint, "fix", None)
        exact_allowed = exact_setting and len(levels) == len(all_levels)
        fits = fix is not None and getattr(fix, "end_line", 0) <= len(text.splitlines())
        if fix is not None and fits and getattr(hint, "verified", False) and exact_allowed:
            try:
                feedback.fix_old = list(fix.old_lines(text))
                feedback.fix_new = list(fix.new_lines())
                feedback.fix_line = int(fix.start_line)
            except Exception:
                feedback.fix_new = None

    def _authored_clues(self, hint: Any, text: str) -> list[str] | None:
        """The exercise's own clues, when the child's error is still its planted bug."""
        clues = [str(c) for c in (getattr(self.exercise, "clues", None) or [])]
        line = getattr(hint, "line", None)
        if not clues or self.exercise is None or line is None:
            return None
        try:
            from ..exercises import is_planted_bug

            return clues if is_planted_bug(self.exercise, text, int(line)) else None
        except Exception:
            return None

    def _cancel_kw(self, service: str) -> dict[str, Any]:
        """``cancel=`` for the service when it takes one (the real ones do; test fakes may not)."""
        try:
            takes = "cancel" in inspect.signature(self.services.get(service)).parameters
        except (TypeError, ValueError, MissingService):
            takes = False
        return {"cancel": self._search_cancel} if takes else {}

    @work(thread=True, group="check")
    def explain_in_thread(self, text: str, run_result: Any) -> None:
        events = self.events
        explanation = None
        limits = self._parent_limits()
        if run_result.outcome != "ok":
            stdin = "".join(f"{line}\n" for line in (getattr(run_result, "inputs", None) or []))
            try:
                explanation = self.services.explain_run(self.run_path(), text, run_result, stdin=stdin,
                                                        **self._cancel_kw("explain_run"))
            except MissingService:
                explanation = None
            except Exception as exc:
                events.put(("work-failed", f"The tutor could not explain this run ({exc.__class__.__name__}). "
                                           "Look at the output for clues."))
                return
        events.put(("explained", run_result, explanation, text, limits))

    def _explained(self, run_result: Any, explanation: Any, text: str, limits: Any = None) -> None:
        self.checking = False
        self.session_tries += 1 if self.changed_since_last_try else 0
        outcome = str(getattr(explanation, "outcome", None) or run_result.outcome)
        passed = outcome == "ok"
        stopped = getattr(self.last_run_result, "limit", None) == "stopped"  # by hand: say so
        feedback = Feedback(outcome=outcome, passed=passed,
                            headline="Your program ran to the end. ✓" if passed
                            else outcome_headline("killed", "stopped") if stopped
                            else self._headline(outcome, run_result))
        if not passed:
            hint = getattr(explanation, "hint", None)
            self._add_hint(feedback, hint, text, limits)
            if hint is None:
                feedback.detail = "Look at the output: what did Python say, and on which line?"
        self._show(feedback, self.session_tries)

    @staticmethod
    def _headline(outcome: str, result: Any) -> str:
        error = getattr(result, "error", None)
        if outcome == "error" and error is not None and error.line:
            return f"Python stopped your program at line {error.line}."
        return outcome_headline(outcome, getattr(result, "limit", None))

    def _show(self, feedback: Feedback, tries: int) -> None:
        if feedback.passed:
            self.same_problem_runs = 0
            self.last_problem_key = None
        else:
            key = feedback.key or (feedback.outcome,)
            self.same_problem_runs = self.same_problem_runs + 1 if key == self.last_problem_key else 1
            self.last_problem_key = key
        panel = self.query_one("#clues", CluePanel)
        panel.show_feedback(feedback)
        panel.show_cheer(tries, self.same_problem_runs, feedback.passed)
        if not feedback.passed and feedback.line:
            self.goto_line(feedback.line, focus=False)  # where to look: marked in the editor
        self._update_tries(tries)
        if not feedback.passed or self.exercise is None:
            self.query_one("#wb-side", TabbedContent).active = "tab-clues"
        self.finished += 1

    def _celebrate(self, tries: int, state: Any) -> None:
        from .dialogs import CelebrationScreen

        app: Any = self.app
        following = self._next_exercise()
        alone = bool(getattr(state, "fixed_alone", False)) if state is not None else self.clues_asked == 0

        def chosen(what: str | None) -> None:
            if what == "next" and following is not None:
                app.open_workbench(exercise=following, replace=True)
            elif what == "list":
                self.action_back()

        clues_used = 0 if alone else 1
        app.push_screen(CelebrationScreen(str(self.exercise.title), tries, clues_used, following is not None), chosen)

    def _next_exercise(self) -> Any:
        app: Any = self.app
        exercises = sorted(app.exercises or [], key=lambda e: (e.level, str(e.id)))
        ids = [str(e.id) for e in exercises]
        if str(self.exercise.id) not in ids:
            return None
        after = exercises[ids.index(str(self.exercise.id)) + 1 :]
        for exercise in after:
            if not getattr(app.progress_of(exercise.id), "solved", False):
                return exercise
        return after[0] if after else None

    # -- clues, duck, start again, back ----------------------------------------------------------
    def goto_line(self, line: int, focus: bool = True) -> None:
        """Show program line ``line`` in the editor, marked (every "line N" on screen jumps here)."""
        editor = self.query_one("#editor", CodeEditor)
        row = max(0, min(int(line) - 1, editor.document.line_count - 1))
        editor.move_cursor((row, 0), center=True)
        editor.marked_line = row + 1
        if focus:
            editor.focus()

    def action_goto_line(self, line: int) -> None:
        self.goto_line(line)

    def action_clue(self) -> None:
        panel = self.query_one("#clues", CluePanel)
        self.query_one("#wb-side", TabbedContent).active = "tab-clues"
        if panel.feedback is None:
            self.notify("Run your program first (F5). Then ask for a clue.", timeout=3)
            return
        if panel.feedback.passed:
            self.notify("No clue needed: it works!", timeout=3)
            return
        level = panel.reveal_next()
        if level is None:
            if panel.feedback.levels:
                self.notify("That's every clue. Read them again slowly: you can do it!", timeout=4)
            else:
                self.notify("No clue this time. Look at the output: what did Python say?", timeout=4)
            return
        app: Any = self.app
        self.clues_asked += 1
        if panel.feedback.line:
            self.goto_line(panel.feedback.line, focus=False)
        if self.exercise is not None:
            try:
                app.record_clue(self.exercise.id, level)
            except Exception:
                pass
        app.log_event("clue", exercise_id=self._exercise_id, level=level, diagnoser=panel.feedback.diagnoser)

    def action_duck(self) -> None:
        if self.open_problem is not None:
            self.notify(self.open_problem, title="Cannot open", severity="error", markup=False)
            return
        try:
            from .duck import DuckScreen
        except ImportError:
            self.notify("The rubber duck is coming soon! For now, explain your code out loud, "
                        "line by line, to a grown-up or a toy.", title="Duck", timeout=6)
            return
        text = self.query_one("#editor", TextArea).text
        if not self._save_now(text):
            return
        # The duck asks what to type (never silently reusing an earlier run's typing): the task's
        # own answers first, then what the child typed last time.
        choices = [str(getattr(c, "stdin", "") or "") for c in (getattr(self.exercise, "checks", None) or [])]
        typed_before = "".join(f"{line}\n" for line in self.last_inputs) or None
        try:
            screen = DuckScreen(self.run_path(), text, profile=self.app_profile, exercise_id=self._exercise_id,
                                typing_choices=choices, typed_before=typed_before)
        except Exception as exc:
            self.notify(f"The duck could not start ({exc.__class__.__name__}).", severity="error", markup=False)
            return
        self.app.push_screen(screen)

    def action_look_inside(self) -> None:
        """Step through a run (tutor/ui/inside.py); at the clue's line when there is a clue."""
        if self.open_problem is not None:
            self.notify(self.open_problem, title="Cannot open", severity="error")
            return
        if self.running:
            self.notify("Your program is still running. Press Stop (F6) first.", timeout=3)
            return
        from .inside import InsideScreen

        text = self.query_one("#editor", TextArea).text
        if not self._save_now(text):
            return
        stdin = "".join(f"{line}\n" for line in self.last_inputs)
        if not self.last_inputs and self.exercise is not None and getattr(self.exercise, "checks", None):
            stdin = str(getattr(self.exercise.checks[0], "stdin", "") or "")
        feedback = self.query_one("#clues", CluePanel).feedback
        line = getattr(feedback, "line", None) if feedback is not None and not feedback.passed else None
        self.app.push_screen(InsideScreen(self.run_path(), text, stdin=stdin, start_line=line))

    def action_solution(self) -> None:
        """Show the exercise's solution (only offered when a parent allowed it)."""
        panel = self.query_one("#clues", CluePanel)
        if self.exercise is None or panel.feedback is None or not panel.feedback.solution_allowed:
            return
        from .dialogs import SolutionScreen

        self.app.push_screen(SolutionScreen(str(self.exercise.title), str(self.exercise.solution)))

    def action_start_again(self) -> None:
        if self.exercise is None:
            return
        from .dialogs import StartAgainScreen

        versions = self._earlier_versions()

        def answered(what: str | None) -> None:
            if what == "fresh":
                self._start_again(str(self.exercise.starter))
            elif what == "earlier":
                self._choose_earlier(versions)

        self.app.push_screen(StartAgainScreen(len(versions)), answered)

    def _earlier_versions(self) -> list[tuple[str, str]]:
        """(label, code) of the versions kept by "Start again", newest first."""
        app: Any = self.app
        if self.app_profile is None:
            return []
        try:
            paths = list(self.services.work_history(self.app_profile, self.exercise.id, home=app.home))
        except Exception:
            return []
        versions: list[tuple[str, str]] = []
        for path in reversed(paths):
            try:
                code = Path(path).read_text(encoding="utf-8", errors="replace")
                stamp = time.strftime("%d %b %H:%M", time.localtime(Path(path).stat().st_mtime))
            except OSError:
                continue
            lines = len(code.splitlines())
            versions.append((f"{stamp} · {lines} line{'s' if lines != 1 else ''}", code))
        return versions

    def _choose_earlier(self, versions: list[tuple[str, str]]) -> None:
        from .dialogs import VersionsScreen

        def chosen(code: str | None) -> None:
            if code is not None:
                self._start_again(code)

        self.app.push_screen(VersionsScreen(versions), chosen)

    def _start_again(self, starter: str) -> None:
        """Put ``starter`` (the exercise's start, or an earlier version) in the editor; the code
        there now is kept in the history (and one Ctrl+Z away)."""
        app: Any = self.app
        editor = self.query_one("#editor", TextArea)
        current = editor.text
        # Make sure the current version is on disk before it is replaced.
        app.saver.request(self.save_key, self._writer(), current)
        app.saver.flush(timeout=5)
        try:
            if self.app_profile is not None:
                starter = self.services.start_again(self.app_profile, self.exercise.id, starter, home=app.home)
        except MissingService:
            pass
        except Exception as exc:
            self.notify(f"Could not keep your old version ({exc}); nothing was changed.", severity="error", markup=False)
            return
        # One edit (not a reload), so Ctrl+Z brings the old code back.
        editor.replace(starter, editor.document.start, editor.document.end)
        app.saver.last_saved[self.save_key] = starter
        if not self.running and not self.checking:
            self.query_one("#clues", CluePanel).reset()
        fresh = starter == str(self.exercise.starter)
        self.notify(("Fresh start!" if fresh else "Your earlier version is back!")
                    + " The code you had is kept (Ctrl+Z brings it back).", timeout=5)

    def action_back(self) -> None:
        if self.program is not None:
            self.program.stop()
        self.save_soon()
        app: Any = self.app
        app.leave_workbench()

    def on_unmount(self) -> None:
        # Leaving by any way (back, next exercise, quit): the newest code goes to disk.
        if self.open_problem is None:
            try:
                app: Any = self.app
                app.saver.request(self.save_key, self._writer(), self._last_text)
                app.saver.flush(timeout=5)
            except Exception:
                pass
        if self._scratch is not None:
            self._scratch.cleanup()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            return True if self.running else False  # hidden, and F6 goes on to the editor
        if action == "run":
            return None if self.running else True
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "run": self.action_run,
            "stop": self.action_stop,
            "clue": self.action_clue,
            "clue-more": self.action_clue,
            "duck": self.action_duck,
            "duck-suggest": self.action_duck,
            "show-solution": self.action_solution,
            "start-again": self.action_start_again,
            "save": self.action_save,
            "back": self.action_back,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()
