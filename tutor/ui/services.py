"""What the app uses from the rest of the tutor, looked up lazily and replaceable in tests.

The app never imports the engine, the exercise loader or the progress store at start-up: each is
imported the first time it is used (normally inside a worker thread), so the first screen appears
fast. Tests (and the app factory's ``**services``) can replace any of them by name, e.g.
``create_app(load_exercises=fake_loader)``.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any, Callable

# name -> "module:attribute"
DEFAULTS: dict[str, str] = {
    # exercises
    "load_exercises": "tutor.exercises:load_exercises",
    "check_program": "tutor.exercises:check_program",
    # explaining a free run (the learner's own program)
    "explain_run": "tutor.explain:explain_run",
    # running
    "running_program": "tutor.run:RunningProgram",
    # progress
    "progress_store": "tutor.progress.store:ProgressStore",
    "session_log": "tutor.progress.log:SessionLog",
    "list_profiles": "tutor.progress.profiles:list_profiles",
    "create_profile": "tutor.progress.profiles:create_profile",
    "last_profile": "tutor.progress.profiles:last_profile",
    "set_last_profile": "tutor.progress.profiles:set_last_profile",
    "load_work": "tutor.progress.work:load_work",
    "save_work": "tutor.progress.work:save_work",
    "start_again": "tutor.progress.work:start_again",
    "work_path": "tutor.progress.work:work_path",
    "work_history": "tutor.progress.work:history",
    # the parents' limits on clues and solutions
    "load_settings": "tutor.progress.settings:load_settings",
    "allowed_levels": "tutor.progress.settings:allowed_levels",
}


class MissingService(RuntimeError):
    """A part of the tutor the app needs is not installed (or not written yet)."""


class Services:
    """Lazy access to the tutor's parts: ``services.check_program(...)``."""

    def __init__(self, overrides: dict[str, Any] | None = None) -> None:
        unknown = set(overrides or ()) - set(DEFAULTS)
        if unknown:
            raise TypeError(f"unknown service(s): {', '.join(sorted(unknown))}")
        self._resolved: dict[str, Any] = dict(overrides or {})
        self._lock = threading.Lock()

    def has(self, name: str) -> bool:
        try:
            self.get(name)
        except MissingService:
            return False
        return True

    def get(self, name: str) -> Any:
        try:
            return self._resolved[name]
        except KeyError:
            pass
        with self._lock:
            if name not in self._resolved:
                module_name, _, attr = DEFAULTS[name].partition(":")
                try:
                    module = importlib.import_module(module_name)
                    value = getattr(module, attr)
                except (ImportError, AttributeError) as exc:
                    raise MissingService(f"{DEFAULTS[name]} is not available ({exc})") from exc
                self._resolved[name] = value
            return self._resolved[name]

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_") or name not in DEFAULTS:
            raise AttributeError(name)
        return self.get(name)

    def warm_up(self, names: tuple[str, ...]) -> None:
        """Import some parts now (call from a worker thread so the first real use is quick)."""
        for name in names:
            try:
                self.get(name)
            except MissingService:
                pass

