"""The main flows, driven like a child would drive them (keys and clicks), at 80x24."""

from __future__ import annotations


from textual.widgets import Button, Input, OptionList, TextArea
from ui_helpers import in_loop, open_exercise, run_and_wait, set_code, shown, wait_for

from tutor.progress.profiles import list_profiles, last_profile
from tutor.progress.store import ProgressStore
from tutor.progress.work import history, load_work
from tutor.ui.picker import PickerScreen
from tutor.ui.profiles import ProfileScreen
from tutor.ui.widgets import CluePanel, OutputView
from tutor.ui.workbench import WorkbenchScreen


@in_loop
async def test_new_child_types_a_name_and_gets_the_picker(make_app, home):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press(*"Mia", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
        assert "Hi Mia!" in shown(app.screen.query_one("#picker-title"))
        await wait_for(pilot, lambda: last_profile(home) == "Mia")
    assert list_profiles(home) == ["Mia"]


@in_loop
async def test_known_child_picks_their_name(make_app, home):
    from tutor.progress.profiles import create_profile

    create_profile("Ada", home)
    create_profile("Zed", home)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        names = app.screen.query_one("#profile-list", OptionList)
        assert [names.get_option_at_index(i).id for i in range(names.option_count)] == ["Ada", "Zed"]
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await wait_for(pilot, lambda: last_profile(home) == "Zed")


@in_loop
async def test_a_new_child_typing_with_names_shown_gets_their_own_profile(make_app, home):
    from tutor.progress.profiles import create_profile

    create_profile("Zoe", home)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        assert app.focused is app.screen.query_one("#profile-list", OptionList)
        await pilot.press(*"Leo", "enter")  # typed straight away, without moving to the box
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert "Hi Leo!" in shown(app.screen.query_one("#picker-title"))
    assert sorted(list_profiles(home)) == ["Leo", "Zoe"]


@in_loop
async def test_picker_shows_levels_ticks_and_stars(make_app, home):
    store = ProgressStore("Sam", home=home)
    store.record_try("ui-say-hello", True)  # solved, no clues: tick and star
    store.record_clue("ui-add-two", 1)
    store.record_try("ui-add-two", True)  # solved with a clue: tick only
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
        await pilot.pause()
        options = app.screen.query_one("#exercise-list", OptionList)
        prompts = {options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)}
    assert prompts["level:1"] == "Level 1 · First steps"
    assert prompts["level:2"] == "Level 2 · Loops"
    assert "✓" in prompts["ex:ui-say-hello"] and "★" in prompts["ex:ui-say-hello"]
    assert "✓" in prompts["ex:ui-add-two"] and "★" not in prompts["ex:ui-add-two"]
    assert "✓" not in prompts["ex:ui-count"]
    # The highlight waits on the first exercise not solved yet.
    assert options.highlighted_option.id == "ex:ui-count"


