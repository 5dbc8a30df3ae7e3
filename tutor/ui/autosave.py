"""Saving the learner's code in the background, newest version always wins.

``AutoSaver.request(key, writer, text)`` remembers the newest text for ``key`` and a background
thread writes it with ``writer(text)`` (an atomic write). Many requests in a row collapse into one
write. ``flush()`` waits until everything asked for is on disk (used before a run and on quit).
A failing write is reported through ``on_error`` and retried on the next request; nothing is lost
from the editor.
"""

from __future__ import annotations

import threading
from typing import Callable, Hashable

Writer = Callable[[str], None]


class AutoSaver:
    def __init__(
        self,
        on_saved: Callable[[Hashable], None] | None = None,
        on_error: Callable[[Hashable, Exception], None] | None = None,
    ) -> None:
        self._pending: dict[Hashable, tuple[Writer, str]] = {}
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._on_saved = on_saved
        self._on_error = on_error
        self._thread: threading.Thread | None = None
        self.last_saved: dict[Hashable, str] = {}

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="tutor-autosave", daemon=True)
            self._thread.start()

    def request(self, key: Hashable, writer: Writer, text: str) -> None:
        """Save ``text`` for ``key`` soon (skipped if it is what was saved last)."""
        with self._cond:
            if self._closed:
                return
            if self.last_saved.get(key) == text and key not in self._pending:
                return
            self._pending[key] = (writer, text)
            self._ensure_thread()
            self._cond.notify_all()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every requested save is written. True if all done in time."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        return done

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                key = next(iter(self._pending))
                writer, text = self._pending.pop(key)
                self._busy = True
            error: Exception | None = None
            try:
                writer(text)
            except Exception as exc:  # disk full, folder gone, no permission...
                error = exc
            with self._cond:
                self._busy = False
                if error is None:
                    self.last_saved[key] = text
                self._cond.notify_all()
            try:
                if error is None:
                    if self._on_saved is not None:
                        self._on_saved(key)
                elif self._on_error is not None:
                    self._on_error(key, error)
            except Exception:
                pass
