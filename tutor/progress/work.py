"""The child's own code for each exercise: autosaved, never lost.

Each exercise's work is a real ``.py`` file (``profiles/<folder>/work/<exercise-id>.py``), so
``tutor check ID`` (and any editor) can run it. Saving is atomic and skipped when nothing changed,
so the app can call ``save_work`` every few seconds. "Start again" keeps the previous version in
``work/history/<exercise-id>/<time>.py`` before putting the starter back.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from ..storage import atomic_write_text
from .profiles import profile_dir

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


def _check_id(exercise_id: str) -> str:
    if not isinstance(exercise_id, str) or not _ID.match(exercise_id):
        raise ValueError(f"{exercise_id!r} is not an exercise id")
    return exercise_id


def work_path(profile: str, exercise_id: str, home: Path | None = None) -> Path:
    return profile_dir(profile, home) / "work" / f"{_check_id(exercise_id)}.py"


def _history_dir(profile: str, exercise_id: str, home: Path | None) -> Path:
    return profile_dir(profile, home) / "work" / "history" / _check_id(exercise_id)


def load_work(profile: str, exercise_id: str, home: Path | None = None) -> str | None:
    """The saved code, or None when there is none yet."""
    path = work_path(profile, exercise_id, home)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8 (written by another editor?): its bytes are kept beside it, untouched, before
        # the tutor shows (and may later save) the text with the odd bytes replaced.
        import time

        kept = path.with_name(f"{path.name}.not-utf8-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            if not kept.exists():
                kept.write_bytes(data)
        except OSError:
            pass
        return data.decode("utf-8", errors="replace")


def save_work(profile: str, exercise_id: str, source: str, home: Path | None = None) -> bool:
    """Save the code (atomically). Returns False when it was already saved as it is."""
    path = work_path(profile, exercise_id, home)
    try:
        if path.read_bytes() == source.encode("utf-8"):
            return False
    except (FileNotFoundError, IsADirectoryError):
        pass
    except OSError:
        pass
    if not path.parent.exists():
        profile_dir(profile, home, create=True)
    atomic_write_text(path, source)
    return True


def _keep_in_history(profile: str, exercise_id: str, source: str, home: Path | None) -> Path:
    folder = _history_dir(profile, exercise_id, home)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{stamp}.py"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stamp}-{n}.py"
    atomic_write_text(target, source)
    return target


def start_again(profile: str, exercise_id: str, starter: str, home: Path | None = None) -> str:
    """Put the starter back; the code there before is kept in the history folder. Returns the starter."""
    current = load_work(profile, exercise_id, home)
    if current is not None and current != starter and current.strip():
        _keep_in_history(profile, exercise_id, current, home)
    save_work(profile, exercise_id, starter, home)
    return starter


def history(profile: str, exercise_id: str, home: Path | None = None) -> list[Path]:
    """Earlier versions kept by ``start_again``, oldest first."""
    folder = _history_dir(profile, exercise_id, home)
    try:
        files = [p for p in folder.iterdir() if p.suffix == ".py" and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))
