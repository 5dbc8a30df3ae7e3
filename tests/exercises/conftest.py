import pytest


@pytest.fixture(autouse=True)
def _own_home(tmp_path, monkeypatch):
    """Every test gets its own TUTOR_HOME and no profile from the environment."""
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "tutor-home"))
    monkeypatch.delenv("TUTOR_PROFILE", raising=False)
    monkeypatch.delenv("TUTOR_TIMEOUT", raising=False)
