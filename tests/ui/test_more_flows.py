"""More of the app: next exercise, problems said kindly, parents' limits, the duck, the layout."""

from __future__ import annotations

import json

from textual.widgets import Button, TextArea
from ui_helpers import in_loop, open_exercise, run_and_wait, set_code, shown, wait_for

from tutor.progress.settings import update_settings
from tutor.progress.store import ProgressStore
from tutor.ui.dialogs import CelebrationScreen, SolutionScreen
from tutor.ui.picker import PickerScreen
from tutor.ui.widgets import CluePanel, OutputView
from tutor.ui.workbench import WorkbenchScreen


def notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


@in_loop
async def test_next_exercise_after_celebrating(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        set_code(screen, 'name = "Sam"\nprint("Hello, " + name + "!")\n')
        await run_and_wait(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, CelebrationScreen))
        assert "without any clues" in shown(app.screen.query_one("#celebrate-alone"))
        await pilot.click("#next")
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen) and app.screen is not screen)
        assert app.screen.exercise.id == "ui-count"
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
    assert ProgressStore("Sam", home=app.home).get("ui-say-hello").fixed_alone


@in_loop
async def test_a_damaged_progress_file_is_set_aside_and_said(make_app, home):
    ProgressStore("Sam", home=home).record_try("ui-say-hello", True)
    progress_files = list(home.rglob("progress.json"))
    assert progress_files
    progress_files[0].write_text("{ not json", encoding="utf-8")
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
        await wait_for(pilot, lambda: "progress file" in notes(app))
    assert list(home.rglob("progress.json.corrupt-*"))


@in_loop
async def test_a_broken_exercise_file_is_skipped_and_said(make_app, exercise_dir):
    (exercise_dir / "broken.toml").write_text('id = "broken"\ntitle = \n', encoding="utf-8")
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
        await wait_for(pilot, lambda: "broken.toml" in notes(app))
        assert len(app.exercises) == 3


@in_loop
async def test_parents_limit_the_clues(make_app, home):
    update_settings(home, max_clue_levels=1, show_exact_change=False)
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        panel = screen.query_one("#clues", CluePanel)
        assert len(panel.feedback.levels) == 1
        assert panel.feedback.fix_new is None
        await pilot.press("ctrl+g", "ctrl+g")
        assert panel.revealed == 1
        assert not panel.query_one("#clue-fix").display
        assert "A grown-up chose how many clues" in shown(panel.query_one("#clue-levels"))
        assert not panel.query_one("#show-solution").display


@in_loop
async def test_parents_may_allow_the_solution(make_app, home):
    update_settings(home, allow_solutions=True)
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        panel = screen.query_one("#clues", CluePanel)
        assert not panel.query_one("#show-solution").display  # not before every clue was read
        while panel.can_reveal:
            await pilot.press("ctrl+g")
        assert panel.query_one("#show-solution").display
        await pilot.pause()
        await pilot.click("#show-solution")
        await wait_for(pilot, lambda: isinstance(app.screen, SolutionScreen))
        assert 'print("Hello, " + name + "!")' in shown(app.screen.query_one("#solution-code"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


@in_loop
async def test_the_duck_opens_with_the_program(make_app):
    from tutor.ui.duck import DuckScreen

    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, DuckScreen))
        duck = app.screen
        assert duck.source == screen.query_one("#editor", TextArea).text
        assert duck.path.name.endswith(".py") and duck.path.exists()
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


