"""The parents' settings: saved safely, the code only as a salted hash, damaged files set aside,
and the limits applied to the clue ladder."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tutor.progress import settings as ps
from tutor.progress.settings import (
    DEFAULTS,
    CodeError,
    Settings,
    allowed_levels,
    limit_hint_json,
    load_settings,
    save_settings,
    set_parent_code,
    update_settings,
    verify_code,
)

LADDER = ["nudge", "where and why", "the exact change"]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_defaults_when_there_is_no_file(home):
    s = load_settings(home)
    assert s == DEFAULTS
    assert (s.max_clue_levels, s.show_exact_change, s.allow_solutions, s.has_code) == (None, True, False, False)
    assert s.problem is None
    assert not (home / ps.FILE_NAME).exists()  # reading never writes


def test_round_trip_and_no_temporary_files_left(home):
    update_settings(home, max_clue_levels=2, show_exact_change=False, allow_solutions=True)
    s = load_settings(home)
    assert (s.max_clue_levels, s.show_exact_change, s.allow_solutions) == (2, False, True)
    assert sorted(p.name for p in home.iterdir()) == [ps.FILE_NAME]


def test_home_comes_from_tutor_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "elsewhere"))
    update_settings(max_clue_levels=1)
    assert (tmp_path / "elsewhere" / ps.FILE_NAME).is_file()
    assert load_settings().max_clue_levels == 1


def test_bad_values_are_refused(home):
    for bad in (0, 11, -1, True, "2", 2.5):
        with pytest.raises(ValueError):
            update_settings(home, max_clue_levels=bad)
    with pytest.raises(TypeError):
        update_settings(home, code="1234")


@pytest.mark.parametrize("content", [b"{ not json", b"\xff\xfe garbage", b'"just text"', b"[1, 2]"])
def test_a_damaged_file_is_set_aside_and_defaults_used(home, content):
    (home / ps.FILE_NAME).write_bytes(content)
    s = load_settings(home)
    assert s == DEFAULTS and not s.has_code
    assert s.problem and "parent code" in s.problem
    kept = [p for p in home.iterdir() if p.name.startswith(ps.FILE_NAME + ".corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert not (home / ps.FILE_NAME).exists()


def test_wrongly_typed_fields_fall_back_one_by_one(home):
    (home / ps.FILE_NAME).write_text(json.dumps(
        {"max_clue_levels": "lots", "show_exact_change": False, "allow_solutions": "yes", "code": {"x": 1}}))
    s = load_settings(home)
    assert (s.max_clue_levels, s.show_exact_change, s.allow_solutions, s.has_code) == (None, False, False, False)
    assert "max_clue_levels" in s.problem and "allow_solutions" in s.problem and "code" in s.problem


def test_the_code_is_stored_only_as_a_salted_hash(home):
    set_parent_code("tiger-42", home)
    raw = (home / ps.FILE_NAME).read_text()
    assert "tiger-42" not in raw
    record = json.loads(raw)["code"]
    assert record["algorithm"] in ("scrypt", "pbkdf2-sha256")
    assert len(bytes.fromhex(record["salt"])) == 16
    # the same code twice gives different hashes (a new salt each time)
    first = record["hash"]
    set_parent_code("tiger-42", home, old_code="tiger-42")
    assert json.loads((home / ps.FILE_NAME).read_text())["code"]["hash"] != first


def test_verifying_the_code(home):
    assert not verify_code("1234", home=home)  # no code yet
    set_parent_code("  2468 ", home)  # spaces around it are forgiven
    s = load_settings(home)
    assert s.has_code
    assert verify_code("2468", s) and verify_code("2468 ", s)
    assert not verify_code("2469", s) and not verify_code("", s) and not verify_code(None, s)  # type: ignore[arg-type]


def test_the_code_survives_changing_the_settings(home):
    set_parent_code("2468", home)
    update_settings(home, max_clue_levels=1)
    assert verify_code("2468", home=home)
    assert load_settings(home).to_json()["has_parent_code"] is True
    assert "hash" not in json.dumps(load_settings(home).to_json())


def test_changing_the_code_needs_the_old_one(home):
    set_parent_code("2468", home)
    with pytest.raises(CodeError):
        set_parent_code("1357", home)
    with pytest.raises(CodeError):
        set_parent_code("1357", home, old_code="wrong")
    set_parent_code("1357", home, old_code="2468")
    assert verify_code("1357", home=home) and not verify_code("2468", home=home)


@pytest.mark.parametrize("code", ["", "123", "   12  ", "x" * 65])
def test_code_rules(home, code):
    with pytest.raises(CodeError):
        set_parent_code(code, home)


def test_pbkdf2_when_there_is_no_scrypt(home, monkeypatch):
    monkeypatch.delattr(hashlib, "scrypt", raising=False)
    set_parent_code("2468", home)
    record = json.loads((home / ps.FILE_NAME).read_text())["code"]
    assert record["algorithm"] == "pbkdf2-sha256"
    assert verify_code("2468", home=home) and not verify_code("2467", home=home)


def test_a_tampered_hash_never_unlocks(home):
    """The code's record in the settings file is not the one that counts once a code is set (the
    lock file keeps it): changing it unlocks nothing and makes the settings strict."""
    set_parent_code("2468", home)
    data = json.loads((home / ps.FILE_NAME).read_text())
    data["code"]["hash"] = "00" * 32
    (home / ps.FILE_NAME).write_text(json.dumps(data))
    assert verify_code("2468", home=home) and not verify_code("0000", home=home)
    assert load_settings(home) == ps.STRICT and load_settings(home).problem
    data["code"]["n"] = 3  # not a power of two: not a valid record
    (home / ps.FILE_NAME).write_text(json.dumps(data))
    assert load_settings(home).has_code and load_settings(home) == ps.STRICT
    # With no lock file either, a record that is not valid is no code at all.
    (home / ps.LOCK_FILE_NAME).unlink()
    assert not load_settings(home).has_code


# -- the ladder ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "max_levels, exact, expected",
    [
        (None, True, LADDER),
        (None, False, LADDER[:2]),
        (1, True, LADDER[:1]),
        (2, True, LADDER[:2]),
        (2, False, LADDER[:2]),
        (3, False, LADDER[:2]),
        (10, True, LADDER),
    ],
)
def test_allowed_levels(max_levels, exact, expected):
    assert allowed_levels(LADDER, Settings(max_levels, exact, False)) == expected


def test_allowed_levels_keeps_at_least_one():
    assert allowed_levels(["only one"], Settings(None, False, False)) == ["only one"]
    assert allowed_levels([], Settings(1, False, False)) == []


def test_allowed_levels_reads_the_home_settings_by_default(monkeypatch, tmp_path):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "h"))
    assert allowed_levels(LADDER) == LADDER
    update_settings(show_exact_change=False)
    assert allowed_levels(LADDER) == LADDER[:2]


def test_limit_hint_json():
    hint = {"diagnoser": "name-typo", "line": 2, "title": "t", "levels": list(LADDER),
            "fix": {"start_line": 2, "end_line": 2, "replacement": "x\n"}, "verified": True}
    assert limit_hint_json(hint, Settings()) == hint
    limited = limit_hint_json(hint, Settings(None, False, False))
    assert limited["levels"] == LADDER[:2] and limited["fix"] is None and limited["limited"] is True
    assert hint["levels"] == LADDER  # the original is not changed
    assert limit_hint_json(None, Settings()) is None


def test_describe_in_a_parents_words():
    assert Settings(1, False, False).describe() == [
        "Clues: only the first, gentlest clue can be opened.",
        "The last clue, which says the exact change, is hidden.",
        "Solutions are never revealed.",
    ]


def test_save_settings_keeps_the_code(home):
    set_parent_code("2468", home)
    s = load_settings(home)
    save_settings(Settings(2, True, True, code=s.code), home)
    assert verify_code("2468", home=home)


def test_limit_hint_on_a_real_hint():
    from tutor.explain.hint import Fix, Hint

    fix = Fix.replace_line(2, "print(name)")
    hint = Hint("name-typo", 2, "nudge", list(LADDER), fix=fix, candidates=[fix], verified=True)
    assert ps.limit_hint(hint, Settings()) is hint
    limited = ps.limit_hint(hint, Settings(2, True, False))
    assert limited.levels == LADDER[:2] and limited.fix is None and limited.candidates == []
    assert limited.diagnoser == "name-typo" and limited.line == 2
    assert hint.levels == LADDER and hint.fix is fix  # the original is untouched
    assert limited.to_json()["levels"] == LADDER[:2] and limited.to_json()["fix"] is None
    assert ps.limit_hint(None, Settings(1, False, False)) is None