@in_loop
async def test_run_see_clue_reveal_more_then_solve(make_app, home):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        editor = screen.query_one("#editor", TextArea)
        assert 'nmae' in editor.text
        await run_and_wait(pilot)
        output = screen.query_one("#output", OutputView)
        # Kind words first: no raw report from Python in the output, the first clue at once,
        # and the line to look at marked in the editor.
        assert "NameError" not in output.plain and "Traceback" not in output.plain
        assert "line 2" in output.plain
        panel = screen.query_one("#clues", CluePanel)
        assert panel.feedback is not None and not panel.feedback.passed
        assert panel.feedback.outcome == "error"
        assert panel.revealed == 1
        assert screen.query_one("#editor").marked_line == panel.feedback.line == 2
        levels = panel.feedback.levels
        assert len(levels) >= 2
        # Python's own words are one key away, trimmed to the child's file (its name only).
        from tutor.ui.dialogs import PythonWordsScreen

        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, PythonWordsScreen))
        words = shown(app.screen.query_one("#words-text"))
        assert "NameError" in words and 'File "ui-say-hello.py", line 2' in words
        assert str(home) not in words and "^^^^" not in words and "tutor" not in words.replace("ui-say", "")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # The first clue came by itself; the next ones one step at a time.
        from tutor.ui.widgets import clue_text

        assert clue_text(levels[0]).plain in shown(panel.query_one("#clue-levels"))
        assert "`" not in shown(panel.query_one("#clue-levels"))  # code shown as code, no backticks
        assert clue_text(levels[1]).plain not in shown(panel.query_one("#clue-levels"))
        # By mouse too.
        await pilot.click("#clue-more")
        assert panel.revealed == 2
        while panel.can_reveal:
            await pilot.press("ctrl+g")
        # The last step shows the tiny change, before and after.
        fix = panel.query_one("#clue-fix")
        assert fix.display
        change = shown(fix)
        assert "nmae" in change and 'print("Hello, " + name + "!")' in change
        assert ProgressStore("Sam", home=home).get("ui-say-hello").clues_used == len(levels)
        # Make the one small change and run again: every check passes, celebration.
        set_code(screen, editor.text.replace("nmae", "name"))
        await run_and_wait(pilot)
        from tutor.ui.dialogs import CelebrationScreen

        await wait_for(pilot, lambda: isinstance(app.screen, CelebrationScreen))
        await pilot.press("l")  # back to the list
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
    progress = ProgressStore("Sam", home=home).get("ui-say-hello")
    assert progress.solved and progress.tries == 2 and not progress.fixed_alone
    # The session log has what the parents' report needs, in the agreed shape.
    from tutor.progress.log import SessionLog

    events = SessionLog("Sam", home=home).events()
    kinds = [e["kind"] for e in events]
    assert kinds.count("run") == 2 and kinds.count("check") == 2 and kinds.count("solved") == 1
    assert kinds.count("clue") == len(levels) - 1  # the first clue came by itself, unasked
    first_run = next(e for e in events if e["kind"] == "run")
    assert first_run["exercise_id"] == "ui-say-hello" and first_run["error_type"] == "NameError"
    assert first_run["line"] == 2 and first_run["outcome"] == "error"
    first_check = next(e for e in events if e["kind"] == "check")
    assert first_check["passed"] is False and first_check["hint_diagnoser"]
    clue = next(e for e in events if e["kind"] == "clue")
    assert clue["level"] == 2 and clue["diagnoser"] == first_check["hint_diagnoser"]
    solved = next(e for e in events if e["kind"] == "solved")
    assert solved["tries"] == 2 and solved["clues_used"] == len(levels)


@in_loop
async def test_wrong_output_shows_expected_and_actual_side_by_side(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-add-two")
        await pilot.press("f5")
        await wait_for(pilot, lambda: not screen.query_one("#answer", Input).disabled)
        await pilot.press("1", "enter")
        await wait_for(pilot, lambda: "Second number?" in screen.query_one("#output", OutputView).plain)
        await wait_for(pilot, lambda: not screen.query_one("#answer", Input).disabled)
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: not screen.running and not screen.checking)
        await pilot.pause()
        assert "Total: 12" in screen.query_one("#output", OutputView).plain
        panel = screen.query_one("#clues", CluePanel)
        assert panel.feedback.outcome == "wrong-output"
        compare = panel.query_one("#clue-compare")
        assert compare.display
        text = shown(compare)
        assert "Should print" in text and "Yours printed" in text
        assert "Total:·3" in text and "Total:·12" in text
        assert "Check the instructions" in text


