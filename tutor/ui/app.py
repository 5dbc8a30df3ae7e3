"""The tutor's full-screen app: pick a profile, pick an exercise, edit, run, fix, celebrate.

``create_app()`` is the one factory used by the ``tutor`` command and by the tests. The engine,
the exercise loader and the progress store are imported lazily (see ``services.py``), mostly in
worker threads, so the first screen comes up fast and nothing heavy ever blocks the interface.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from pathlib import Path
from typing import Any, Sequence

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from .autosave import AutoSaver
from .services import MissingService, Services

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
SETTINGS_FILE = "ui-settings.json"


class TutorApp(App[int]):
    """The app. Screens: profile -> exercise picker -> workbench (+ help, celebration, dialogs)."""

    CSS_PATH = "tutor.tcss"
    TITLE = "Tutor"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
    ]

    def __init__(
        self,
        *,
        profile: str | None = None,
        home: Path | None = None,
        exercise_dirs: Sequence[Path] = (),
        open_path: Path | None = None,
        services: Services,
    ) -> None:
        super().__init__()
        self.profile = profile
        self.home = Path(home) if home is not None else None
        self.exercise_dirs = tuple(Path(d) for d in exercise_dirs)
        self.open_path = Path(open_path) if open_path is not None else None
        self.services = services
        self.saver = AutoSaver(on_error=self._save_failed)
        self.save_problems: list[str] = []  # filled by the saver thread, shown by the workbench
        self.last_tried: dict[Any, str] = {}  # program -> the code of its last try (same code: no new try)
        self.exercises: list[Any] | None = None  # loaded by the picker, in a worker
        self.load_problems: list[str] = []
        self._store: Any = None
        self._store_lock = threading.RLock()
        self._session_log: Any = None
        self.store_problem: str | None = None  # a damaged progress file was set aside: say so once
        self._settings = self._read_settings()
        self.theme = self._settings.get("theme", DARK_THEME)
        if self.theme not in (DARK_THEME, LIGHT_THEME):
            self.theme = DARK_THEME

    # -- places --------------------------------------------------------------------------------
    def data_folder(self) -> Path:
        if self.home is not None:
            self.home.mkdir(parents=True, exist_ok=True)
            return self.home
        from ..storage import data_home

        return data_home()

    def _read_settings(self) -> dict[str, Any]:
        try:
            from ..storage import load_json

            data = load_json(self.data_folder() / SETTINGS_FILE, {}).data
            return data if isinstance(data, dict) else {}
        except OSError:
            return {}

    def _write_settings(self) -> None:
        try:
            from ..storage import atomic_write_json

            atomic_write_json(self.data_folder() / SETTINGS_FILE, self._settings)
        except OSError:
            pass

    # -- first screen ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        # The first real screen goes on top of an empty base screen, so that every screen the
        # child moves between can be swapped (switch_screen) or left (pop_screen) alike.
        self.push_screen(self.first_screen())
        self._catch_hangup()

    def _catch_hangup(self) -> None:
        """The terminal window closed (SIGHUP) or the app was asked to end (SIGTERM): stop the
        child's program and save the code before going, as for Ctrl+Q."""
        if self.is_headless:
            return
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._hung_up)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass

    def _hung_up(self) -> None:
        self._before_leaving()
        self.exit(0)

    def _before_leaving(self) -> None:
        for screen in list(self.screen_stack):
            before_quit = getattr(screen, "before_quit", None)
            if before_quit is not None:
                try:
                    before_quit()
                except Exception:
                    pass
        self.saver.close(timeout=10)

    def first_screen(self) -> Screen[Any]:
        if self.open_path is not None:
            from .workbench import WorkbenchScreen

            if self.profile is None:
                self.profile = self._remembered_profile()
            return WorkbenchScreen.for_file(self.open_path)
        from .profiles import ProfileScreen

        if self.profile is not None:
            try:
                self.use_profile(self.profile)
            except (ValueError, OSError) as exc:
                # A name that cannot be used (from --profile): ask for one instead.
                self.profile = None
                why = str(exc).rstrip(".")
                return ProfileScreen(problem=f"That name will not work: {why}. Try just your first name.")
            from .picker import PickerScreen

            return PickerScreen()
        return ProfileScreen()

    # -- moving between screens ------------------------------------------------------------------
    # Screens never import each other: they ask the app to go somewhere, and only the app knows
    # the screens (no import circle picker <-> profiles <-> workbench).
    def show_profiles(self, problem: str | None = None) -> None:
        """Who is programming? (replaces the current screen)"""
        from .profiles import ProfileScreen

        self.switch_screen(ProfileScreen(problem=problem))

    def show_picker(self) -> None:
        """The list of exercises (replaces the current screen)."""
        from .picker import PickerScreen

        self.switch_screen(PickerScreen())

    def open_workbench(self, *, exercise: Any = None, path: Path | None = None, replace: bool = False) -> None:
        """Work on an exercise or on a program file: on top of the current screen, or instead of
        it (``replace``, e.g. the next exercise after a celebration)."""
        from .workbench import WorkbenchScreen

        screen = WorkbenchScreen.for_exercise(exercise) if exercise is not None else WorkbenchScreen.for_file(path)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def leave_workbench(self) -> None:
        """Back from the workbench: to what was under it, or the list (or the names) if nothing was."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        elif self.profile is not None:
            self.show_picker()
        else:
            self.show_profiles()

    def show_grown_ups(self) -> None:
        """The parents' report and settings (behind the parent code)."""
        try:
            from .parent import ParentScreen
        except ImportError:
            self.notify("The grown-ups' page is coming soon.", timeout=4)
            return
        self.push_screen(ParentScreen(home=self.home, profile=self.profile))

    def programs_folder(self) -> Path:
        """The child's own programs (their "blank pages"): in their profile's folder."""
        if self.profile is not None:
            try:
                from ..progress.profiles import profile_dir

                folder = Path(profile_dir(self.profile, self.home, create=True)) / "programs"
                folder.mkdir(parents=True, exist_ok=True)
                return folder
            except (ValueError, OSError, ImportError):
                pass
        folder = self.data_folder() / "programs"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def own_programs(self) -> list[Path]:
        """The child's own programs, by name."""
        try:
            return sorted((p for p in self.programs_folder().glob("*.py") if p.is_file()),
                          key=lambda p: p.name.casefold())
        except OSError:
            return []

    def _remembered_profile(self) -> str | None:
        try:
            return self.services.last_profile(home=self.home)
        except MissingService:
            return None
        except Exception:
            return None

    # -- profile, progress and the session log -------------------------------------------------
    def use_profile(self, name: str) -> None:
        """Make ``name`` the current person (created if new) and remember it for next time.

        Raises ValueError for a name that cannot be used. The writes that can wait (which name
        was used last, the session log) happen in a worker thread, off the first frame's path.
        """
        name = self.services.create_profile(name, home=self.home)
        changed = name != self.profile or self._store is None
        if changed and self._session_log is not None:
            self.log_event("session-end")
        if changed:
            with self._store_lock:
                self._store = None
            self._session_log = None
        self.profile = name
        self.call_after_refresh(
            lambda: self.run_worker(lambda: self._remember_profile(name), thread=True, group="profile"))

    def _remember_profile(self, name: str) -> None:
        try:
            self.services.set_last_profile(name, home=self.home)
        except Exception:
            pass
        if self._session_log is None and self.profile == name:
            self.log_event("session-start")

    @property
    def store(self) -> Any:
        """The progress store for the current profile (None when there is no profile)."""
        with self._store_lock:
            if self._store is None and self.profile is not None:
                try:
                    self._store = self.services.progress_store(self.profile, home=self.home)
                except MissingService:
                    return None
                problem = getattr(self._store, "problem", None)
                if problem:
                    self.store_problem = problem
            return self._store

    def show_store_problem(self) -> None:
        """Tell the person (once) that a damaged progress file was set aside."""
        if self.store_problem:
            problem, self.store_problem = self.store_problem, None
            self.notify(f"Your progress file was damaged, so a fresh one was started. {problem}",
                        title="Progress", severity="warning", timeout=12, markup=False)

    def progress_of(self, exercise_id: str) -> Any:
        store = self.store
        if store is None:
            return None
        with self._store_lock:
            try:
                return store.get(exercise_id)
            except Exception:
                return None

    def record_try(self, exercise_id: str, passed: bool, seconds: float) -> Any:
        store = self.store
        if store is None:
            return None
        with self._store_lock:
            store.record_try(exercise_id, passed, seconds=seconds)
            return store.get(exercise_id)

    def record_clue(self, exercise_id: str, level: int) -> None:
        store = self.store
        if store is None:
            return
        with self._store_lock:
            store.record_clue(exercise_id, level)

    def log_event(self, kind: str, **data: Any) -> None:
        """Add to the session log (for the parents' report). Never fails the app."""
        if self.profile is None:
            return
        try:
            if self._session_log is None:
                self._session_log = self.services.session_log(self.profile, home=self.home)
            self._session_log.append(kind, via="app", **data)
        except Exception:
            pass

    # -- saving ----------------------------------------------------------------------------------
    def _save_failed(self, key: Any, error: Exception) -> None:
        # Called in the saver thread: just leave a note; the workbench shows it.
        # In words a family can act on ("No space left on device"), not Python's names for errors.
        why = getattr(error, "strerror", None) or str(error) or "something went wrong"
        self.save_problems.append(why)

    # -- actions ---------------------------------------------------------------------------------
    def action_help(self) -> None:
        from .help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME
        self._settings["theme"] = self.theme
        self._write_settings()

    async def action_quit(self) -> None:
        """Quit: stop a running program and make sure the code is saved first."""
        self._before_leaving()
        if self._session_log is not None:
            self.log_event("session-end")
        self.exit(0)


def create_app(
    *,
    profile: str | None = None,
    home: Path | None = None,
    exercise_dirs: Sequence[Path] = (),
    open_path: Path | None = None,
    **services: Any,
) -> TutorApp:
    """The app, ready to ``run()`` (or ``run_test()``).

    - ``profile``: whose progress to use; None shows the profile picker first.
    - ``home``: where profiles, progress and autosaves live; None means ``TUTOR_HOME`` or the
      platform's user data folder.
    - ``exercise_dirs``: more exercise folders (a parent's own).
    - ``open_path``: open this program in the workbench straight away ("my own program").
    - ``**services``: replacements for the tutor's parts, by name (see ``services.DEFAULTS``).
    """
    return TutorApp(
        profile=profile,
        home=home,
        exercise_dirs=exercise_dirs,
        open_path=open_path,
        services=Services(services),
    )
