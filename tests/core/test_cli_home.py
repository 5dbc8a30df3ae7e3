"""A TUTOR_HOME that cannot be used is a one-line message with exit status 2, never a traceback."""

from __future__ import annotations

import pytest

from tutor.cli import main


@pytest.mark.parametrize("argv", [["exercises"], ["report", "--profile", "Ada"],
                                  ["check", "pizza-party", "x.py"], ["exercises", "--json"]])
def test_a_file_as_tutor_home_is_a_usage_problem(tmp_path, monkeypatch, capsys, argv):
    not_a_folder = tmp_path / "home.txt"
    not_a_folder.write_text("oops\n")
    monkeypatch.setenv("TUTOR_HOME", str(not_a_folder))
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "TUTOR_HOME" in lines[0] and "a file" in lines[0]
    assert not_a_folder.read_text() == "oops\n"  # nothing lost


def test_a_tutor_home_inside_a_file_is_a_usage_problem(tmp_path, monkeypatch, capsys):
    not_a_folder = tmp_path / "home.txt"
    not_a_folder.write_text("oops\n")
    monkeypatch.setenv("TUTOR_HOME", str(not_a_folder / "sub"))
    assert main(["exercises"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "cannot make the folder" in err


def test_a_new_tutor_home_is_made(tmp_path, monkeypatch, capsys):
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    assert main(["exercises", "--json"]) == 0
    assert home.is_dir()