@in_loop
async def test_answers_to_input_prompts_appear_in_place(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-add-two")
        set_code(screen, 'name = input("Your name? ")\nprint("Hi", name)\n')
        await pilot.press("f5")
        answer = screen.query_one("#answer", Input)
        await wait_for(pilot, lambda: not answer.disabled)
        assert answer.has_focus
        await pilot.press(*"Lea", "enter")
        await wait_for(pilot, lambda: not screen.running)
        assert screen.query_one("#output", OutputView).plain.startswith("▶ Running your program…\nYour name? Lea\nHi Lea\n")
        assert answer.disabled


@in_loop
async def test_stop_an_endless_program(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-count")
        set_code(screen, "n = 0\nwhile True:\n    n = n + 1\n")
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.program is not None and screen.running)
        assert not screen.query_one("#stop", Button).disabled
        await pilot.pause(0.3)
        await pilot.click("#stop")
        await wait_for(pilot, lambda: not screen.running, timeout=10)
        assert "You stopped your program." in screen.query_one("#output", OutputView).plain
        assert screen.query_one("#stop", Button).disabled
        await wait_for(pilot, lambda: not screen.checking)


@in_loop
async def test_autosave_while_typing_and_restore_on_reopen(make_app, home, monkeypatch):
    import tutor.ui.workbench as workbench

    monkeypatch.setattr(workbench, "AUTOSAVE_DELAY", 0.2)
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await pilot.press("end", *"  # mine")
        await wait_for(pilot, lambda: "# mine" in (load_work("Sam", "ui-say-hello", home) or ""))
        await wait_for(pilot, lambda: "saved" in shown(screen.query_one("#wb-saved")))
    # A new app (as after a restart): the code comes back.
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        assert "# mine" in screen.query_one("#editor", TextArea).text


@in_loop
async def test_quit_saves_what_was_just_typed(make_app, home):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exercise(pilot, "ui-say-hello")
        await pilot.press("end", *"# last")
        await pilot.press("ctrl+q")
    assert "# last" in load_work("Sam", "ui-say-hello", home)


@in_loop
async def test_running_saves_the_code(make_app, home):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        set_code(screen, 'print("Hello, Sam!")\n')
        await run_and_wait(pilot)
        assert load_work("Sam", "ui-say-hello", home) == 'print("Hello, Sam!")\n'


@in_loop
async def test_start_again_keeps_the_old_version(make_app, home):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        editor = screen.query_one("#editor", TextArea)
        starter = editor.text
        set_code(screen, "print('my own try')\n")
        await pilot.click("#start-again")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: editor.text == starter)
        assert load_work("Sam", "ui-say-hello", home) == starter
        kept = history("Sam", "ui-say-hello", home)
        assert kept and kept[-1].read_text() == "print('my own try')\n"
        # Ctrl+Z brings it back too.
        editor.focus()
        await pilot.press("ctrl+z")
        assert editor.text == "print('my own try')\n"
        # And after more changes, the kept version can be chosen from the list.
        set_code(screen, "print('second try')\n")
        await pilot.click("#start-again")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: editor.text == starter)
        await pilot.click("#start-again")
        await pilot.click("#earlier")
        from tutor.ui.dialogs import VersionsScreen

        await wait_for(pilot, lambda: isinstance(app.screen, VersionsScreen))
        assert "second try" in shown(app.screen.query_one("#versions-code"))  # newest first
        await pilot.press("down")
        assert "my own try" in shown(app.screen.query_one("#versions-code"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: editor.text == "print('my own try')\n")
        assert load_work("Sam", "ui-say-hello", home) == "print('my own try')\n"


@in_loop
async def test_start_again_clears_the_old_runs_clues(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        panel = screen.query_one("#clues", CluePanel)
        assert panel.feedback is not None and panel.revealed == 1
        await pilot.click("#start-again")
        await pilot.click("#confirm-yes")
        await wait_for(pilot, lambda: panel.feedback is None)
        assert "Run your program (F5)" in shown(screen.query_one("#clue-status"))
        assert not screen.query_one("#clue-levels").display
        assert not screen.query_one("#clue-more").display


@in_loop
async def test_open_my_own_program(make_app, tmp_path):
    program = tmp_path / "mine" / "game.py"
    program.parent.mkdir()
    program.write_text("score = 0\nprint(scroe)\n", encoding="utf-8")
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("o")
        path_box = app.screen.query_one("#open-path", Input)
        path_box.value = "   "
        path_box.focus()
        await pilot.press("enter")
        assert "Type where your .py file is" in shown(app.screen.query_one("#open-message"))
        path_box.value = str(tmp_path / "mine" / "nothing.py")
        path_box.focus()
        await pilot.press("enter")
        assert "no file called nothing.py" in shown(app.screen.query_one("#open-message"))
        path_box.value = str(program)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        assert screen.query_one("#editor", TextArea).text == "score = 0\nprint(scroe)\n"
        await run_and_wait(pilot)
        panel = screen.query_one("#clues", CluePanel)
        assert panel.feedback.outcome == "error"
        assert panel.feedback.levels
        # Fixing it saves into the file itself.
        set_code(screen, "score = 0\nprint(score)\n")
        await run_and_wait(pilot)
        assert panel.feedback.passed
    assert program.read_text(encoding="utf-8") == "score = 0\nprint(score)\n"


@in_loop
async def test_open_path_from_the_factory(make_app, tmp_path):
    program = tmp_path / "hello.py"
    program.write_text("print('hi')\n", encoding="utf-8")
    app = make_app(open_path=program)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        await run_and_wait(pilot)
        assert "hi\n" in app.screen.query_one("#output", OutputView).plain
        await pilot.press("escape", "escape")  # Escape leaves the editor, and never the workbench
        assert isinstance(app.screen, WorkbenchScreen)
        await pilot.press("ctrl+b")  # Back has its own key
        await wait_for(pilot, lambda: not isinstance(app.screen, WorkbenchScreen))


@in_loop
async def test_help_screen_lists_keys_and_habits(make_app):
    from tutor.ui.help import HelpScreen

    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        source = shown(app.screen.query_one("#help-text"))
        for words in ("F5", "Ctrl+S", "Ctrl+Q", "Check the instructions", "Say it out loud"):
            assert words in source
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))


