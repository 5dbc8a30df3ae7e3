"""The Parent screen, driven with Pilot on a tiny app: the report, the parent code, the settings."""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Button, Input, Markdown, RadioButton, Select, Static, Switch, TabbedContent

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "progress"))

from report_session import scripted_session  # noqa: E402

from tutor.progress import create_profile  # noqa: E402
from tutor.progress.settings import load_settings, set_parent_code, verify_code  # noqa: E402
from tutor.ui.parent import LOCK_SECONDS, MAX_WRONG_CODES, ParentScreen  # noqa: E402


class TinyApp(App[None]):
    def __init__(self, home: Path, profile: str | None = None) -> None:
        super().__init__()
        self.home_folder = home
        self.start_profile = profile

    def compose(self) -> ComposeResult:
        yield Static("the app's own screen", id="below")

    def on_mount(self) -> None:
        self.push_screen(ParentScreen(home=self.home_folder, profile=self.start_profile))


def run(test: Callable[..., Any]) -> Callable[..., Any]:
    """Run an ``async def`` test with asyncio (keeping its fixtures)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def until(pilot: Any, condition: Callable[[], Any], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await pilot.pause(0.05)


def markdown_text(widget: Markdown) -> str:
    return widget.source


def shown(widget: Static) -> str:
    return str(widget.render())


@pytest.fixture
def family(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    scripted_session(home)  # Ada, with a full session
    create_profile("Sam", home)
    return home


async def open_settings(pilot: Any) -> ParentScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ParentScreen)
    screen.query_one("#parent-tabs", TabbedContent).active = "tab-settings"
    await pilot.pause()
    return screen


async def type_code(pilot: Any, screen: ParentScreen, code: str, again: str | None = None) -> None:
    """Type the code (twice when choosing one) and press Enter, as a parent does."""
    box = screen.query_one("#code-input", Input)
    box.value = code
    if again is not None:
        box = screen.query_one("#code-again", Input)
        box.value = again
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


@run
async def test_the_report_is_shown(family):
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ParentScreen)
        await until(pilot, lambda: screen.report is not None)
        text = markdown_text(screen.query_one("#report-text", Markdown))
        assert "Report for Ada" in text and "What to talk about next" in text
        assert "fixed alone" in text and "not solved yet" in text
        # two children: a choice of whose report
        select = screen.query_one("#parent-profile", Select)
        assert select.display and select.value == "Ada"
        select.value = "Sam"
        await until(pilot, lambda: screen.report is not None and screen.report.profile == "Sam")
        assert "Nothing yet" in markdown_text(screen.query_one("#report-text", Markdown))


@run
async def test_saving_the_report_as_a_page(family):
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.report is not None)
        await pilot.click("#report-save")
        await pilot.pause()
        pages = list((family / "reports").glob("ada-*.html"))
        assert len(pages) == 1 and "<svg" in pages[0].read_text(encoding="utf-8")


@run
async def test_the_guide_tab(family):
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#parent-tabs", TabbedContent).active = "tab-guide"
        await pilot.pause()
        guide = markdown_text(app.screen.query_one("#guide-text", Markdown))
        assert "How to be the duck" in guide and "It's not working!" in guide


@run
async def test_first_time_a_code_is_chosen_then_the_settings_change(family):
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_settings(pilot)
        assert not screen.query_one("#settings-box").display
        assert "Choose a parent code" in shown(screen.query_one("#lock-intro", Static))
        await type_code(pilot, screen, "2468", "2469")
        assert "not the same" in shown(screen.query_one("#lock-message", Static))
        assert not screen.unlocked
        await type_code(pilot, screen, "12", "12")
        assert "at least 4" in shown(screen.query_one("#lock-message", Static))
        await type_code(pilot, screen, "2468", "2468")
        assert screen.unlocked and verify_code("2468", home=family)
        assert screen.query_one("#settings-box").display

        await pilot.click("#levels-1")
        await pilot.pause()
        assert load_settings(family).max_clue_levels == 1
        screen.query_one("#show-exact", Switch).value = False
        await pilot.pause()
        screen.query_one("#allow-solutions", Switch).value = True
        await pilot.pause()
        s = load_settings(family)
        assert (s.max_clue_levels, s.show_exact_change, s.allow_solutions) == (1, False, True)
        assert "Saved" in shown(screen.query_one("#settings-message", Static))

        await pilot.click("#settings-lock")
        await pilot.pause()
        assert not screen.unlocked and not screen.query_one("#settings-box").display


@run
async def test_the_code_keeps_the_settings_safe(family):
    set_parent_code("2468", family)
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_settings(pilot)
        assert "Type it" in shown(screen.query_one("#lock-intro", Static))
        assert not screen.query_one("#code-again", Input).display
        await type_code(pilot, screen, "1111")
        assert not screen.unlocked
        assert "not the parent code" in shown(screen.query_one("#lock-message", Static))
        # the switches do nothing while locked
        screen.query_one("#allow-solutions", Switch).value = True
        await pilot.pause()
        assert load_settings(family).allow_solutions is False
        for _ in range(MAX_WRONG_CODES - 1):
            await type_code(pilot, screen, "0000")
        assert "Wait" in shown(screen.query_one("#lock-message", Static))
        await type_code(pilot, screen, "2468")  # even the right code waits now
        assert not screen.unlocked
        lock = json.loads((family / "parent-code.json").read_text())  # ... until the wait is over
        lock["locked_until"] = time.time() - 1
        (family / "parent-code.json").write_text(json.dumps(lock))
        await type_code(pilot, screen, "2468")
        assert screen.unlocked
        assert LOCK_SECONDS >= 10


@run
async def test_changing_the_code(family):
    set_parent_code("2468", family)
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_settings(pilot)
        await type_code(pilot, screen, "2468")
        screen.query_one("#new-code", Input).value = "9753"
        screen.query_one("#new-code-again", Input).value = "9753"
        await pilot.click("#code-change")
        await pilot.pause()
        assert "changed" in shown(screen.query_one("#code-message", Static))
        assert verify_code("9753", home=family) and not verify_code("2468", home=family)


@run
async def test_a_damaged_settings_file_is_explained(family):
    (family / "parent-settings.json").write_text("{{{", encoding="utf-8")
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_settings(pilot)
        intro = shown(screen.query_one("#lock-intro", Static))
        assert "damaged" in intro and "Choose a parent code" in intro


@run
async def test_escape_goes_back_and_locks(family):
    set_parent_code("2468", family)
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_settings(pilot)
        await type_code(pilot, screen, "2468")
        assert screen.unlocked
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ParentScreen)
        assert not screen.unlocked


@run
async def test_no_profiles_yet(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    app = TinyApp(home)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "no profiles yet" in markdown_text(screen.query_one("#report-text", Markdown))
        assert screen.query_one("#report-save", Button).disabled
        assert not screen.query_one("#parent-profile", Select).display


@run
async def test_radio_buttons_show_the_saved_choice(family):
    from tutor.progress.settings import update_settings

    set_parent_code("2468", family)
    update_settings(family, max_clue_levels=2)
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_settings(pilot)
        await type_code(pilot, screen, "2468")
        assert screen.query_one("#levels-2", RadioButton).value
        assert not screen.query_one("#levels-all", RadioButton).value
        assert load_settings(family).max_clue_levels == 2  # showing it saved nothing new


@run
async def test_from_the_real_app_picker_and_back(make_app, home):
    """The app's Grown-ups button opens this screen for the current child; Escape goes back."""
    from tutor.ui.picker import PickerScreen

    scripted_session(home)
    app = make_app(profile="Ada")
    async with app.run_test(size=(110, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.exercises is not None)
        await pilot.click("#grown-ups")
        await until(pilot, lambda: isinstance(app.screen, ParentScreen))
        screen = app.screen
        await until(pilot, lambda: screen.report is not None)
        assert screen.report.profile == "Ada" and screen.report.totals["tries"] == 7
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, PickerScreen))


@run
async def test_one_child_the_arrow_keys_scroll_the_report(tmp_path):
    home = tmp_path / "home"
    scripted_session(home)  # only Ada: no choice of whose report, so the list is hidden
    app = TinyApp(home, "Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.report is not None)
        await pilot.pause()
        assert not screen.query_one("#parent-profile", Select).display
        scroll = screen.query_one("#report-scroll")
        assert app.focused is scroll
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0


@run
async def test_the_keys_follow_the_lock(family):
    app = TinyApp(family, "Ada")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await type_code(pilot, screen, "1234", "1234")
        assert screen.unlocked
        # The code boxes are hidden now: the keys go to the settings, not to a hidden box.
        assert app.focused is screen.query_one("#clue-levels")
        screen.query_one("#settings-lock", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.unlocked
        assert app.focused is screen.query_one("#code-input", Input)
