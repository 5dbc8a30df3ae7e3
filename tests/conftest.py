"""Every test gets its own empty TUTOR_HOME, so nothing reads or writes a real person's data."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_tutor_home(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path_factory.mktemp("tutor-home")))
    monkeypatch.delenv("TUTOR_PROFILE", raising=False)