@in_loop
async def test_duck_after_several_tries_on_the_same_problem(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        duck = screen.query_one("#clue-duck")
        editor = screen.query_one("#editor", TextArea)
        for n in range(2):
            set_code(screen, editor.text + f"# try {n}\n")  # a small change each time: a new try
            await run_and_wait(pilot)
            assert not duck.display
        set_code(screen, editor.text + "# try 3\n")
        await run_and_wait(pilot)
        assert duck.display
        assert "3 tries" in shown(screen.query_one("#clue-cheer"))


@in_loop
async def test_a_long_run_shows_the_stop_advice_in_the_clues(make_app, monkeypatch):
    from textual.widgets import TabbedContent

    import tutor.ui.workbench as workbench

    monkeypatch.setattr(workbench, "SLOW_NOTE_AFTER", 0.3)
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-count")
        tabs = screen.query_one("#wb-side", TabbedContent)
        assert tabs.active == "tab-task"
        set_code(screen, "n = 0\nwhile True:\n    n = n + 1\n")
        await pilot.press("f5")
        await wait_for(pilot, lambda: tabs.active == "tab-clues", timeout=10)
        assert "press Stop (F6 or Ctrl+C)" in shown(screen.query_one("#clue-status"))
        await pilot.press("f6")
        await wait_for(pilot, lambda: not screen.running, timeout=10)
        await wait_for(pilot, lambda: not screen.checking)


@in_loop
async def test_a_file_that_cannot_be_opened_is_never_touched(make_app, tmp_path):
    program = tmp_path / "latin.py"
    program.write_bytes(b'print("caf\xe9")\n')  # not UTF-8
    app = make_app(open_path=program)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        assert screen.open_problem is not None
        await pilot.press("ctrl+d", "ctrl+s", "f5")
        await pilot.pause()
        assert app.screen is screen  # no duck on an empty program
        assert "UTF-8" in "\n".join(str(n.message) for n in app._notifications)
        await pilot.press("escape", "escape")
        await pilot.pause()
    assert program.read_bytes() == b'print("caf\xe9")\n'


@in_loop
async def test_enter_keeps_the_indentation_and_indents_after_a_colon(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        editor = screen.query_one("#editor", TextArea)
        set_code(screen, "")
        editor.focus()
        await pilot.press(*"for n in range(3):", "enter", *"print(n)", "enter", *"n = 1")
        assert editor.text == "for n in range(3):\n    print(n)\n    n = 1"
        await pilot.press("ctrl+z")  # undo still works, step by step
        assert editor.text.startswith("for n in range(3):\n    print(n)")
