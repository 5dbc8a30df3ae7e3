"""The app's parts that need no screen: the saver, the services, the comparison and the fix view."""

from __future__ import annotations

import threading
import time

import pytest
from ui_helpers import shown

from tutor.ui.autosave import AutoSaver
from tutor.ui.dialogs import read_program_file
from tutor.ui.services import MissingService, Services
from tutor.ui.widgets import fix_view, output_comparison
from tutor.ui.words import encouragement, outcome_headline, tries_text


class _Box:
    def __init__(self, content):
        self.content = content


def render(renderable) -> str:
    return shown(_Box(renderable))


# -- the saver ------------------------------------------------------------------------------------
def test_saver_writes_the_newest_text_and_skips_repeats():
    written: list[str] = []
    gate = threading.Event()

    def slow_writer(text: str) -> None:
        gate.wait(5)
        written.append(text)

    saver = AutoSaver()
    saver.request("k", slow_writer, "one")
    time.sleep(0.05)  # "one" is being written
    saver.request("k", slow_writer, "two")
    saver.request("k", slow_writer, "three")  # replaces "two" before it is written
    gate.set()
    assert saver.flush(5)
    assert written == ["one", "three"]
    saver.request("k", slow_writer, "three")  # already saved: nothing to do
    assert saver.flush(5)
    assert written == ["one", "three"]
    assert saver.last_saved["k"] == "three"


def test_saver_reports_a_failing_write_and_keeps_trying():
    problems: list[str] = []
    attempts: list[str] = []

    def failing(text: str) -> None:
        attempts.append(text)
        if len(attempts) == 1:
            raise OSError("disk full")

    saver = AutoSaver(on_error=lambda key, exc: problems.append(str(exc)))
    saver.request("k", failing, "code")
    assert saver.flush(5)
    assert problems == ["disk full"]
    assert "k" not in saver.last_saved
    saver.request("k", failing, "code")
    assert saver.flush(5)
    assert saver.last_saved["k"] == "code"


def test_saver_close_flushes_then_refuses():
    written: list[str] = []
    saver = AutoSaver()
    saver.request("k", written.append, "a")
    assert saver.close(5)
    saver.request("k", written.append, "b")
    assert written == ["a"]


# -- services -------------------------------------------------------------------------------------
def test_services_are_lazy_and_replaceable():
    fake = object()
    services = Services({"check_program": fake})
    assert services.check_program is fake
    from tutor.exercises import load_exercises

    assert services.load_exercises is load_exercises


def test_services_unknown_name_is_a_type_error():
    with pytest.raises(TypeError, match="check_progrm"):
        Services({"check_progrm": object()})


def test_services_missing_module_is_said_clearly(monkeypatch):
    from tutor.ui import services as module

    monkeypatch.setitem(module.DEFAULTS, "explain_run", "tutor.no_such_module:explain_run")
    services = Services()
    assert not services.has("explain_run")
    with pytest.raises(MissingService, match="no_such_module"):
        services.get("explain_run")


# -- the output comparison ------------------------------------------------------------------------
def test_comparison_side_by_side_marks_the_first_difference():
    text = render(output_comparison("Hello, Sam!\nBye\n", "Hello Sam!\nBye\n"))
    assert "Should print" in text and "Yours printed" in text
    first = next(line for line in text.splitlines() if "▶" in line)
    assert "Hello,·Sam!" in first and "Hello·Sam!" in first
    assert "Line 1 of what it printed is different." in text


def test_comparison_missing_and_extra_lines():
    assert "Line 2 of what it should print is missing." in render(output_comparison("a\nb\n", "a\n"))
    assert "Your program printed one line too many: line 2 of what it printed." in render(output_comparison("a\n", "a\nb\n"))


def test_comparison_shows_what_was_typed():
    text = render(output_comparison("3\n", "12\n", stdin="1\n2\n"))
    assert "When the answers typed are: 1, 2" in text


def test_comparison_of_long_output_shows_the_part_around_the_difference():
    expected = "".join(f"line {n}\n" for n in range(100))
    actual = expected.replace("line 50\n", "line fifty\n")
    text = render(output_comparison(expected, actual))
    assert "line·50" in text and "line·fifty" in text
    assert "line 10\n" not in text and "line 90" not in text


# -- the fix view ---------------------------------------------------------------------------------
def test_fix_view_shows_the_line_before_and_after():
    text = render(fix_view(["print(scroe)"], ["print(score)"], 4))
    assert text.splitlines()[:4] == ["Line 4 now:", "print(scroe)", "Change it to:", "print(score)"]


def test_fix_view_marks_only_the_changed_letters():
    from tutor.ui.widgets import NEW_STYLE, OLD_STYLE, _changed_parts

    old, new = _changed_parts("prnt('hi')", "print('hi')")
    marked_new = [new.plain[s.start:s.end] for s in new.spans if str(s.style) == NEW_STYLE]
    assert marked_new == ["i"]
    assert not [s for s in old.spans if str(s.style) == OLD_STYLE]


def test_fix_view_insert_and_delete():
    assert "Add before line 3:" in render(fix_view([], ["    n = n + 1"], 3))
    assert "Delete it." in render(fix_view(["    pass"], [], 5))


# -- words and files --------------------------------------------------------------------------------
def test_words():
    assert tries_text(0) == "No tries yet" and tries_text(1) == "1 try" and tries_text(3) == "3 tries"
    assert encouragement(1) == "Every error is a clue."
    assert encouragement(2) != encouragement(1)
    assert outcome_headline("killed", "stopped") == "You stopped your program."
    assert "kept going" in outcome_headline("timeout")


def test_read_program_file(tmp_path):
    good = tmp_path / "good.py"
    good.write_text("print(1)\n", encoding="utf-8")
    assert read_program_file(good) == ("print(1)\n", None)
    assert "no file called" in read_program_file(tmp_path / "none.py")[1]
    assert "is a folder" in read_program_file(tmp_path)[1]
    notes = tmp_path / "notes.txt"
    notes.write_text("hi")
    assert "not a Python program" in read_program_file(notes)[1]
    binary = tmp_path / "b.py"
    binary.write_bytes(b"\0\1\2")
    assert "not a text file" in read_program_file(binary)[1]
    latin = tmp_path / "l.py"
    latin.write_bytes("print('é')".encode("latin-1"))
    assert "UTF-8" in read_program_file(latin)[1]


# -- the output view --------------------------------------------------------------------------------
def test_output_keeps_the_newest_lines_of_a_long_run():
    from tutor.ui.widgets import OutputView

    view = OutputView()
    view.MAX_CHARS = 1000
    view.note("▶ Running your program…")
    for n in range(300):  # one long stream of output: a single piece
        view.add("stdout", f"line {n}\n")
    view.note("✗ Your program printed too much, so it was stopped.")
    plain = view.plain
    assert len(plain) <= 1000
    assert "line 299\n" in plain
    assert plain.endswith("stopped.\n")
    assert plain.startswith("line ")  # cut at the start of a line, not mid-line
    assert view.trimmed  # the view says that the start is not shown
