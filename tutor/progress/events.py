"""The kinds of event in the session log, and the fields each one carries.

Everyone who writes to the session log (``SessionLog(profile).append(kind, **fields)``) uses these
names, so the parents' report (``tutor report``, the Parent screen) can read them. ``time`` and
``session`` are added by the log itself. Every field may be missing or ``None``; readers must be
tolerant (``normalise`` below does this for the report): unknown kinds are ignored, unknown fields
are kept, wrong types are treated as missing.

=================  ============================================================================
kind               fields
=================  ============================================================================
``run``            ``exercise_id`` (str or None for the child's own program), ``path``,
                   ``outcome`` (``ok``/``error``/``exit``/``timeout``/``killed``/
                   ``wrong-output``), ``error_type`` (e.g. ``"NameError"``, None when no
                   error), ``line`` (where Python stopped), ``seconds`` (how long it ran),
                   optional ``changed`` (False: the same code as the run before: not a new try)
``check``          ``exercise_id``, ``passed`` (bool), ``outcome``, ``error_type``,
                   ``hint_diagnoser`` (the hint's stable id, e.g. ``"input-not-converted"``),
                   ``hint_line``, optional ``changed`` (as for ``run``)
``clue``           ``exercise_id``, ``level`` (1 = the first, gentlest clue), ``diagnoser``
``fix-applied``    ``exercise_id``, ``diagnoser`` (the tutor's exact change was put into the code)
``solved``         ``exercise_id``, ``tries``, ``clues_used``
``duck``           ``path``, ``line``, ``step_kind`` (``explain`` or ``predict``; not
                   ``kind``, which is the event's own kind), ``question``,
                   ``answer`` (the child's own words, shown to parents verbatim; None when
                   said out loud), ``actual`` (the real value, for ``predict``), ``agrees``
                   (bool or None); optional ``exercise_id``, ``code`` (the text of the line),
                   ``how`` (``typed``, ``explained`` = said out loud to a parent,
                   ``not_sure``) and ``mode``
``session-start``  optional ``via`` (``app`` or ``cli``). Written when the app starts using a
                   profile; one-off commands (``tutor check``) need not write one: the report
                   joins their events to the session going on at that time.
``session-end``    optional ``via``
=================  ============================================================================

Optional everywhere: ``via`` (``"app"`` or ``"cli"``).

Older or hand-written events may use other spellings; ``normalise`` accepts ``exercise`` for
``exercise_id``, ``error`` (a name, or ``{"type": ...}``) for ``error_type`` and ``hint`` (an id,
or ``{"diagnoser": ...}``) for ``hint_diagnoser``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

RUN = "run"
CHECK = "check"
CLUE = "clue"
FIX_APPLIED = "fix-applied"
SOLVED = "solved"
DUCK = "duck"
SESSION_START = "session-start"
SESSION_END = "session-end"

#: ``how`` a duck step was answered
DUCK_HOW = ("typed", "explained", "not_sure")

KINDS: tuple[str, ...] = (RUN, CHECK, CLUE, FIX_APPLIED, SOLVED, DUCK, SESSION_START, SESSION_END)

#: The fields each kind carries (besides ``kind``, ``time``, ``session`` and the optional ``via``).
FIELDS: dict[str, tuple[str, ...]] = {
    RUN: ("exercise_id", "path", "outcome", "error_type", "line", "seconds"),
    CHECK: ("exercise_id", "passed", "outcome", "error_type", "hint_diagnoser", "hint_line"),
    CLUE: ("exercise_id", "level", "diagnoser"),
    FIX_APPLIED: ("exercise_id", "diagnoser"),
    SOLVED: ("exercise_id", "tries", "clues_used"),
    DUCK: ("path", "line", "step_kind", "question", "answer", "actual", "agrees", "exercise_id", "code", "how", "ran"),
    SESSION_START: (),
    SESSION_END: (),
}

# canonical field -> other spellings accepted when reading
_ALIASES: dict[str, tuple[str, ...]] = {
    "exercise_id": ("exercise", "exercise-id", "exerciseId"),
    "error_type": ("error",),
    "hint_diagnoser": ("hint", "diagnoser"),
    "diagnoser": ("hint_diagnoser", "hint"),
}


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    return None


def _pick(event: dict[str, Any], name: str) -> Any:
    if event.get(name) is not None:
        return event[name]
    for other in _ALIASES.get(name, ()):
        if event.get(other) is not None:
            return event[other]
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value == value and abs(value) < 1e12:
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and value == value and abs(value) < 1e12:
        return float(value)
    return None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _name_of(value: Any, key: str) -> str | None:
    """``"NameError"`` or ``{"type": "NameError", ...}`` -> ``"NameError"``."""
    if isinstance(value, dict):
        value = value.get(key)
    return value if isinstance(value, str) and value.strip() else None


def parse_time(value: Any) -> datetime | None:
    """An event's ``time`` as an aware datetime (naive ones are taken as local time)."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment


