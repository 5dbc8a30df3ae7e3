"""Issue 13: kind words first, Stop and Ctrl+C, one numbering, clickable lines, the editor's keys."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea
from ui_helpers import in_loop, open_exercise, run_and_wait, set_code, shown, wait_for

from tutor.ui.python_words import trim_traceback
from tutor.ui.widgets import CluePanel, OutputView, clue_text, link_lines
from tutor.ui.workbench import WorkbenchScreen


# -- Python's own words, trimmed ------------------------------------------------------------------
def test_python_words_keep_only_the_childs_file_by_name():
    own = Path("/home/kid/.local/share/tutor/work/Sam/game.py")
    stderr = (
        "Traceback (most recent call last):\n"
        f'  File "{own}", line 3, in <module>\n'
        "    main()\n"
        f'  File "{own}", line 2, in main\n'
        "    x = [1] * big\n"
        "        ~~~~^~~~~\n"
        '  File "/usr/lib/python3.12/random.py", line 10, in choice\n'
        "    return seq[self._randbelow(len(seq))]\n"
        "               ^^^^^^^^^^^^^^^^^^^^^^^^\n"
        '  File "/work/tutor/run/_tutor_boot.py", line 99, in _limit\n'
        "    raise PermissionError('no')\n"
        "MemoryError\n"
    )
    words = trim_traceback(stderr, own)
    assert 'File "game.py", line 3' in words and 'File "game.py", line 2' in words
    assert "/home/kid" not in words and "random.py" not in words and "_tutor_boot" not in words
    assert "seq[self" not in words and "raise PermissionError" not in words
    assert "^" not in words and "~" not in words
    assert words.splitlines()[-1] == "MemoryError"


def test_python_words_keep_the_syntax_pointer():
    own = Path("/data/s.py")
    words = trim_traceback(f'  File "{own}", line 1\n    if True\n           ^\nSyntaxError: expected \':\'\n', own)
    assert words.splitlines() == ['  File "s.py", line 1', "    if True", "           ^", "SyntaxError: expected ':'"]


def test_clue_text_shows_code_without_backticks_or_dots():
    text = clue_text("Line 4: put `print(·x)` back")
    assert "`" not in text.plain and "·" not in text.plain and "print( x)" in text.plain


def test_program_lines_are_clickable_output_lines_are_not():
    text = link_lines("Line 4: look here. Line 2 of what it printed is different.")
    clicks = [span for span in text.spans if "@click" in getattr(span.style, "meta", {})]
    assert len(clicks) == 1 and text.plain[clicks[0].start:clicks[0].end] == "Line 4"
    assert clicks[0].style.meta["@click"] == "screen.goto_line(4)"


# -- kind words for limits --------------------------------------------------------------------------
@in_loop
async def test_memory_limit_gets_one_kind_sentence_not_a_report(make_app, tmp_path):
    program = tmp_path / "big.py"
    program.write_text("x = [1]\nwhile True:\n    x = x * 2\n", encoding="utf-8")
    app = make_app(open_path=program)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        await run_and_wait(pilot)
        output = screen.query_one("#output", OutputView).plain
        assert "too much memory" in output
        assert "Traceback" not in output and "MemoryError" not in output and str(tmp_path) not in output
        assert "F7" in output  # Python's words are one key away
        assert "MemoryError" in screen.python_said


# -- Stop, Ctrl+C, a sign of life ---------------------------------------------------------------------
LOOP = "count = 0\ntotal = 0\nwhile count < 5:\n    total = total + 1\nprint(total)\n"


@in_loop
async def test_ctrl_c_stops_and_gives_the_loop_clue_with_a_sign_of_life(make_app, tmp_path):
    program = tmp_path / "loop.py"
    program.write_text(LOOP, encoding="utf-8")
    app = make_app(open_path=program)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        before = screen.finished
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.running and screen.program is not None)
        await pilot.pause(1.2)
        output = screen.query_one("#output", OutputView)
        assert "running" in str(output.border_title) and "s ·" in str(output.border_title)  # sign of life
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: screen.finished > before)
        await pilot.pause()
        assert app.screen is screen and app.return_code is None  # Ctrl+C did not quit
        assert "ctrl+q" not in " ".join(str(n.message) for n in app._notifications).lower()
        panel = screen.query_one("#clues", CluePanel)
        # The same never-ending-loop clue as the time limit: about the loop, not "line 1".
        assert panel.feedback.diagnoser == "loop-never-ends"
        assert "You stopped your program" in shown(screen.query_one("#clue-status"))
        assert "line 3" in panel.feedback.levels[0].lower()  # the loop's own line, where the child looks
        assert "count" in " ".join(panel.feedback.levels[:2])
        assert str(output.border_title) == "Output"


@in_loop
async def test_ctrl_c_copies_when_nothing_runs(make_app, tmp_path):
    program = tmp_path / "a.py"
    program.write_text("print(1)\n", encoding="utf-8")
    app = make_app(open_path=program)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        assert not app.screen.check_action("stop", ())


# -- one numbering ------------------------------------------------------------------------------------
@in_loop
async def test_check_results_say_where_they_come_from(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercise(pilot, "ui-add-two")
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.query_one("#answer").has_class("-waiting"))
        await pilot.press("4", "enter")
        await wait_for(pilot, lambda: screen.query_one("#answer").has_class("-waiting"))
        before = screen.finished
        await pilot.press("5", "enter")
        await wait_for(pilot, lambda: screen.finished > before)
        await pilot.pause()
        status = shown(screen.query_one("#clue-status"))
        assert "With the exercise's own answers typed in (1, 2)" in status
        assert "Your own run is in the Output" in status
        compare = shown(screen.query_one("#clue-compare"))
        assert "of what it printed" in compare and "letter" not in compare


@in_loop
async def test_clicking_a_line_in_a_clue_jumps_there(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        editor = screen.query_one("#editor", TextArea)
        editor.move_cursor((0, 0))
        editor.marked_line = None
        levels = screen.query_one("#clue-levels")
        words = shown(levels).splitlines()[0]
        assert "line 2" in words.lower()
        await pilot.click(levels, offset=(words.lower().index("line 2") + 2, 0))
        await pilot.pause()
        assert editor.cursor_location == (1, 0) and editor.marked_line == 2 and editor.has_focus


# -- the editor's keys --------------------------------------------------------------------------------
@in_loop
async def test_shift_tab_unindents_and_long_lines_show_a_marker(make_app, tmp_path):
    program = tmp_path / "a.py"
    program.write_text("if True:\n        print(1)\nx = '" + "a" * 120 + "'\n", encoding="utf-8")
    app = make_app(open_path=program)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        editor = app.screen.query_one("#editor", TextArea)
        editor.focus()
        editor.move_cursor((1, 8))
        await pilot.press("shift+tab")
        assert editor.document.get_line(1) == "    print(1)"
        assert editor.has_focus  # still typing in the editor
        await pilot.press("z")
        assert editor.document.get_line(1) == "    zprint(1)"
        width = editor.scrollable_content_region.width  # what the window shows
        assert editor.render_line(2).crop(0, width).text.endswith("›")
        assert "›" not in editor.render_line(0).crop(0, width).text


# -- a blank page -------------------------------------------------------------------------------------
@in_loop
async def test_make_my_own_program_from_the_picker(make_app, home):
    from textual.widgets import Input, OptionList

    from tutor.ui.dialogs import NewProgramScreen, OpenFileScreen
    from tutor.ui.picker import PickerScreen

    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NewProgramScreen))
        await pilot.press(*"my game!", "enter")
        assert "letters and numbers" in shown(app.screen.query_one("#new-message"))
        app.screen.query_one("#new-name", Input).value = "my game"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        path = screen.file_path
        assert path.name == "my_game.py" and path.parent == app.programs_folder()
        assert home in path.parents and path.parent.parent.name.lower() == "sam"
        # Run, clues: all working on the blank page.
        set_code(screen, "score = 0\nprint(scroe)\n")
        await run_and_wait(pilot)
        panel = screen.query_one("#clues", CluePanel)
        assert panel.feedback.outcome == "error" and panel.revealed == 1 and panel.feedback.line == 2
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert path.read_text(encoding="utf-8") == "score = 0\nprint(scroe)\n"  # saved
        # Listed with the child's other programs, and opens again from there.
        options = app.screen.query_one("#exercise-list", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "own:my_game.py" in ids
        options.highlighted = ids.index("own:my_game.py")
        options.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        assert app.screen.file_path == path
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        # The same name again: said, nothing written over.
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NewProgramScreen))
        await pilot.press(*"My Game", "enter")
        assert "already have a program" in shown(app.screen.query_one("#new-message"))
        await pilot.press("escape")
        # Opening a file starts in the child's own programs folder, not where the tutor started.
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, OpenFileScreen))
        assert app.screen.start == path.parent


# -- parents' data that adds up -------------------------------------------------------------------------
@in_loop
async def test_running_the_same_code_again_is_not_a_new_try(make_app, home):
    from tutor.progress.log import SessionLog
    from tutor.progress.report import build_report
    from tutor.progress.store import ProgressStore

    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        for _ in range(3):
            await run_and_wait(pilot)
        set_code(screen, screen.query_one("#editor", TextArea).text + "\n")
        await run_and_wait(pilot)
    assert ProgressStore("Sam", home=home).get("ui-say-hello").tries == 2
    report = build_report("Sam", home)
    assert report.totals["tries"] == 2 and report.totals["runs"] == 4
    assert report.totals["errors"] == 1  # one mistake, however often it was run
    assert [e.get("changed") for e in SessionLog("Sam", home=home).events() if e["kind"] == "check"] == [
        True, False, False, True]


# -- the exercise's own clues, the parents' settings ---------------------------------------------------
@in_loop
async def test_the_exercises_own_clues_for_its_planted_bug_under_the_parents_settings(make_app, home):
    from tutor.progress.settings import Settings, save_settings

    app = make_app(profile="Sam")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        panel = screen.query_one("#clues", CluePanel)
        # The planted bug (nmae on line 2): the exercise's own gentle clue comes first.
        assert panel.feedback.levels[0] == "Look at the names on line 2."
        assert panel.feedback.authored and len(panel.feedback.levels) == 2
        # A slip of the child's own elsewhere: the explainer's clue.
        set_code(screen, 'name = "Sam"\nprint("Hello, " + name + "!")\nprnt("bye")\n')
        await run_and_wait(pilot)
        assert not panel.feedback.authored and "3" in panel.feedback.levels[0]
        # A grown-up allows one clue and hides the exact change: that holds for every source.
        save_settings(Settings(max_clue_levels=1, show_exact_change=False), home)
        for code in ('name = "Sam"\nprint("Hello, " + nmae + "!")\n', 'name = "Sam"\nprint("Hello, " + name + "!")\nprnt("bye")\n'):
            set_code(screen, code)
            await run_and_wait(pilot)
            assert len(panel.feedback.levels) == 1 and panel.feedback.fix_new is None
            assert 'print("Hello, " + name' not in panel.feedback.levels[0] and "print(" not in panel.feedback.levels[0]
            await pilot.press("ctrl+g")
            assert not screen.query_one("#clue-fix").display


# -- grown-ups from the names screen, a forgotten code ---------------------------------------------------
@in_loop
async def test_grown_ups_from_the_names_screen_and_a_forgotten_code(make_app, home):
    from textual.widgets import Input

    from tutor.progress.settings import set_parent_code
    from tutor.ui.parent import ParentScreen
    from tutor.ui.profiles import ProfileScreen

    set_parent_code("2468", home)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        name_box = app.screen.query_one("#profile-name", Input)
        assert name_box.has_focus  # nobody yet: the name box has the keys
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, ParentScreen))
        assert name_box.value == ""  # nothing typed into the child's name box
        screen = app.screen
        await pilot.pause()
        from textual.widgets import TabbedContent

        screen.query_one("#parent-tabs", TabbedContent).active = "tab-settings"
        await pilot.pause()
        box = screen.query_one("#code-input", Input)
        box.value = "1111"
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        message = shown(screen.query_one("#lock-message"))
        assert "not the parent code" in message and "parent-settings.json" in message and str(home) in message


# -- Run again while the tutor still looks for the one small thing ---------------------------------
@in_loop
async def test_run_again_stops_the_search_and_runs_at_once(make_app, tmp_path):
    """Issue 11: the search can be cancelled by the next run. The explainer here waits for the
    cancel Event the workbench hands it (as the real search checks it between trial copies)."""
    import threading

    from tutor.explain import explain_run as real_explain_run

    seen: list[threading.Event] = []

    def slow_explain_run(path, source, result, *, stdin="", cancel=None):
        seen.append(cancel)
        if len(seen) == 1:
            assert cancel is not None and cancel.wait(30), "the second F5 sets the first look's cancel"
        return real_explain_run(path, source, result, stdin=stdin, cancel=cancel)

    program = tmp_path / "oops.py"
    program.write_text("print(1 / 0)\n", encoding="utf-8")
    app = make_app(open_path=program, explain_run=slow_explain_run)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.checking and len(seen) == 1)
        assert "one small thing" in shown(screen.query_one("#clue-status"))
        await pilot.press("f5")  # the child does not wait: run again
        await wait_for(pilot, lambda: len(seen) == 2 and not screen.checking and not screen.running, timeout=30)
        assert seen[0].is_set() and seen[1] is not seen[0] and not seen[1].is_set()
        assert screen.query_one("#clues", CluePanel).feedback.line == 1
