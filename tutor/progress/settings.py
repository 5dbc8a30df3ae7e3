"""The parents' settings: how much help the tutor gives, behind a parent code.

One file per home (``parent-settings.json`` under TUTOR_HOME), shared by every profile::

    {"version": 1, "max_clue_levels": 2, "show_exact_change": false, "allow_solutions": false,
     "code": {"algorithm": "scrypt", "salt": "<hex>", "hash": "<hex>", "n": 16384, "r": 8, "p": 1}}

- ``max_clue_levels``: how many clue levels a child may open for one problem (``None``: all).
- ``show_exact_change``: whether the last clue level, the one that says the exact change, is shown.
- ``allow_solutions``: whether an exercise's solution may be revealed.
- ``code``: the parent code, stored only as a salted hash (scrypt; PBKDF2-SHA256 where OpenSSL has
  no scrypt). The code itself is never written anywhere.

Writes are atomic. A damaged file is set aside (``parent-settings.json.corrupt-<time>``) and the
defaults are used; ``Settings.problem`` says so, so the Parent screen can tell the parent.

Enforcement: every place that shows clues calls ``limit_hint(hint, load_settings(home))`` (or
``allowed_levels(levels, settings)`` for a bare ladder, ``limit_hint_json`` for a hint already in
the explain.md JSON shape), and only offers a solution when ``load_settings(home).allow_solutions``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..storage import atomic_write_json, load_json, set_aside

FILE_NAME = "parent-settings.json"
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
    #: Set when the file was damaged and was set aside (or partly unreadable).
    problem: str | None = field(default=None, compare=False)

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


def settings_path(home: Path | None = None) -> Path:
    if home is not None:
        return Path(home) / FILE_NAME
    from ..storage import data_home

    return data_home() / FILE_NAME


def load_settings(home: Path | None = None) -> Settings:
    """The parents' settings (the defaults when there is no file, or when it was damaged)."""
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
    return Settings(max_levels, show_exact, allow_solutions, code if code else None, problem)


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
    atomic_write_json(settings_path(home), payload)
    return replace(settings, problem=None)


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
    return save_settings(replace(current, code=_new_record(text)), home)


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
