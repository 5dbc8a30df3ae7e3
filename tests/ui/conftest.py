"""Fixtures for the app's tests: a private home folder, a few small exercises, the app."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import pytest

# The helpers module sits next to this file (the tests import it as ``ui_helpers``).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_helpers import EXERCISES, only_from  # noqa: E402

from tutor.ui.app import TutorApp, create_app


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def exercise_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    for name, text in EXERCISES.items():
        (folder / name).write_text(text.lstrip(), encoding="utf-8")
    return folder


@pytest.fixture
def make_app(home: Path, exercise_dir: Path) -> Callable[..., TutorApp]:
    def make(**kwargs: Any) -> TutorApp:
        kwargs.setdefault("home", home)
        kwargs.setdefault("load_exercises", only_from(exercise_dir))
        return create_app(**kwargs)

    return make


