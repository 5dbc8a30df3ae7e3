"""The Parent screen: the report, the settings (behind the parent code) and the parent's guide.

``ParentScreen(home=None, profile=None)``: push it from anywhere (the picker does). ``home`` is
the tutor's data folder (None: TUTOR_HOME or the platform's folder); ``profile`` the child whose
report to show first (None: the app's current profile, else the one used last, else the first).

Three tabs:
- **Report**: the same report as ``tutor report`` (built in a worker thread), with a button that
  saves it as a standalone web page.
- **Settings**: first a parent code (chosen the first time; after 5 wrong codes, a 30-second
  wait), then: how many clue levels, whether the exact-change level is shown, whether solutions
  may be revealed. Saved at once, for every child in this home.
- **Guide**: the parent's guide (``docs/parents-guide.md``).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    Markdown,
    RadioButton,
    RadioSet,
    Select,
    Static,
    Switch,
    TabbedContent,
    TabPane,
)

from ..progress.settings import LOCK_SECONDS, MAX_WRONG_CODES  # noqa: E402  (the lockout lives in a file)

# radio button id -> max_clue_levels
LEVEL_CHOICES: tuple[tuple[str, int | None, str], ...] = (
    ("levels-1", 1, "Only the first, gentlest clue"),
    ("levels-2", 2, "Up to 2 levels of clue"),
    ("levels-3", 3, "Up to 3 levels of clue"),
    ("levels-all", None, "Every level of clue"),
)


#: What to do about a forgotten parent code (as the parents' guide says).
FORGOTTEN_CODE = ("Forgot the code? Delete the files parent-settings.json and parent-code.json in {folder}: "
                  "the usual settings come back and you can choose a new code.")

class ParentScreen(Screen[None]):
    """What happened, what it means, what to talk about next; and how much help the tutor gives."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+r", "refresh", "Refresh report"),
    ]

    DEFAULT_CSS = """
    ParentScreen { layout: vertical; }
    #parent-top { height: auto; padding: 0 1; }
    #parent-title { text-style: bold; color: $text-primary; width: 1fr; padding: 0; }
    #parent-profile { width: 30; }
    #parent-tabs { height: 1fr; }
    #report-scroll, #guide-scroll, #settings-scroll { height: 1fr; padding: 0 1; }
    #report-actions { height: auto; margin: 1 0 0 0; }
    #report-status, #settings-message, #lock-message, #code-message, #lock-intro { height: auto; margin: 0 0 1 0; }
    #settings-message { color: $text-success; }
    #lock-message, #code-message { color: $text-warning; }
    .parent-section { height: auto; margin: 1 0 0 0; }
    .parent-heading { text-style: bold; margin: 1 0 0 0; }
    .parent-note { color: $text-muted; }
    .code-row { height: auto; margin: 0 0 1 0; }
    .code-row Input { width: 30; margin-right: 1; }
    .switch-row { height: auto; margin: 0 0 1 0; }
    .switch-row Label { padding: 1 0 0 1; }
    #clue-levels { height: auto; width: auto; }
    """

    def __init__(self, home: Path | None = None, profile: str | None = None) -> None:
        super().__init__()
        self.home = Path(home) if home is not None else None
        self.profile = profile
        self.profiles: list[str] = []
        self.unlocked = False
        self._code = ""  # the code typed to unlock, kept only while unlocked (to change the code)
        self.wrong_codes = 0
        self.locked_until = 0.0
        self.report: Any = None
        self.report_problem: str | None = None
        self._guide_shown = False
        self._showing = False  # True while the widgets are being set from the saved settings

    # -- places --------------------------------------------------------------------------------
    def _home(self) -> Path | None:
        if self.home is not None:
            return self.home
        app_home = getattr(self.app, "home", None)
        return Path(app_home) if app_home is not None else None

    def _settings(self) -> Any:
        from ..progress.settings import load_settings

        return load_settings(self._home())

    # -- layout --------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="parent-top"):
            yield Static("For parents", id="parent-title", markup=False)
            yield Select([], id="parent-profile", prompt="Whose report?", allow_blank=True, compact=True)
        with TabbedContent(id="parent-tabs", initial="tab-report"):
            with TabPane("Report", id="tab-report"):
                with VerticalScroll(id="report-scroll"):
                    with Horizontal(id="report-actions"):
                        yield Button("Save as a web page", id="report-save", compact=True)
                        yield Button("Refresh", id="report-refresh", compact=True)
                    yield Static("", id="report-status", markup=False)
                    yield Markdown("Making the report…", id="report-text")
            with TabPane("Settings", id="tab-settings"):
                with VerticalScroll(id="settings-scroll"):
                    yield from self._compose_settings()
            with TabPane("Parent's guide", id="tab-guide"):
                with VerticalScroll(id="guide-scroll"):
                    yield Markdown("", id="guide-text")
        yield Footer()

    def _compose_settings(self) -> ComposeResult:
        # The lock: choose a code (first time) or type it.
        with Vertical(id="lock-box", classes="parent-section"):
            yield Static("", id="lock-intro", markup=False)
            with Horizontal(classes="code-row"):
                yield Input(placeholder="Parent code", password=True, id="code-input", compact=True)
                yield Input(placeholder="The same code again", password=True, id="code-again", compact=True)
                yield Button("Unlock", id="code-unlock", variant="primary", compact=True)
            yield Static("", id="lock-message", markup=False)
        # The settings themselves (shown when unlocked).
        with Vertical(id="settings-box", classes="parent-section"):
            yield Static("", id="settings-problem", markup=False, classes="parent-note")
            yield Label("How many clue levels may be opened for one problem?", classes="parent-heading")
            with RadioSet(id="clue-levels"):
                for button_id, _, words in LEVEL_CHOICES:
                    yield RadioButton(words, id=button_id)
            with Horizontal(classes="switch-row"):
                yield Switch(id="show-exact", value=True)
                yield Label("Show the last clue, the one that says the exact change")
            with Horizontal(classes="switch-row"):
                yield Switch(id="allow-solutions", value=False)
                yield Label("Allow solutions to be revealed")
            yield Static("", id="settings-message", markup=False)
            yield Label("Change the parent code", classes="parent-heading")
            with Horizontal(classes="code-row"):
                yield Input(placeholder="New code", password=True, id="new-code", compact=True)
                yield Input(placeholder="New code again", password=True, id="new-code-again", compact=True)
                yield Button("Change code", id="code-change", compact=True)
            yield Static("", id="code-message", markup=False)
            yield Button("Lock the settings", id="settings-lock", compact=True)

    def on_mount(self) -> None:
        if self.app.is_headless:
            for box in self.query(Input):
                box.cursor_blink = False
        self._load_profiles()
        self._show_lock()
        self.refresh_report()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # The guide is long: it is laid out the first time its tab is opened.
        if event.pane.id == "tab-guide" and not self._guide_shown:
            from ..progress import guide_text

            self._guide_shown = True
            self.query_one("#guide-text", Markdown).update(guide_text())
        elif event.pane.id == "tab-settings" and not self.unlocked:
            self.query_one("#code-input", Input).focus()

    # -- profiles and the report ---------------------------------------------------------------
    def _load_profiles(self) -> None:
        from ..progress import last_profile, list_profiles

        home = self._home()
        try:
            self.profiles = list_profiles(home)
        except Exception:
            self.profiles = []
        if self.profile is None:
            current = getattr(self.app, "profile", None)
            if isinstance(current, str) and current:
                self.profile = current
        if self.profile is None:
            try:
                self.profile = last_profile(home)
            except Exception:
                self.profile = None
        if self.profile is None and self.profiles:
            self.profile = self.profiles[0]
        if self.profile is not None and self.profile not in self.profiles:
            from ..progress import folder_name

            same = [p for p in self.profiles if folder_name(p) == folder_name(self.profile)]
            if same:
                self.profile = same[0]
        select = self.query_one("#parent-profile", Select)
        select.set_options([(name, name) for name in self.profiles])
        if self.profile in self.profiles:
            select.value = self.profile
        select.display = len(self.profiles) > 1
        if not select.display and (select.has_focus or self.focused is None):
            # A hidden list must not keep the keys: arrows and Page Down scroll the report.
            self.query_one("#report-scroll", VerticalScroll).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "parent-profile":
            return
        event.stop()
        value = event.value
        if isinstance(value, str) and value != self.profile:
            self.profile = value
            self.refresh_report()

    def action_refresh(self) -> None:
        self.refresh_report()

    def refresh_report(self) -> None:
        title = self.query_one("#parent-title", Static)
        title.update(Text(f"For parents: {self.profile}" if self.profile else "For parents"))
        if self.profile is None:
            self.report = None
            self.query_one("#report-text", Markdown).update(
                "# No report yet\n\nThere are no profiles yet. When your child picks their name and tries an "
                "exercise, their report appears here.")
            self.query_one("#report-save", Button).disabled = True
            return
        self.query_one("#report-status", Static).update("Making the report…")
        self._build_report(self.profile, self._home())

    @work(thread=True, exclusive=True, group="parent-report")
    def _build_report(self, profile: str, home: Path | None) -> None:
        from ..progress.report import build_report, render_markdown

        try:
            report = build_report(profile, home)
            text = render_markdown(report)
            problem = None
        except Exception as exc:  # a report must never take the app down
            report, text = None, "# The report could not be made\n\nYour child's work is safe."
            problem = f"{exc.__class__.__name__}: {exc}"
        self.app.call_from_thread(self._show_report, profile, report, text, problem)

    def _show_report(self, profile: str, report: Any, text: str, problem: str | None) -> None:
        if profile != self.profile:
            return  # another profile was chosen meanwhile
        if self not in self.app.screen_stack:
            return  # the grown-up left before the report was ready
        self.report = report
        self.report_problem = problem
        self.query_one("#report-text", Markdown).update(text)
        self.query_one("#report-status", Static).update(
            f"The report could not be made ({problem})." if problem else "")
        self.query_one("#report-save", Button).disabled = report is None

    def save_report_page(self) -> Path | None:
        """Save the report as a web page in ``<home>/reports/``; returns its path."""
        if self.report is None:
            return None
        from ..progress.report_html import render_html
        from ..storage import atomic_write_text, data_home

        home = self._home() or data_home()
        from ..progress import folder_name

        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        path = Path(home) / "reports" / f"{folder_name(self.report.profile)}-{stamp}.html"
        atomic_write_text(path, render_html(self.report))
        return path

    # -- the lock --------------------------------------------------------------------------------
    def _show_lock(self) -> None:
        settings = self._settings()
        lock_box = self.query_one("#lock-box", Vertical)
        settings_box = self.query_one("#settings-box", Vertical)
        lock_box.display = not self.unlocked
        settings_box.display = self.unlocked
        if self.unlocked:
            self._show_settings(settings)
            return
        again = self.query_one("#code-again", Input)
        button = self.query_one("#code-unlock", Button)
        intro = self.query_one("#lock-intro", Static)
        now = "\n".join(f"  • {words}" for words in settings.describe())
        if settings.has_code:
            note = f"{settings.problem}\n\n" if settings.problem else ""
            intro.update(Text(f"{note}The settings now:\n{now}\n\nThey are behind the parent code. Type it to change them.\n"
                              + FORGOTTEN_CODE.format(folder=self._data_folder_words())))
            again.display = False
            button.label = "Unlock"
        else:
            note = f"{settings.problem}\n\n" if settings.problem else ""
            intro.update(note + "Choose a parent code to keep the settings safe: at least 4 letters or "
                         "digits. Keep it to yourself, so only grown-ups can change how much help the tutor gives.")
            again.display = True
            button.label = "Set the code"

    def _lock_message(self, text: str) -> None:
        self.query_one("#lock-message", Static).update(text)

    def try_unlock(self) -> None:
        from ..progress.settings import CodeError, set_parent_code, verify_code

        code_box = self.query_one("#code-input", Input)
        again_box = self.query_one("#code-again", Input)
        code = code_box.value
        settings = self._settings()
        if not settings.has_code:
            if code.strip() != again_box.value.strip():
                self._lock_message("The two codes are not the same. Type the same code twice.")
                return
            try:
                set_parent_code(code, self._home())
            except CodeError as exc:
                self._lock_message(f"That code cannot be used: {exc}.")
                return
            except OSError as exc:
                self._lock_message(f"The code could not be saved ({exc.strerror or exc}).")
                return
            self._unlock(code)
            self.notify("Parent code set. Remember it!", title="Settings", timeout=5)
            return
        from ..progress.settings import accept_settings, try_parent_code

        right, wait = try_parent_code(code, self._home())
        if right:
            self.accepted_problem = settings.problem
            try:
                accept_settings(code, self._home())  # the parent has seen them: sealed again
            except (CodeError, OSError):
                pass
            self._unlock(code)
            return
        code_box.value = ""
        if wait > 0:
            self._lock_message(f"Too many wrong codes. Wait {wait:.0f} seconds, then try again.")
        else:
            self._lock_message("That is not the parent code. " + FORGOTTEN_CODE.format(
                folder=self._data_folder_words()))

    def _data_folder_words(self) -> str:
        try:
            from ..storage import data_home

            return str(self._home() or data_home())
        except Exception:
            return "the tutor's data folder"

    def _unlock(self, code: str) -> None:
        self.unlocked = True
        self._code = code
        self.wrong_codes = 0
        self.query_one("#code-input", Input).value = ""
        self.query_one("#code-again", Input).value = ""
        self._lock_message("")
        self._show_lock()
        # The code box is hidden now: the keys go to the first setting instead.
        self.query_one("#clue-levels", RadioSet).focus()

    def lock_settings(self) -> None:
        self.unlocked = False
        self._code = ""
        self.query_one("#settings-message", Static).update("")
        self.query_one("#code-message", Static).update("")
        settings_had_focus = self.focused is not None and self.focused in self.query_one("#settings-box").query("*")
        self._show_lock()
        if settings_had_focus and self.is_current:
            self.query_one("#code-input", Input).focus()

    # -- the settings ----------------------------------------------------------------------------
    def _show_settings(self, settings: Any) -> None:
        self._showing = True
        try:
            problem = self.query_one("#settings-problem", Static)
            said = settings.problem or getattr(self, "accepted_problem", None)
            if said and not settings.problem:
                said += " The settings are the strictest ones now: choose them again."
            problem.update(Text(said or ""))
            problem.display = bool(said)
            for button_id, value, _ in LEVEL_CHOICES:
                self.query_one(f"#{button_id}", RadioButton).value = settings.max_clue_levels == value
            self.query_one("#show-exact", Switch).value = bool(settings.show_exact_change)
            self.query_one("#allow-solutions", Switch).value = bool(settings.allow_solutions)
        finally:
            self.call_after_refresh(self._done_showing)

    def _done_showing(self) -> None:
        self._showing = False

    def save_choices(self, **changes: Any) -> None:
        if not self.unlocked:
            return
        from ..progress.settings import update_settings

        try:
            settings = update_settings(self._home(), **changes)
        except (OSError, ValueError) as exc:
            self.query_one("#settings-message", Static).update(Text(f"Not saved: {exc}"))
            return
        self.query_one("#settings-message", Static).update("Saved. " + " ".join(settings.describe()))
        problem = self.query_one("#settings-problem", Static)
        problem.display = False

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id != "clue-levels":
            return
        event.stop()
        if self._showing:
            return
        for button_id, value, _ in LEVEL_CHOICES:
            if event.pressed.id == button_id:
                if self._settings().max_clue_levels != value:
                    self.save_choices(max_clue_levels=value)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        if self._showing:
            return
        settings = self._settings()
        if event.switch.id == "show-exact" and settings.show_exact_change != event.value:
            self.save_choices(show_exact_change=event.value)
        elif event.switch.id == "allow-solutions" and settings.allow_solutions != event.value:
            self.save_choices(allow_solutions=event.value)

    def change_code(self) -> None:
        from ..progress.settings import CodeError, set_parent_code

        new = self.query_one("#new-code", Input).value
        again = self.query_one("#new-code-again", Input).value
        message = self.query_one("#code-message", Static)
        if new.strip() != again.strip():
            message.update("The two codes are not the same. Type the new code twice.")
            return
        try:
            set_parent_code(new, self._home(), old_code=self._code)
        except CodeError as exc:
            message.update(Text(f"That code cannot be used: {exc}."))
            return
        except OSError as exc:
            message.update(Text(f"The code could not be saved ({exc.strerror or exc})."))
            return
        self._code = new
        self.query_one("#new-code", Input).value = ""
        self.query_one("#new-code-again", Input).value = ""
        message.update("The parent code is changed.")

    # -- buttons and keys ------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "code-input":
            if self.query_one("#code-again", Input).display and not self.query_one("#code-again", Input).value:
                self.query_one("#code-again", Input).focus()
            else:
                self.try_unlock()
        elif event.input.id == "code-again":
            self.try_unlock()
        elif event.input.id in ("new-code", "new-code-again"):
            self.change_code()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id
        if button_id == "code-unlock":
            event.stop()
            self.try_unlock()
        elif button_id == "settings-lock":
            event.stop()
            self.lock_settings()
        elif button_id == "code-change":
            event.stop()
            self.change_code()
        elif button_id == "report-refresh":
            event.stop()
            self.refresh_report()
        elif button_id == "report-save":
            event.stop()
            try:
                path = self.save_report_page()
            except OSError as exc:
                self.notify(f"The page could not be saved ({exc.strerror or exc}).", severity="error", markup=False)
                return
            if path is not None:
                self.query_one("#report-status", Static).update(Text(f"Saved: {path}"))
                self.notify(f"Saved as {path}. Open it in a web browser.", title="Report", timeout=8, markup=False)

    def on_screen_suspend(self) -> None:
        # Leaving the screen (even for a moment) locks the settings again.
        if self.unlocked:
            self.lock_settings()

    def action_back(self) -> None:
        self.lock_settings()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()


__all__ = ["ParentScreen"]
