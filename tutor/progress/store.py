"""The progress store: per profile, per exercise: tries, solved, clues used, time.

One JSON file per profile (``profiles/<folder>/progress.json``)::

    {"version": 1, "exercises": {"pet-name-typo": {"tries": 3, "solved": true, "clues_used": 1,
     "fixed_alone": false, "first_tried": "...", "solved_at": "...", "seconds": 95.5}}}

Every change re-reads the file, changes it and writes it back atomically (temporary file, fsync,
rename), holding a lock so the app and a ``tutor check`` in another terminal do not lose each
other's changes. A crash at any moment leaves the old file or the new one, never a mix. A damaged
file is set aside (``progress.json.corrupt-<time>``) and reported in ``problem``, never silently
dropped or overwritten; entries that are only partly damaged keep what can be read, and the
original file is kept aside all the same.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ..storage import atomic_write_json, load_json
from .profiles import profile_dir

FILE_NAME = "progress.json"
#: What happened to a damaged progress file, kept until a grown-up acknowledges it, so every later
#: command, the app and the parents' report say it (not only the first to meet the damage).
NOTES_NAME = "progress-notes.json"
VERSION = 1


@dataclass
class ExerciseProgress:
    exercise_id: str
    tries: int = 0
    solved: bool = False
    clues_used: int = 0  # the highest clue level opened
    fixed_alone: bool = False  # solved with no clues opened
    first_tried: str | None = None  # ISO time
    solved_at: str | None = None  # ISO time
    seconds: float = 0.0  # time spent trying

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["exercise_id"]
        return data


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


class ProgressStore:
    def __init__(self, profile: str, home: Path | None = None) -> None:
        self.profile = profile
        self.folder = profile_dir(profile, home)
        self._home = home
        self.path = self.folder / FILE_NAME
        self.problem: str | None = None
        self._data: dict[str, ExerciseProgress] = self._read()
        if self.problem is not None:
            self._remember(self.problem)
        else:
            earlier = self.notes()
            if earlier:
                self.problem = "; ".join(f"on {n['at'][:16].replace('T', ' ')}, {n['text']}" for n in earlier[-3:])
                self.problem += " (run `tutor report --acknowledge` once you have read this)"

    # -- notes kept until acknowledged -----------------------------------------------------
    @property
    def notes_path(self) -> Path:
        return self.folder / NOTES_NAME

    def notes(self) -> list[dict[str, str]]:
        loaded = load_json(self.notes_path, [])
        data = loaded.data if isinstance(loaded.data, list) else []
        return [n for n in data if isinstance(n, dict) and isinstance(n.get("text"), str)
                and isinstance(n.get("at"), str)]

    def _remember(self, problem: str) -> None:
        try:
            notes = self.notes()[-19:] + [{"at": _now(), "text": problem}]
            atomic_write_json(self.notes_path, notes)
        except OSError:
            pass

    def acknowledge_problems(self) -> int:
        """A grown-up has read the notes: forget them. Returns how many there were."""
        count = len(self.notes())
        try:
            self.notes_path.unlink()
        except FileNotFoundError:
            pass
        self.problem = None
        return count

    # -- reading ----------------------------------------------------------------------------
    def _note(self, problem: str) -> None:
        self.problem = problem if self.problem is None else f"{self.problem}; {problem}"

    def _read(self) -> dict[str, ExerciseProgress]:
        loaded = load_json(self.path, None)
        if loaded.problem is not None:
            self._note(f"the progress file {loaded.problem}")
            return {}
        raw = loaded.data
        if raw is None:
            return {}
        if not isinstance(raw, dict) or not isinstance(raw.get("exercises", {}), dict):
            moved = self._set_aside(copy=False)
            self._note(f"the progress file {FILE_NAME} was not in the right shape; it was kept as "
                       f"{moved.name} and a fresh one was started")
            return {}
        out: dict[str, ExerciseProgress] = {}
        damaged: list[str] = []
        for ex_id, entry in raw.get("exercises", {}).items():
            progress, ok = _entry(str(ex_id), entry)
            out[progress.exercise_id] = progress
            if not ok:
                damaged.append(str(ex_id))
        if damaged:
            kept = self._set_aside(copy=True)
            self._note(f"some progress could not be read ({', '.join(sorted(damaged)[:5])}); what could be "
                       f"read is kept, and the original file was kept as {kept.name}")
            self._write(out)
        return out

    def _set_aside(self, *, copy: bool) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        if copy:
            shutil.copy2(self.path, target)
        else:
            self.path.replace(target)
        return target

    # -- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        profile_dir(self.profile, self._home, create=True)
        lock_path = self.folder / ".progress.lock"
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        with open(lock_path, "a+") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _write(self, data: dict[str, ExerciseProgress]) -> None:
        payload = {
            "version": VERSION,
            "profile": self.profile,
            "exercises": {k: v.to_json() for k, v in sorted(data.items())},
        }
        atomic_write_json(self.path, payload)

    def _change(self, exercise_id: str, change: Any) -> ExerciseProgress:
        with self._locked():
            self._data = self._read()  # another program may have written since
            progress = self._data.get(exercise_id) or ExerciseProgress(exercise_id)
            change(progress)
            self._data[exercise_id] = progress
            self._write(self._data)
        return _copy(progress)

    # -- the API ----------------------------------------------------------------------------
    def get(self, exercise_id: str) -> ExerciseProgress:
        progress = self._data.get(exercise_id)
        return _copy(progress) if progress is not None else ExerciseProgress(exercise_id)

    def all(self) -> dict[str, ExerciseProgress]:
        return {k: _copy(v) for k, v in self._data.items()}

    def reload(self) -> None:
        self._data = self._read()

    def record_try(self, exercise_id: str, passed: bool, seconds: float = 0.0) -> ExerciseProgress:
        """One more try (a check); ``passed`` marks it solved (solved stays solved)."""

        def change(p: ExerciseProgress) -> None:
            now = _now()
            p.tries += 1
            p.first_tried = p.first_tried or now
            if seconds and seconds > 0:
                p.seconds = round(p.seconds + float(seconds), 1)
            if passed and not p.solved:
                p.solved = True
                p.solved_at = now
                p.fixed_alone = p.clues_used == 0

        return self._change(exercise_id, change)

    def record_clue(self, exercise_id: str, level: int) -> ExerciseProgress:
        """A clue (hint level ``level``, 1 for the first) was opened."""

        def change(p: ExerciseProgress) -> None:
            p.clues_used = max(p.clues_used, int(level))

        return self._change(exercise_id, change)


def _copy(p: ExerciseProgress) -> ExerciseProgress:
    return ExerciseProgress(**asdict(p))


def _entry(exercise_id: str, entry: Any) -> tuple[ExerciseProgress, bool]:
    """An entry from the file, and whether it was all readable."""
    p = ExerciseProgress(exercise_id)
    if not isinstance(entry, dict):
        return p, False
    ok = True

    def take(name: str, kinds: tuple[type, ...], minimum: float | None = 0) -> None:
        nonlocal ok
        if name not in entry:
            return
        value = entry[name]
        if value is None and name in ("first_tried", "solved_at"):
            return
        if isinstance(value, bool) and bool not in kinds:
            ok = False
            return
        if not isinstance(value, kinds) or (minimum is not None and not isinstance(value, (bool, str))
                                            and value < minimum):
            ok = False
            return
        setattr(p, name, value)

    take("tries", (int,))
    take("solved", (bool,))
    take("clues_used", (int,))
    take("fixed_alone", (bool,))
    take("first_tried", (str,))
    take("solved_at", (str,))
    take("seconds", (int, float))
    p.seconds = float(p.seconds)
    return p, ok