@in_loop
async def test_the_app_stays_responsive_while_a_program_runs(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-count")
        set_code(screen, "import time\nwhile True:\n    print('tick')\n    time.sleep(0.05)\n")
        await pilot.press("f5")
        await wait_for(pilot, lambda: "tick\ntick" in screen.query_one("#output", OutputView).plain)
        editor = screen.query_one("#editor", TextArea)
        editor.focus()
        await pilot.press("ctrl+home", *"# still typing", "enter")
        assert editor.text.startswith("# still typing\n")
        await pilot.press("f5")  # a second run is refused kindly while one is going
        assert screen.query_one("#output", OutputView).plain.count("Running your program") == 1
        await pilot.press("f6")
        await wait_for(pilot, lambda: not screen.running, timeout=10)
        await wait_for(pilot, lambda: not screen.checking)
        # Not running: F6 in the editor is the editor's own key again (select the line).
        editor.focus()
        editor.move_cursor((0, 3))
        await pilot.press("f6")
        assert editor.selected_text == "# still typing"


@in_loop
async def test_everything_fits_in_80x24(make_app):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        width, height = app.size
        for widget in screen.query(Button).results():
            if widget.display and widget.parent.display and widget.id not in ("clue-more", "show-solution",
                                                                                 "duck-suggest"):
                region = widget.region
                assert region.width > 0 and region.right <= width and region.bottom <= height, widget.id
        for selector in ("#editor", "#output", "#answer", "#wb-side"):
            region = screen.query_one(selector).region
            assert region.width >= 20 and region.height >= 1, selector
        assert screen.query_one("#editor").region.height >= 10


@in_loop
async def test_light_or_dark_is_remembered(make_app, home):
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        dark = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != dark
    saved = json.loads((home / "ui-settings.json").read_text())
    assert saved["theme"] == app.theme
    again = make_app(profile="Sam")
    assert again.theme == app.theme


@in_loop
async def test_change_player(make_app):
    from tutor.ui.profiles import ProfileScreen

    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.click("#profile-name")
        await pilot.press(*"Noor", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert app.profile == "Noor"


@in_loop
async def test_the_list_arriving_after_the_picker_was_left_is_kept_not_shown(make_app):
    """A quick child presses P before the list has come: the late list must not crash the app."""
    from tutor.ui.profiles import ProfileScreen

    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
        old = app.screen
        exercises = app.exercises
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.pause()
        app.exercises = None
        old._loaded(exercises, [], {})  # what the loading thread does when it finishes late
        assert app.exercises == exercises
        await pilot.click("#profile-name")
        await pilot.press(*"Noor", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await wait_for(pilot, lambda: app.screen.query_one("#exercise-list").option_count > 0)
        assert app.profile == "Noor"


@in_loop
async def test_a_bad_name_is_explained(make_app):
    from tutor.ui.profiles import ProfileScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.press("enter")
        assert "first name" in shown(app.screen.query_one("#profile-message"))
        await pilot.press(*"../..", "enter")
        assert isinstance(app.screen, ProfileScreen)
        assert "That name will not work" in shown(app.screen.query_one("#profile-message"))


@in_loop
async def test_quit_while_a_program_waits_for_input_stops_it(make_app, home):
    import os

    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-add-two")
        await pilot.press("f5")
        await wait_for(pilot, lambda: not screen.query_one("#answer").disabled)
        program = screen.program
        pid = program.proc.pid
        await pilot.press("ctrl+q")
    program_gone = program.proc.poll() is not None or program.result is not None
    assert program_gone
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    if alive:  # a zombie that the runner has not reaped yet is fine; a live one is not
        with open(f"/proc/{pid}/stat") as f:
            assert f.read().split()[2] == "Z"


@in_loop
async def test_a_bad_profile_name_asks_for_another(make_app):
    from tutor.ui.profiles import ProfileScreen

    app = make_app(profile="../..")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        assert "That name will not work" in shown(app.screen.query_one("#profile-message"))
        assert app.profile is None


@in_loop
async def test_a_file_that_cannot_be_read_is_never_written_over(make_app, tmp_path):
    program = tmp_path / "old.py"
    program.write_bytes("print('café')\n".encode("latin-1"))
    app = make_app(profile="Sam", open_path=program)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WorkbenchScreen))
        screen = app.screen
        await wait_for(pilot, lambda: "UTF-8" in notes(app))
        editor = screen.query_one("#editor", TextArea)
        assert editor.read_only
        await pilot.press("x", "f5", "ctrl+s", "ctrl+q")
    assert program.read_bytes() == "print('café')\n".encode("latin-1")


@in_loop
async def test_a_failed_save_is_said_and_tried_again(make_app, monkeypatch):
    import tutor.ui.workbench as workbench

    monkeypatch.setattr(workbench, "AUTOSAVE_DELAY", 0.1)
    monkeypatch.setattr(workbench, "RETRY_SAVE_AFTER", 0.3)
    attempts: list[str] = []

    def flaky_save(profile, exercise_id, source, home=None):
        attempts.append(source)
        if len(attempts) == 1:
            raise OSError(28, "No space left on device")
        from tutor.progress.work import save_work

        return save_work(profile, exercise_id, source, home=home)

    app = make_app(profile="Sam", save_work=flaky_save)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await pilot.press("end", "#")
        await wait_for(pilot, lambda: "could not be saved" in notes(app))
        assert "No space left on device" in notes(app) and "OSError" not in notes(app)
        await wait_for(pilot, lambda: len(attempts) >= 2)
        await wait_for(pilot, lambda: "✓ saved" in shown(screen.query_one("#wb-saved")))


@in_loop
async def test_a_broken_checker_is_said_and_the_app_goes_on(make_app):
    def broken_checker(exercise, source, **kwargs):
        raise RuntimeError("the checker fell over")

    app = make_app(profile="Sam", check_program=broken_checker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-say-hello")
        await run_and_wait(pilot)
        assert "problem checking" in shown(screen.query_one("#clue-status"))
        assert "Your code is safe" in shown(screen.query_one("#clue-status"))
        await run_and_wait(pilot)  # and it can run again
        assert not screen.checking


@in_loop
async def test_the_tasks_example_output_wraps_instead_of_being_cut_off(make_app, exercise_dir):
    from textual.widgets._markdown import MarkdownFence

    long_line = "Shelly crossed the finish line after 4 minutes and 12 seconds!"
    (exercise_dir / "long-example.toml").write_text(
        'id = "ui-long-example"\ntitle = "A long example"\nlevel = 3\n'
        f'instructions = """\nIt should print:\n\n```\n{long_line}\n```\n"""\n'
        'starter = """\nprint("hi")\n"""\nsolution = """\n'
        f'print("{long_line}")\n"""\nclues = ["Look at the words."]\n\n'
        f'[[checks]]\nname = "it"\nstdin = ""\nexpected = "{long_line}\\n"\n',
        encoding="utf-8")
    app = make_app(profile="Sam")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_exercise(pilot, "ui-long-example")
        await pilot.pause()
        fence = screen.query_one("#task").query_one(MarkdownFence)
        assert fence.virtual_size.width <= fence.size.width  # nothing hidden off to the right
        assert fence.query_one("#code-content").size.height >= 2  # the long line wraps


@in_loop
async def test_tutor_duck_on_its_own_has_no_command_palette(tmp_path):
    from textual.command import CommandPalette

    from tutor.ui.duck import DuckApp, DuckScreen

    program = tmp_path / "hi.py"
    program.write_text('name = "Ada"\nprint(name)\n', encoding="utf-8")
    app = DuckApp(program, program.read_text(encoding="utf-8"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DuckScreen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)


@in_loop
async def test_a_flood_of_output_is_redrawn_less_often(make_app):
    from textual.app import App, ComposeResult

    class Tiny(App[None]):
        def compose(self) -> ComposeResult:
            yield OutputView(id="output")

    app = Tiny()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(OutputView)
        view.add("stdout", "x" * 60 + "\n")
        view.flush(force=False)  # little text: shown at once
        assert not view._dirty
        view.add("stdout", ("y" * 60 + "\n") * 300)
        view.flush(force=False)  # a lot of text just after a redraw: it waits
        assert view._dirty
        view.flush()  # the end of the run: always shown
        assert not view._dirty
        await pilot.pause()
        assert view.plain.endswith("y" * 60 + "\n")
