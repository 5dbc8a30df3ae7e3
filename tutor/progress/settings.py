"""The parents' settings: how much help the tutor gives, behind a parent code.

One file per home (``parent-settings.json`` under TUTOR_HOME), shared by every profile::

    {"version": 1, "max_clue_levels": 2, "show_exact_change": false, "allow_solutions": false,
     "code": {"algorithm": "scrypt", "salt": "<hex>", "hash": "<hex>", "n": 16384, "r": 8, "p": 1}}

- ``max_clue_levels``: how many clue levels a child may open for one problem (``None``: all).
- ``show_exact_change``: whether the last clue level, the one that says the exact change, is shown.
- ``allow_solutions``: whether an exercise's solution may be revealed.
- ``code``: the parent code, stored only as a salted hash (scrypt; PBKDF2-SHA256 where OpenSSL has
  no scrypt). The code itself is never written anywhere.

Writes are atomic. A damaged file is set aside (``parent-settings.json.corrupt-<time>``).

Fail closed, tamper-evident: once a parent code is set, its record is also kept in
``parent-code.json`` (with the wrong-code lockout, so it survives restarts), and the settings file
carries a ``seal``: an HMAC of the choices keyed from the code's scrypt record. A settings file that
is then missing, damaged or edited by hand (the seal does not match) gives the STRICTEST settings
(one clue, no exact change, no solutions) until the parent enters the code again
(``accept_settings``); ``Settings.problem`` says what happened and when, for the Parent screen
and the report. What this cannot stop: someone with the same computer account who deletes both
files, or who reads this code and recomputes the seal (see docs/parents-guide.md).

Enforcement: every place that shows clues calls ``limit_hint(hint, load_settings(home))`` (or
``allowed_levels(levels, settings)`` for a bare ladder, ``limit_hint_json`` for a hint already in
the explain.md JSON shape), and only offers a solution when ``load_settings(home).allow_solutions``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..storage import atomic_write_json, load_json, set_aside

FILE_NAME = "parent-settings.json"
LOCK_FILE_NAME = "parent-code.json"
MAX_WRONG_CODES = 5
LOCK_SECONDS = 30.0
VERSION = 1
#: The most clue levels a parent can choose as a limit (ladders are usually 3 levels).
MAX_LEVEL_CHOICE = 10
MIN_CODE_LENGTH = 4
MAX_CODE_LENGTH = 64

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_PBKDF2_ITERATIONS = 240_000


class CodeError(ValueError):
    """A parent code that cannot be used; str() says why."""


@dataclass(frozen=True)
class Settings:
    max_clue_levels: int | None = None  # None: every level
    show_exact_change: bool = True
    allow_solutions: bool = False
    code: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    #: Set when the file was damaged and was set aside (or partly unreadable), or could not be trusted.
    problem: str | None = field(default=None, compare=False)
    #: The file's seal as read (only while loading).
    seal: str | None = field(default=None, compare=False, repr=False)

    @property
    def has_code(self) -> bool:
        return _valid_code_record(self.code)

    def to_json(self) -> dict[str, Any]:
        """The choices (never the code's hash), for reports and tools."""
        return {
            "max_clue_levels": self.max_clue_levels,
            "show_exact_change": self.show_exact_change,
            "allow_solutions": self.allow_solutions,
            "has_parent_code": self.has_code,
        }

    def describe(self) -> list[str]:
        """The settings in a parent's words, one sentence each."""
        if self.max_clue_levels is None:
            levels = "Clues: every level of clue can be opened."
        elif self.max_clue_levels == 1:
            levels = "Clues: only the first, gentlest clue can be opened."
        else:
            levels = f"Clues: up to {self.max_clue_levels} levels of clue can be opened."
        exact = ("The last clue, which says the exact change, is shown." if self.show_exact_change
                 else "The last clue, which says the exact change, is hidden.")
        solutions = ("Solutions can be revealed." if self.allow_solutions
                     else "Solutions are never revealed.")
        return [levels, exact, solutions]


DEFAULTS = Settings()
#: What a child gets while the settings cannot be trusted (a parent code is set, the file is not right).
STRICT = Settings(max_clue_levels=1, show_exact_change=False, allow_solutions=False)


def settings_path(home: Path | None = None) -> Path:
    if home is not None:
        return Path(home) / FILE_NAME
    from ..storage import data_home

    return data_home() / FILE_NAME


def lock_path(home: Path | None = None) -> Path:
    return settings_path(home).with_name(LOCK_FILE_NAME)


def _read_lock(home: Path | None) -> tuple[dict[str, Any], bool]:
    """(the lock file's data, whether a lock file exists at all)."""
    path = lock_path(home)
    try:
        import json

        data = json.loads(path.read_text(encoding="utf-8"))
        return (data if isinstance(data, dict) else {}), True
    except FileNotFoundError:
        return {}, False
    except (OSError, ValueError):
        return {}, True


def _write_lock(home: Path | None, data: dict[str, Any]) -> None:
    try:
        atomic_write_json(lock_path(home), data)
    except OSError:
        pass


def _choices(settings: Settings) -> dict[str, Any]:
    return {
        "max_clue_levels": settings.max_clue_levels,
        "show_exact_change": bool(settings.show_exact_change),
        "allow_solutions": bool(settings.allow_solutions),
    }


def _seal(choices: dict[str, Any], record: dict[str, Any]) -> str:
    import json

    key = hmac.new(bytes.fromhex(str(record["hash"])), b"tutor parent settings seal v1", hashlib.sha256).digest()
    message = json.dumps(choices, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _when(stamp: float) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


def load_settings(home: Path | None = None) -> Settings:
    """The parents' settings: the defaults when there is no file and no parent code; the strictest
    settings (with ``problem`` saying why) when a parent code is set but the file is missing,
    damaged or was changed without the code."""
    lock, lock_exists = _read_lock(home)
    lock_code = lock.get("code") if _valid_code_record(lock.get("code")) else None
    settings = _load_file(home)
    record = lock_code or (settings.code if settings.has_code else None)
    if record is None:
        if lock_exists:
            # A lock file that cannot be read: a code was set once. Strict until a code is chosen.
            return replace(STRICT, problem="The parent code's file is damaged. Until a parent code is set "
                           "again, the tutor gives only the first clue.")
        return settings
    path = settings_path(home)
    noticed = lock.get("noticed") if isinstance(lock.get("noticed"), dict) else {}
    trouble, detail = None, ""
    if settings.problem:
        trouble, detail = "damaged", settings.problem
    elif not path.exists():
        trouble = "damaged" if noticed.get("what") == "damaged" else "missing"
        detail = str(noticed.get("detail") or "")
    elif (settings.seal is None or not hmac.compare_digest(settings.seal, _seal(_choices(settings), record))
          or (settings.code is not None and settings.code != record)):
        trouble = "changed"
    if trouble is None:
        return replace(settings, code=record, seal=None)
    # Remember when this was first noticed, so the parent hears when it happened.
    if noticed.get("what") != trouble:
        stamp = None
        if trouble == "changed":
            try:
                stamp = path.stat().st_mtime
            except OSError:
                stamp = None
        noticed = {"what": trouble, "at": stamp or time.time(), "detail": detail}
        _write_lock(home, {**lock, "code": record, "noticed": noticed})
    when = _when(float(noticed.get("at") or time.time()))
    if trouble == "missing":
        what = f"The parents' settings file was deleted (noticed {when})."
    elif trouble == "changed":
        what = f"The parents' settings file was changed without the parent code ({when})."
    else:
        what = f"The parents' settings file was damaged (noticed {when})."
    return replace(STRICT, code=record, problem=what + " Until a parent types the code again, the tutor "
                   "gives only the first clue, never the exact change, and no solutions.")


def accept_settings(code: str, home: Path | None = None) -> Settings:
    """The parent typed the right code: seal the settings as they are now (the strict ones after a
    problem) so the parent can choose again. Returns them; raises CodeError for a wrong code."""
    current = load_settings(home)
    if not verify_code(code, current):
        raise CodeError("the parent code is not right")
    if current.problem is None:
        return current
    lock, _ = _read_lock(home)
    lock.pop("noticed", None)
    _write_lock(home, {**lock, "code": current.code})
    return save_settings(current, home)


def _load_file(home: Path | None = None) -> Settings:
    path = settings_path(home)
    try:
        loaded = load_json(path, None)
    except OSError as exc:
        return replace(DEFAULTS, problem=f"the parents' settings could not be read ({exc.strerror or exc})")
    if loaded.problem is not None:
        return replace(DEFAULTS, problem=f"The settings file {loaded.problem}. Please choose the settings "
                       "and a parent code again.")
    data = loaded.data
    if data is None:
        return DEFAULTS
    if not isinstance(data, dict):
        moved = _set_aside(path)
        return replace(DEFAULTS, problem=f"The settings file was not in the right shape; it was kept as "
                       f"{moved} and the usual settings are back. Please choose them and a parent code again.")
    problems: list[str] = []
    max_levels: int | None = DEFAULTS.max_clue_levels
    if "max_clue_levels" in data:
        raw = data["max_clue_levels"]
        if raw is None:
            max_levels = None
        elif isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= MAX_LEVEL_CHOICE:
            max_levels = raw
        else:
            problems.append("max_clue_levels")
    show_exact = _flag(data, "show_exact_change", DEFAULTS.show_exact_change, problems)
    allow_solutions = _flag(data, "allow_solutions", DEFAULTS.allow_solutions, problems)
    code = data.get("code")
    if code is not None and not _valid_code_record(code):
        problems.append("code")
        code = None
    problem = None
    if problems:
        problem = (f"Some settings could not be read ({', '.join(problems)}); the usual value is used for "
                   "those. Please check the settings.")
    seal = data.get("seal") if isinstance(data.get("seal"), str) else None
    return Settings(max_levels, show_exact, allow_solutions, code if code else None, problem, seal)


def _flag(data: dict[str, Any], name: str, default: bool, problems: list[str]) -> bool:
    if name not in data:
        return default
    value = data[name]
    if isinstance(value, bool):
        return value
    problems.append(name)
    return default


def _set_aside(path: Path) -> str:
    try:
        return set_aside(path).name
    except OSError:
        return path.name


def save_settings(settings: Settings, home: Path | None = None) -> Settings:
    """Write the settings (atomically). The code's hash is kept as it is in ``settings``."""
    levels = settings.max_clue_levels
    if levels is not None:
        if isinstance(levels, bool) or not isinstance(levels, int) or not 1 <= levels <= MAX_LEVEL_CHOICE:
            raise ValueError(f"max_clue_levels must be None or 1..{MAX_LEVEL_CHOICE}")
    payload: dict[str, Any] = {
        "version": VERSION,
        "max_clue_levels": levels,
        "show_exact_change": bool(settings.show_exact_change),
        "allow_solutions": bool(settings.allow_solutions),
    }
    if settings.has_code:
        payload["code"] = dict(settings.code or {})
        payload["seal"] = _seal(_choices(settings), settings.code or {})
    atomic_write_json(settings_path(home), payload)
    return replace(settings, problem=None, seal=None)


def update_settings(home: Path | None = None, **changes: Any) -> Settings:
    """Change some choices (``max_clue_levels``, ``show_exact_change``, ``allow_solutions``)."""
    allowed = {"max_clue_levels", "show_exact_change", "allow_solutions"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    return save_settings(replace(load_settings(home), **changes), home)


# -- the parent code ------------------------------------------------------------------------------
def check_code_rules(code: str) -> str:
    """The code as it will be used, or CodeError saying kindly what is wrong with it."""
    if not isinstance(code, str):
        raise CodeError("the code is text")
    text = code.strip()
    if len(text) < MIN_CODE_LENGTH:
        raise CodeError(f"use at least {MIN_CODE_LENGTH} characters (letters or digits)")
    if len(text) > MAX_CODE_LENGTH:
        raise CodeError(f"use at most {MAX_CODE_LENGTH} characters")
    return text


def _hash(code: str, record: dict[str, Any]) -> bytes:
    salt = bytes.fromhex(record["salt"])
    secret = code.encode("utf-8")
    if record["algorithm"] == "scrypt":
        return hashlib.scrypt(secret, salt=salt, n=int(record["n"]), r=int(record["r"]), p=int(record["p"]),
                              maxmem=64 * 1024 * 1024, dklen=32)
    return hashlib.pbkdf2_hmac("sha256", secret, salt, int(record["iterations"]), dklen=32)


def _new_record(code: str) -> dict[str, Any]:
    salt = os.urandom(16).hex()
    record: dict[str, Any]
    if hasattr(hashlib, "scrypt"):
        record = {"algorithm": "scrypt", "salt": salt, **_SCRYPT}
        try:
            record["hash"] = _hash(code, record).hex()
            return record
        except (ValueError, MemoryError):  # an OpenSSL without working scrypt
            pass
    record = {"algorithm": "pbkdf2-sha256", "salt": salt, "iterations": _PBKDF2_ITERATIONS}
    record["hash"] = _hash(code, record).hex()
    return record


def _valid_code_record(record: Any) -> bool:
    if not isinstance(record, dict):
        return False
    try:
        bytes.fromhex(record["salt"])
        if len(bytes.fromhex(record["hash"])) != 32:
            return False
        if record["algorithm"] == "scrypt":
            n, r, p = int(record["n"]), int(record["r"]), int(record["p"])
            return 2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16
        if record["algorithm"] == "pbkdf2-sha256":
            return 1000 <= int(record["iterations"]) <= 10_000_000
    except (KeyError, TypeError, ValueError):
        return False
    return False


def set_parent_code(code: str, home: Path | None = None, *, old_code: str | None = None) -> Settings:
    """Set (or change) the parent code. Changing it needs the old code (CodeError if wrong)."""
    text = check_code_rules(code)
    current = load_settings(home)
    if current.has_code and not verify_code(old_code or "", current):
        raise CodeError("the old parent code is not right")
    record = _new_record(text)
    lock, _ = _read_lock(home)
    lock.pop("noticed", None)
    lock.update({"version": 1, "code": record, "set_at": time.time()})
    atomic_write_json(lock_path(home), lock)
    return save_settings(replace(current, code=record), home)


def code_wait_seconds(home: Path | None = None) -> float:
    """Seconds before another try at the parent code is allowed (0: now). Kept in a file, so it
    survives closing and opening the tutor again."""
    lock, _ = _read_lock(home)
    until = lock.get("locked_until")
    if not isinstance(until, (int, float)):
        return 0.0
    left = float(until) - time.time()
    return left if 0 < left <= LOCK_SECONDS * 2 else 0.0


def try_parent_code(code: str, home: Path | None = None) -> tuple[bool, float]:
    """Check a typed parent code with the lockout: (right?, seconds to wait before the next try).

    After MAX_WRONG_CODES wrong codes in a row, no code is checked for LOCK_SECONDS."""
    wait = code_wait_seconds(home)
    if wait > 0:
        return False, wait
    settings = load_settings(home)
    lock, _ = _read_lock(home)
    if verify_code(code, settings):
        if lock.get("wrong") or lock.get("locked_until"):
            lock.pop("wrong", None)
            lock.pop("locked_until", None)
            _write_lock(home, lock)
        return True, 0.0
    wrong = int(lock.get("wrong") or 0) + 1 if isinstance(lock.get("wrong"), int) else 1
    if wrong >= MAX_WRONG_CODES:
        lock["wrong"] = 0
        lock["locked_until"] = time.time() + LOCK_SECONDS
        wait = LOCK_SECONDS
    else:
        lock["wrong"] = wrong
    if settings.has_code:
        lock.setdefault("code", settings.code)
    _write_lock(home, lock)
    return False, wait


def verify_code(code: str, settings: Settings | None = None, home: Path | None = None) -> bool:
    """Whether ``code`` is the parent code (False when no code has been set)."""
    settings = settings if settings is not None else load_settings(home)
    if not settings.has_code or not isinstance(code, str):
        return False
    record = settings.code or {}
    try:
        actual = _hash(code.strip(), record)
    except (ValueError, MemoryError, KeyError, TypeError):
        return False
    return hmac.compare_digest(actual.hex(), str(record.get("hash", "")))


# -- enforcement ----------------------------------------------------------------------------------
def allowed_levels(levels: list[str], settings: Settings | None = None) -> list[str]:
    """The clue ladder a child may open under ``settings`` (gentlest first).

    The last level of a ladder says the exact change: it is dropped when ``show_exact_change`` is
    off (unless it is the only level, which is then the gentlest clue there is). Then the ladder
    is cut to ``max_clue_levels``. At least one level is always kept, so a child is never left
    with no clue at all.
    """
    settings = settings if settings is not None else load_settings()
    out = [level for level in levels]
    if not settings.show_exact_change and len(out) > 1:
        out = out[:-1]
    if settings.max_clue_levels is not None:
        out = out[: max(1, settings.max_clue_levels)]
    return out


def limit_hint_json(hint: dict[str, Any] | None, settings: Settings | None = None) -> dict[str, Any] | None:
    """A hint in the explain.md JSON shape with the parents' limits applied.

    ``levels`` is trimmed by ``allowed_levels``; when the level with the exact change is not shown,
    ``fix`` (which spells out the same change) is left out too (``null``) and
    ``"limited": true`` says why.
    """
    if not isinstance(hint, dict):
        return hint
    settings = settings if settings is not None else load_settings()
    levels = hint.get("levels")
    if not isinstance(levels, list):
        return dict(hint)
    kept = allowed_levels(levels, settings)
    out = dict(hint)
    out["levels"] = kept
    exact_shown = len(kept) == len(levels) or (len(levels) == 1 and kept)
    if not exact_shown:
        out["fix"] = None
        out["limited"] = True
    return out


def limit_hint(hint: Any, settings: Settings | None = None) -> Any:
    """A ``Hint`` (tutor.explain.hint) with the parents' limits applied; None stays None.

    ``levels`` is trimmed by ``allowed_levels``. When the level with the exact change is not
    shown, ``fix`` and ``candidates`` (which spell out the same change) are dropped too. The hint
    given is never changed: a changed copy is returned (the same object when nothing changes).
    """
    if hint is None:
        return None
    levels = list(getattr(hint, "levels", None) or [])
    settings = settings if settings is not None else load_settings()
    kept = allowed_levels(levels, settings)
    if kept == levels:
        return hint
    changes: dict[str, Any] = {"levels": kept}
    exact_shown = len(levels) == 1 and bool(kept)
    if not exact_shown:
        changes["fix"] = None
        if hasattr(hint, "candidates"):
            changes["candidates"] = []
    import copy
    import dataclasses

    if dataclasses.is_dataclass(hint) and not isinstance(hint, type):
        return dataclasses.replace(hint, **changes)
    limited = copy.copy(hint)
    for name, value in changes.items():
        setattr(limited, name, value)
    return limited


def solutions_allowed(settings: Settings | None = None) -> bool:
    settings = settings if settings is not None else load_settings()
    return bool(settings.allow_solutions)


__all__ = [
    "STRICT",
    "accept_settings",
    "code_wait_seconds",
    "try_parent_code",
    "CodeError",
    "DEFAULTS",
    "FILE_NAME",
    "Settings",
    "allowed_levels",
    "check_code_rules",
    "limit_hint",
    "limit_hint_json",
    "load_settings",
    "save_settings",
    "set_parent_code",
    "settings_path",
    "solutions_allowed",
    "update_settings",
    "verify_code",
]
