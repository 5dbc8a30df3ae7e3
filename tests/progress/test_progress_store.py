"""The progress store: what it records, that it survives, and that damage is set aside and reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tutor import storage
from tutor.progress import ProgressStore, profile_dir
from tutor.progress.store import ExerciseProgress


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_a_new_store_is_empty(home):
    store = ProgressStore("Ada", home)
    assert store.problem is None
    assert store.all() == {}
    assert store.get("puppy-name") == ExerciseProgress("puppy-name")
    assert not (profile_dir("Ada", home) / "progress.json").exists()  # nothing written until something happens


def test_tries_clues_and_solving(home):
    store = ProgressStore("Ada", home)
    p = store.record_try("puppy-name", passed=False, seconds=12.5)
    assert (p.tries, p.solved, p.clues_used, p.fixed_alone) == (1, False, 0, False)
    assert p.first_tried is not None and p.solved_at is None and p.seconds == 12.5
    store.record_clue("puppy-name", 1)
    store.record_clue("puppy-name", 3)
    p = store.record_clue("puppy-name", 2)
    assert p.clues_used == 3  # the highest level opened
    p = store.record_try("puppy-name", passed=True, seconds=5)
    assert (p.tries, p.solved, p.fixed_alone) == (2, True, False)
    assert p.solved_at is not None and p.seconds == 17.5
    # Solved stays solved, and its time does not move.
    again = store.record_try("puppy-name", passed=False)
    assert again.solved and again.solved_at == p.solved_at and again.tries == 3


def test_fixed_alone_when_no_clue_was_opened(home):
    store = ProgressStore("Ada", home)
    store.record_try("a", passed=False)
    assert store.record_try("a", passed=True).fixed_alone is True
    store.record_clue("a", 1)  # a clue after solving does not take it away
    assert store.get("a").fixed_alone is True


def test_progress_survives_a_new_store(home):
    ProgressStore("Ada", home).record_try("a", passed=True)
    ProgressStore("Ada", home).record_clue("b", 2)
    store = ProgressStore("ada", home)  # the same person, however the name is written
    assert store.get("a").solved and store.get("b").clues_used == 2
    assert set(store.all()) == {"a", "b"}
    data = json.loads((profile_dir("Ada", home) / "progress.json").read_text())
    assert data["version"] == 1 and data["exercises"]["a"]["tries"] == 1


def test_profiles_are_kept_apart(home):
    ProgressStore("Ada", home).record_try("a", passed=True)
    assert ProgressStore("Ben", home).all() == {}


def test_two_stores_at_once_lose_nothing(home):
    app = ProgressStore("Ada", home)
    cli = ProgressStore("Ada", home)
    app.record_try("a", passed=False)
    cli.record_try("a", passed=False)
    app.record_clue("b", 1)
    final = ProgressStore("Ada", home)
    assert final.get("a").tries == 2 and final.get("b").clues_used == 1


def test_get_returns_a_copy(home):
    store = ProgressStore("Ada", home)
    store.record_try("a", passed=False)
    p = store.get("a")
    p.tries = 99
    assert store.get("a").tries == 1


def test_a_corrupt_file_is_set_aside_and_reported(home):
    store = ProgressStore("Ada", home)
    store.record_try("a", passed=True)
    path = store.path
    path.write_text('{"version": 1, "exercises": {"a": {"tries": 1')  # cut off mid-write by something
    damaged = path.read_bytes()
    store = ProgressStore("Ada", home)
    assert store.problem is not None and "damaged" in store.problem
    assert store.all() == {}
    kept = [p for p in path.parent.iterdir() if p.name.startswith("progress.json.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert kept[0].name in store.problem
    # New progress goes in a fresh file; the damaged copy is never overwritten.
    store.record_try("b", passed=False)
    assert kept[0].read_bytes() == damaged
    assert ProgressStore("Ada", home).get("b").tries == 1
    # Later readers are still told (until a grown-up acknowledges it), then no more.
    assert "damaged" in ProgressStore("Ada", home).problem
    ProgressStore("Ada", home).acknowledge_problems()
    assert ProgressStore("Ada", home).problem is None


def test_a_file_of_the_wrong_shape_is_set_aside(home):
    path = profile_dir("Ada", home, create=True) / "progress.json"
    path.write_text("[1, 2, 3]")
    store = ProgressStore("Ada", home)
    assert store.problem and "not in the right shape" in store.problem
    assert not path.exists()
    assert [p.read_text() for p in path.parent.glob("progress.json.corrupt-*")] == ["[1, 2, 3]"]


def test_partly_damaged_entries_keep_what_can_be_read(home):
    path = profile_dir("Ada", home, create=True) / "progress.json"
    original = json.dumps({"version": 1, "exercises": {
        "good": {"tries": 2, "solved": True, "clues_used": 1},
        "bad": {"tries": "lots", "solved": True, "clues_used": -1},
        "worse": "??",
    }})
    path.write_text(original)
    store = ProgressStore("Ada", home)
    assert store.problem and "bad" in store.problem and "worse" in store.problem
    assert store.get("good").tries == 2
    assert store.get("bad").solved is True and store.get("bad").tries == 0
    assert "worse" in store.all()
    [kept] = path.parent.glob("progress.json.corrupt-*")
    assert kept.read_text() == original
    # The file now holds what could be read; the next start is still told, until acknowledged.
    assert "could not be read" in ProgressStore("Ada", home).problem
    ProgressStore("Ada", home).acknowledge_problems()
    assert ProgressStore("Ada", home).problem is None


def test_a_crash_in_the_middle_of_a_write_keeps_the_old_file(home, monkeypatch):
    store = ProgressStore("Ada", home)
    store.record_try("a", passed=False)
    before = store.path.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", crash)
    with pytest.raises(OSError):
        store.record_try("a", passed=True)
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert [p.name for p in store.path.parent.iterdir() if p.name.endswith(".tmp")] == []
    fresh = ProgressStore("Ada", home)
    assert fresh.problem is None and fresh.get("a").tries == 1 and not fresh.get("a").solved


def test_a_process_killed_while_writing_leaves_old_or_new(home):
    """Kill a process that writes progress over and over; the file always reads as whole."""
    ProgressStore("Ada", home).record_try("a", passed=False)
    code = (
        "import sys; from pathlib import Path; from tutor.progress import ProgressStore\n"
        "s = ProgressStore('Ada', Path(sys.argv[1]))\n"
        "print('ready', flush=True)\n"
        "while True: s.record_try('a', passed=False)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(home)], stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == b"ready"
        import time

        time.sleep(0.3)
    finally:
        proc.kill()
        proc.wait()
    store = ProgressStore("Ada", home)
    assert store.problem is None
    assert store.get("a").tries >= 1
    # A temporary file the kill may have left behind does not disturb anything.
    store.record_try("a", passed=True)
    assert ProgressStore("Ada", home).get("a").solved


def test_bad_profile_names_never_reach_the_disk(home):
    with pytest.raises(ValueError):
        ProgressStore("../../etc", home)
    with pytest.raises(ValueError):
        ProgressStore("", home)


def test_a_damaged_progress_file_is_told_to_every_later_reader_until_acknowledged(tmp_path):
    from tutor.progress import ProgressStore
    from tutor.progress.profiles import create_profile
    from tutor.progress.report import build_report

    home = tmp_path / "home"
    create_profile("Ada", home)
    store = ProgressStore("Ada", home)
    store.record_try("ex-1", True)
    store.path.write_text("{broken", encoding="utf-8")
    first = ProgressStore("Ada", home)
    assert first.problem and "damaged" in first.problem
    later = ProgressStore("Ada", home)  # a later command: the file is fresh now, the note stays
    assert later.problem and "damaged" in later.problem
    assert any("damaged" in p for p in build_report("Ada", home=home).problems)
    assert later.acknowledge_problems() == 1
    assert ProgressStore("Ada", home).problem is None
    assert not build_report("Ada", home=home).problems


def test_a_work_file_that_is_not_utf8_keeps_its_bytes(tmp_path):
    from tutor.progress import load_work, work_path
    from tutor.progress.profiles import create_profile

    home = tmp_path / "home"
    create_profile("Ada", home)
    path = work_path("Ada", "ex-1", home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"# caf\xe9\nprint(1)\n")
    text = load_work("Ada", "ex-1", home)
    assert "caf\ufffd" in text
    kept = list(path.parent.glob("ex-1.py.not-utf8-*"))
    assert kept and kept[0].read_bytes() == b"# caf\xe9\nprint(1)\n"
