"""Parent settings fail closed: once a code is set, deleting, breaking or hand-editing the settings
file never loosens them; the parent hears what happened and when; the lockout survives restarts."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tutor.progress import settings as ps
from tutor.progress.settings import (
    STRICT,
    CodeError,
    accept_settings,
    load_settings,
    set_parent_code,
    try_parent_code,
    update_settings,
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def generous(home: Path) -> Path:
    """A parent who allows everything, behind the code 246810."""
    set_parent_code("246810", home)
    update_settings(home, max_clue_levels=None, show_exact_change=True, allow_solutions=True)
    assert load_settings(home).problem is None and load_settings(home).allow_solutions
    return home


def test_without_a_code_nothing_changes(home):
    assert load_settings(home) == ps.DEFAULTS and load_settings(home).problem is None
    update_settings(home, allow_solutions=True)
    assert load_settings(home).allow_solutions and load_settings(home).problem is None


def test_sealed_settings_load_as_saved(generous):
    data = json.loads((generous / ps.FILE_NAME).read_text())
    assert isinstance(data["seal"], str) and len(data["seal"]) == 64
    assert (generous / ps.LOCK_FILE_NAME).exists()


def test_deleting_the_file_gives_the_strictest_settings_and_says_when(generous):
    (generous / ps.FILE_NAME).unlink()
    s = load_settings(generous)
    assert s == STRICT and s.has_code
    assert "deleted" in s.problem and time.strftime("%Y-%m-%d") in s.problem
    # ... and no new code without the old one
    with pytest.raises(CodeError):
        set_parent_code("000000", generous)
    with pytest.raises(CodeError):
        set_parent_code("000000", generous, old_code="111111")


def test_hand_editing_is_detected(generous):
    update_settings(generous, allow_solutions=False, show_exact_change=False, max_clue_levels=1)
    path = generous / ps.FILE_NAME
    data = json.loads(path.read_text())
    data["allow_solutions"] = True
    path.write_text(json.dumps(data))
    s = load_settings(generous)
    assert s == STRICT and "changed without the parent code" in s.problem


def test_a_missing_seal_is_detected(generous):
    path = generous / ps.FILE_NAME
    data = json.loads(path.read_text())
    del data["seal"]
    path.write_text(json.dumps(data))
    assert load_settings(generous) == STRICT


def test_a_damaged_file_stays_strict_and_keeps_saying_so(generous):
    (generous / ps.FILE_NAME).write_text("{not json")
    first = load_settings(generous)
    assert first == STRICT and "damaged" in first.problem
    later = load_settings(generous)  # the damaged file was set aside: still strict, still said
    assert later == STRICT and "damaged" in later.problem


def test_the_parent_code_puts_things_right(generous):
    (generous / ps.FILE_NAME).unlink()
    with pytest.raises(CodeError):
        accept_settings("999999", generous)
    assert load_settings(generous) == STRICT
    s = accept_settings("246810", generous)
    assert s == STRICT and s.problem is None
    assert load_settings(generous).problem is None
    update_settings(generous, allow_solutions=True)
    assert load_settings(generous).allow_solutions and load_settings(generous).problem is None


def test_the_report_says_what_happened(generous):
    from tutor.progress.profiles import create_profile
    from tutor.progress.report import build_report

    create_profile("Ada", generous)
    (generous / ps.FILE_NAME).unlink()
    report = build_report("Ada", home=generous)
    assert any("deleted" in p for p in report.problems)
    assert report.settings["allow_solutions"] is False


def test_wrong_code_lockout_survives_a_restart(generous):
    for _ in range(ps.MAX_WRONG_CODES - 1):
        assert try_parent_code("000000", generous) == (False, 0.0)
    right, wait = try_parent_code("000000", generous)
    assert not right and wait > 0
    # A new tutor process reads the same file: the wait is still on, even for the right code.
    right, wait = try_parent_code("246810", generous)
    assert not right and wait > 0
    lock = json.loads((generous / ps.LOCK_FILE_NAME).read_text())
    lock["locked_until"] = time.time() - 1
    (generous / ps.LOCK_FILE_NAME).write_text(json.dumps(lock))
    assert try_parent_code("246810", generous) == (True, 0.0)


def test_a_program_in_the_childs_work_folder_cannot_touch_the_settings(generous, monkeypatch):
    from tutor.run import run_program

    monkeypatch.setenv("TUTOR_HOME", str(generous))
    work = generous / "profiles" / "Ada" / "work"
    work.mkdir(parents=True)
    prog = work / "sneaky.py"
    prog.write_text(
        "import os, json\n"
        "print(os.environ.get('TUTOR_HOME'))\n"
        f"home = {str(generous)!r}\n"
        "for name in ('parent-settings.json', 'parent-code.json'):\n"
        "    try:\n"
        "        os.remove(os.path.join(home, name))\n"
        "    except PermissionError:\n"
        "        print('kept', name)\n"
    )
    result = run_program(prog)
    assert result.stdout.split("\n")[:3] == ["None", "kept parent-settings.json", "kept parent-code.json"]
    assert load_settings(generous).allow_solutions and load_settings(generous).problem is None
