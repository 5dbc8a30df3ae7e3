"""Where the tutor keeps things, and writing them so that nothing is ever half-written.

- ``data_home()``: ``$TUTOR_HOME`` if set, else the platform's user data folder.
- ``atomic_write_text``/``atomic_write_bytes``: write to a temporary file in the same folder,
  flush it to disk, then rename it over the old file. A crash at any moment leaves either the old
  file or the new one, never a mix.
- ``load_json``: read a JSON file; a corrupt one is moved aside (``name.corrupt-<time>``) and
  reported, never silently dropped or overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

APP_NAME = "tutor"


def data_home() -> Path:
    env = os.environ.get("TUTOR_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: str | os.PathLike[str], data: Any) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class Loaded:
    data: Any
    problem: str | None = None  # set when the file was corrupt and was moved aside
    moved_to: Path | None = None


def set_aside(path: Path) -> Path:
    """Move a damaged file out of the way, keeping it for a person to look at."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target


def load_json(path: str | os.PathLike[str], default: Any) -> Loaded:
    """The JSON in ``path``; ``default`` if there is no file; a corrupt file is set aside."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Loaded(default)
    try:
        return Loaded(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as exc:
        moved = set_aside(path)
        return Loaded(default, problem=f"{path.name} was damaged ({exc.__class__.__name__}); "
                      f"it was kept as {moved.name} and a fresh one was started", moved_to=moved)
