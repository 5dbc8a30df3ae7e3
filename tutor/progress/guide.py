"""The parent's guide (``docs/parents-guide.md``), for the app's Parent screen and for tools.

``guide_text()`` reads the guide from the project's ``docs`` folder (or a copy packaged as
``tutor/_docs/parents-guide.md``); if neither can be read it gives a short built-in version, so the
Parent screen always has something useful to show.
"""

from __future__ import annotations

from pathlib import Path

FILE_NAME = "parents-guide.md"

FALLBACK = """# A parent's guide to the tutor

You do not need to know Python to help. Ask good questions, stay calm, and be someone to explain
things to.

## The four debugging habits

1. **Check the instructions**: compare what the program does with what the task asked for.
2. **Try, try and try again**: errors are normal; every error is a clue.
3. **Small changes make a big difference**: a bug is usually one small thing.
4. **Say it out loud**: explain the code line by line. You can be the rubber duck.

## When they say "It's not working!"

Say "Great, a clue! Let's read it together." Ask what they expected and what happened instead,
read the line the tutor names, compare with the instructions, and try one small change at a time.

(The full guide is in the tutor's `docs/parents-guide.md`.)
"""


def guide_paths() -> list[Path]:
    here = Path(__file__).resolve().parent  # tutor/progress
    return [
        here.parent.parent / "docs" / FILE_NAME,  # a source checkout: <project>/docs
        here.parent / "_docs" / FILE_NAME,  # an installed copy, if packaged there
    ]


def guide_text() -> str:
    """The parent's guide as Markdown (never raises)."""
    for path in guide_paths():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if text.strip():
            return text
    return FALLBACK


__all__ = ["FALLBACK", "guide_paths", "guide_text"]
