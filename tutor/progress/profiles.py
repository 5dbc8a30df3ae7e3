"""Profiles: one per child, by first name, each in its own folder under TUTOR_HOME.

Layout (all under ``data_home()``, i.e. TUTOR_HOME)::

    profiles/<folder>/profile.json   {"name": "Ada", "created": "..."}
    profiles/<folder>/progress.json  the progress store (store.py)
    profiles/<folder>/log.jsonl      the session log (log.py)
    profiles/<folder>/work/<id>.py   the child's code for each exercise (work.py)
    settings.json                    {"last_profile": "Ada"}

A name is a first name: 1-20 letters, spaces or dashes, starting with a letter. Its folder name is
the name in small letters with spaces as dashes ("Mary Ann" -> "mary-ann"), so it is always a safe
folder name; "ada" and "Ada" are the same profile.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from ..storage import atomic_write_json, data_home, load_json

MAX_NAME = 20
PROFILES = "profiles"
SETTINGS = "settings.json"


class ProfileNameError(ValueError):
    """A name that cannot be a profile name; str() says why, kindly."""


def clean_name(name: str) -> str:
    """The name as it will be shown ("  ada  lovelace " -> "ada lovelace"), or ProfileNameError."""
    if not isinstance(name, str):
        raise ProfileNameError("a name is text")
    text = unicodedata.normalize("NFC", " ".join(name.split()))
    if not text:
        raise ProfileNameError("type a first name")
    if len(text) > MAX_NAME:
        raise ProfileNameError(f"a name can have at most {MAX_NAME} letters")
    if not text[0].isalpha():
        raise ProfileNameError("a name starts with a letter")
    for i, ch in enumerate(text):
        # Marks that go with a letter (the dot of "İ" once lower-cased, Hindi vowel signs) count as
        # part of it.
        if not (ch.isalpha() or ch in " -" or (i and unicodedata.category(ch).startswith("M"))):
            raise ProfileNameError("a name can have only letters, spaces and dashes")
    return text


def folder_name(name: str) -> str:
    """The safe folder name for a profile name (raises ProfileNameError for a bad name)."""
    text = unicodedata.normalize("NFC", clean_name(name).casefold())
    text = re.sub(r"[ -]+", "-", text).strip("-")
    return text


def home_of(home: Path | None) -> Path:
    return Path(home) if home is not None else data_home()


def profile_dir(name: str, home: Path | None = None, *, create: bool = False) -> Path:
    """The profile's folder. With ``create``, the folder (and its profile.json) is made if needed."""
    folder = home_of(home) / PROFILES / folder_name(name)
    if create and not (folder / "profile.json").exists():
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_json(folder / "profile.json", {"name": clean_name(name), "created": _now()})
    return folder


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _display_name(folder: Path) -> str | None:
    loaded = load_json(folder / "profile.json", None)
    data = loaded.data
    if isinstance(data, dict) and isinstance(data.get("name"), str):
        try:
            name = clean_name(data["name"])
            if folder_name(name) == folder.name:
                return name
        except ProfileNameError:
            pass
    # profile.json missing or damaged: the folder's own name still says whose it is.
    try:
        name = clean_name(folder.name.replace("-", " ").title())
    except ProfileNameError:
        return None
    if loaded.problem is not None or data is None or not isinstance(data, dict):
        try:
            atomic_write_json(folder / "profile.json", {"name": name, "created": _now()})
        except OSError:
            pass
    return name


def list_profiles(home: Path | None = None) -> list[str]:
    """Every profile's name, in alphabetical order."""
    root = home_of(home) / PROFILES
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    names = []
    for entry in entries:
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        try:
            if folder_name(entry.name.replace("-", " ")) != entry.name:
                continue
        except ProfileNameError:
            continue
        name = _display_name(entry)
        if name is not None:
            names.append(name)
    return sorted(names, key=str.casefold)


def create_profile(name: str, home: Path | None = None) -> str:
    """Make a profile (nothing changes if it is there already); returns its name as shown."""
    cleaned = clean_name(name)
    folder = profile_dir(cleaned, home)
    if (folder / "profile.json").exists():
        existing = _display_name(folder)
        if existing is not None:
            return existing
    profile_dir(cleaned, home, create=True)
    return cleaned


def profile_exists(name: str, home: Path | None = None) -> bool:
    try:
        return profile_dir(name, home).is_dir()
    except ProfileNameError:
        return False


def last_profile(home: Path | None = None) -> str | None:
    """The profile used last (None if none, or if it is gone)."""
    data = load_json(home_of(home) / SETTINGS, {}).data
    name = data.get("last_profile") if isinstance(data, dict) else None
    if not isinstance(name, str):
        return None
    try:
        folder = profile_dir(name, home)
    except ProfileNameError:
        return None
    if not folder.is_dir():
        return None
    return _display_name(folder) or clean_name(name)


def set_last_profile(name: str, home: Path | None = None) -> None:
    cleaned = create_profile(name, home)
    path = home_of(home) / SETTINGS
    loaded = load_json(path, {})
    data = loaded.data if isinstance(loaded.data, dict) else {}
    data["last_profile"] = cleaned
    atomic_write_json(path, data)


def current_profile(explicit: str | None = None, home: Path | None = None) -> str | None:
    """Whose progress to use: ``explicit`` (--profile), else $TUTOR_PROFILE, else the last used.

    An explicit or environment name is cleaned and checked (ProfileNameError if it is not a
    usable name); it need not exist yet.
    """
    if explicit is not None and explicit.strip():
        return clean_name(explicit)
    env = os.environ.get("TUTOR_PROFILE")
    if env and env.strip():
        return clean_name(env)
    return last_profile(home)