def normalise(event: Any) -> dict[str, Any] | None:
    """The event with canonical field names and types, or None if it is not an event at all.

    Never raises. Unknown kinds come back as they are (with ``kind`` set), for readers to ignore.
    """
    if not isinstance(event, dict):
        return None
    kind = event.get("kind")
    if not isinstance(kind, str) or not kind:
        return None
    out: dict[str, Any] = {"kind": kind, "time": parse_time(event.get("time")),
                           "session": _text(event.get("session")), "via": _text(event.get("via"))}
    if kind in (RUN, CHECK, CLUE, FIX_APPLIED, SOLVED, DUCK):
        ex = _pick(event, "exercise_id")
        out["exercise_id"] = ex if isinstance(ex, str) and ex.strip() else None
    if kind in (RUN, CHECK):
        out["outcome"] = _text(event.get("outcome"))
        # False: the same code as the try before it (run again unchanged): not a new try.
        out["changed"] = _bool(event.get("changed"))
        out["error_type"] = _name_of(_pick(event, "error_type"), "type")
    if kind == RUN:
        out["path"] = _text(event.get("path"))
        out["line"] = _int(event.get("line"))
        out["seconds"] = _number(event.get("seconds"))
    elif kind == CHECK:
        out["passed"] = _bool(event.get("passed"))
        out["hint_diagnoser"] = _name_of(_pick(event, "hint_diagnoser"), "diagnoser")
        out["hint_line"] = _int(event.get("hint_line"))
        out["seconds"] = _number(event.get("seconds"))
    elif kind in (CLUE, FIX_APPLIED):
        out["diagnoser"] = _name_of(_pick(event, "diagnoser"), "diagnoser")
        if kind == CLUE:
            out["level"] = _int(event.get("level"))
    elif kind == SOLVED:
        out["tries"] = _int(event.get("tries"))
        out["clues_used"] = _int(event.get("clues_used"))
    elif kind == DUCK:
        out["path"] = _text(event.get("path"))
        out["line"] = _int(event.get("line"))
        # The duck's own kind (explain/predict) cannot be called "kind": that is the event's kind.
        out["step_kind"] = (_text(event.get("step_kind")) or _text(event.get("duck_kind"))
                            or _text(event.get("question_kind")))
        for name in ("question", "answer", "code"):
            value = event.get(name)
            out[name] = value if isinstance(value, str) else (None if value is None else str(value))
        actual = event.get("actual")
        out["actual"] = actual if actual is None or isinstance(actual, str) else _short_repr(actual)
        out["agrees"] = _bool(event.get("agrees"))
        out["ran"] = _bool(event.get("ran"))  # did the line run in the duck's run (None: not recorded)
        how = _text(event.get("how"))
        if how is None:
            how = "typed" if isinstance(out["answer"], str) and out["answer"].strip() else None
        out["how"] = how
    return out


def recording_profile(explicit: str | None = None) -> str | None:
    """Whose progress a one-off command records: ``--profile``, else $TUTOR_PROFILE, else nobody.

    Never "the profile used last": a parent trying ``tutor check`` must not add to a child's
    report. Raises ProfileNameError (a ValueError) for a name that cannot be used."""
    import os

    from .profiles import clean_name

    if explicit is not None and explicit.strip():
        return clean_name(explicit)
    env = os.environ.get("TUTOR_PROFILE")
    if env and env.strip():
        return clean_name(env)
    return None


def record(kind: str, profile: str | None = None, home: Any = None, **fields: Any) -> bool:
    """Append one event to the session log of ``profile`` (None: $TUTOR_PROFILE, else nobody:
    see ``recording_profile``). For one-off commands: never raises; returns False when nothing
    was written (no profile, a bad name, a disk problem)."""
    try:
        from .log import SessionLog

        name = recording_profile(profile)
        if name is None:
            return False
        SessionLog(name, home).append(kind, **fields)
        return True
    except (OSError, ValueError):
        return False


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:
        text = "?"
    return text if len(text) <= 200 else text[:199] + "…"


__all__ = [
    "CHECK",
    "CLUE",
    "DUCK",
    "FIELDS",
    "FIX_APPLIED",
    "KINDS",
    "DUCK_HOW",
    "RUN",
    "SESSION_END",
    "SESSION_START",
    "SOLVED",
    "normalise",
    "parse_time",
    "record",
    "recording_profile",
]
