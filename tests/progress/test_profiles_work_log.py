"""Profiles, the child's saved work and the session log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tutor.progress import (
    ProfileNameError,
    SessionLog,
    clean_name,
    create_profile,
    current_profile,
    folder_name,
    history,
    last_profile,
    list_profiles,
    load_work,
    profile_dir,
    save_work,
    set_last_profile,
    start_again,
    work_path,
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


# -- profiles --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, shown, folder", [
    ("Ada", "Ada", "ada"),
    ("  Mary   Ann ", "Mary Ann", "mary-ann"),
    ("Jean-Luc", "Jean-Luc", "jean-luc"),
    ("Zoë", "Zoë", "zoë"),
    ("a" * 20, "a" * 20, "a" * 20),
])
def test_good_names(name, shown, folder):
    assert clean_name(name) == shown
    assert folder_name(name) == folder


@pytest.mark.parametrize("name", ["", "   ", "a" * 21, "Ada2", "../etc", "Ada/Ben", "-Ada", "Ada.", "Ada_B",
                                  "con\x00", " . "])
def test_bad_names(name):
    with pytest.raises(ProfileNameError):
        clean_name(name)
    with pytest.raises(ValueError):
        folder_name(name)


def test_create_and_list_profiles(home):
    assert list_profiles(home) == []
    assert create_profile(" ada ", home) == "ada"
    assert create_profile("Ben", home) == "Ben"
    assert create_profile("ADA", home) == "ada"  # already there: the same profile
    assert list_profiles(home) == ["ada", "Ben"]
    assert (profile_dir("Ada", home) / "profile.json").is_file()
    with pytest.raises(ProfileNameError):
        create_profile("R2D2", home)


def test_a_damaged_profile_file_still_lists_the_profile(home):
    create_profile("Mary Ann", home)
    (profile_dir("Mary Ann", home) / "profile.json").write_text("{oops")
    assert list_profiles(home) == ["Mary Ann"]
    assert list(profile_dir("Mary Ann", home).glob("profile.json.corrupt-*"))


def test_last_and_current_profile(home, monkeypatch):
    assert last_profile(home) is None
    assert current_profile(None, home) is None
    set_last_profile("Ben", home)
    assert last_profile(home) == "Ben" and "Ben" in list_profiles(home)
    assert current_profile(None, home) == "Ben"
    monkeypatch.setenv("TUTOR_PROFILE", "Cleo")
    assert current_profile(None, home) == "Cleo"
    assert current_profile("  Dan ", home) == "Dan"
    monkeypatch.setenv("TUTOR_PROFILE", "../x")
    with pytest.raises(ProfileNameError):
        current_profile(None, home)


def test_last_profile_that_is_gone(home):
    set_last_profile("Ben", home)
    import shutil

    shutil.rmtree(profile_dir("Ben", home))
    assert last_profile(home) is None


def test_profiles_live_under_tutor_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "elsewhere"))
    create_profile("Ada")
    assert (tmp_path / "elsewhere" / "profiles" / "ada" / "profile.json").is_file()
    assert list_profiles() == ["Ada"]


# -- saved work ------------------------------------------------------------------------------------
def test_save_and_load_work(home):
    assert load_work("Ada", "puppy-name", home) is None
    assert save_work("Ada", "puppy-name", "print('hi')\n", home) is True
    path = work_path("Ada", "puppy-name", home)
    assert path.suffix == ".py" and path.read_text() == "print('hi')\n"
    assert load_work("Ada", "puppy-name", home) == "print('hi')\n"
    mtime = path.stat().st_mtime_ns
    assert save_work("Ada", "puppy-name", "print('hi')\n", home) is False  # unchanged: not written again
    assert path.stat().st_mtime_ns == mtime
    assert save_work("Ada", "puppy-name", "print('hello')\n", home) is True
    assert load_work("Ada", "puppy-name", home) == "print('hello')\n"
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_start_again_keeps_the_old_version(home):
    save_work("Ada", "ex", "my own try\n", home)
    assert start_again("Ada", "ex", "the starter\n", home) == "the starter\n"
    assert load_work("Ada", "ex", home) == "the starter\n"
    [old] = history("Ada", "ex", home)
    assert old.read_text() == "my own try\n"
    # Starting again on an untouched starter keeps no useless copy.
    start_again("Ada", "ex", "the starter\n", home)
    assert len(history("Ada", "ex", home)) == 1
    save_work("Ada", "ex", "second try\n", home)
    start_again("Ada", "ex", "the starter\n", home)
    assert [p.read_text() for p in history("Ada", "ex", home)] == ["my own try\n", "second try\n"]


def test_start_again_with_no_work_yet(home):
    assert start_again("Ada", "ex", "starter\n", home) == "starter\n"
    assert history("Ada", "ex", home) == []


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "X", ".hidden"])
def test_work_ids_are_checked(home, bad):
    with pytest.raises(ValueError):
        work_path("Ada", bad, home)


# -- the session log -------------------------------------------------------------------------------
def test_log_appends_events_with_time_and_session(home):
    log = SessionLog("Ada", home)
    assert log.events() == []
    log.append("start")
    log.append("check", exercise_id="a", passed=False)
    events = SessionLog("Ada", home).events()
    assert [e["kind"] for e in events] == ["start", "check"]
    assert events[1]["exercise_id"] == "a" and events[1]["passed"] is False
    assert all("time" in e and e["session"] == log.session for e in events)
    other = SessionLog("Ada", home, session="another")
    other.append("start")
    assert SessionLog("Ada", home).events()[-1]["session"] == "another"


def test_a_torn_last_line_is_skipped_and_the_next_event_is_safe(home):
    log = SessionLog("Ada", home)
    log.append("one")
    with open(log.path, "ab") as f:
        f.write(b'{"kind": "two", "ti')  # the tutor crashed here
    assert [e["kind"] for e in log.events()] == ["one"] and log.skipped == 1
    log.append("three")
    assert [e["kind"] for e in log.events()] == ["one", "three"]
    lines = log.path.read_bytes().split(b"\n")
    assert json.loads(lines[-2])["kind"] == "three"


def test_rubbish_lines_never_break_reading(home):
    log = SessionLog("Ada", home)
    log.path.parent.mkdir(parents=True, exist_ok=True)
    log.path.write_bytes(b'[1]\n\xff\xfe\n{"kind": "ok"}\n\n')
    assert log.events() == [{"kind": "ok"}] and log.skipped == 2


def test_names_that_change_when_lower_cased_are_listed(tmp_path):
    """"İlker" lower-cases to "i" + a combining dot: the profile must still be found and listed."""
    from tutor.progress.profiles import create_profile, list_profiles, profile_exists

    home = tmp_path / "home"
    for name in ("İlker", "Zoë", "अनु", "Ada"):
        create_profile(name, home)
    assert list_profiles(home) == sorted(["İlker", "Zoë", "अनु", "Ada"], key=str.casefold)
    assert profile_exists("İLKER", home) or profile_exists("İlker", home)
