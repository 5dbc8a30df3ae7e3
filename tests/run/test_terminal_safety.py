"""No program's control codes reach the terminal: CLI text mode, the app's output pane and editor.

JSON keeps the exact text; what a person sees shows each control character as a visible sign.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

from tutor.cli import main
from tutor.safe_text import decode_program, has_controls, terminal_safe, visible

HOSTILE = (
    'print("hi \\x1b]2;pwned\\x07 \\x1b[2J \\x1b]52;c;aGk=\\x07 \\x1b]8;;http://x\\x1b\\\\link \\x9b2J \\x1b[31mred\\x1b[0m")\n'
    'raise ValueError("bad \\x1b[2J\\x1b]0;title\\x07")\n'
)
SGR = re.compile("\x1b\\[[0-9;]*m")


def no_raw_controls(text: str, allow_colour: bool = False) -> bool:
    if allow_colour:
        text = SGR.sub("", text)
    return not has_controls(text)


def test_visible_shows_every_control_but_newline_and_tab():
    assert visible("a\x1b[2Jb\x07\tc\n") == "a␛[2Jb␇\tc\n"
    assert visible("x\r\ny\rz\x7f\x9b") == "x\ny␍z␡\\x9b"
    assert visible("plain text é 🐍") == "plain text é 🐍"
    assert visible("\u202eevil") == "\\u202eevil"


def test_terminal_safe_keeps_only_colour_codes():
    text = "\x1b[31mred\x1b[0m \x1b]2;t\x07 \x1b[2J \x1b"
    assert terminal_safe(text) == "\x1b[31mred\x1b[0m ␛]2;t␇ ␛[2J ␛"
    assert terminal_safe(text, keep_colour=False) == visible(text)


def test_decode_program_is_read_only_for_odd_files():
    assert decode_program(b"print(1)\n") == ("print(1)\n", None)
    text, note = decode_program(b"# caf\xe9\nprint(1)\n")
    assert note and "UTF-8" in note and "\ufffd" in text
    text, note = decode_program(b"# \x1b]2;title\x07\nprint(1)\n")
    assert note and "␛" in text and "\x1b" not in text
    assert decode_program(b"print(1)\r\n")[1] is None


def test_tutor_run_text_shows_control_codes(tmp_path, capsys):
    prog = tmp_path / "hostile.py"
    prog.write_text(HOSTILE, encoding="utf-8")
    assert main(["run", str(prog)]) == 0
    out = capsys.readouterr()
    assert no_raw_controls(out.out) and no_raw_controls(out.err)
    assert "␛]2;pwned␇" in out.out
    assert "Python says: bad ␛[2J␛]0;title␇" in out.out


def test_tutor_run_keeps_colour_only_when_colour_is_on(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    prog = tmp_path / "hostile.py"
    prog.write_text(HOSTILE, encoding="utf-8")
    assert main(["run", str(prog)]) == 0
    out = capsys.readouterr().out
    assert no_raw_controls(out, allow_colour=True)
    assert "\x1b[31mred\x1b[0m" in out


def test_tutor_explain_text_shows_control_codes(tmp_path, capsys):
    prog = tmp_path / "hostile.py"
    prog.write_text(HOSTILE, encoding="utf-8")
    assert main(["explain", str(prog)]) == 0
    out = capsys.readouterr()
    assert no_raw_controls(out.out) and no_raw_controls(out.err)


def test_json_keeps_the_exact_text(tmp_path, capsys):
    prog = tmp_path / "hostile.py"
    prog.write_text(HOSTILE, encoding="utf-8")
    assert main(["run", str(prog), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "\x1b]2;pwned\x07" in data["stdout"]
    assert data["error"]["message"] == "bad \x1b[2J\x1b]0;title\x07"


# -- the app -------------------------------------------------------------------------------------


def _app(tmp_path: Path, program: Path):
    from tutor.ui.app import create_app

    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return create_app(home=home, open_path=program, load_exercises=lambda *a, **k: _no_exercises())


def _no_exercises():
    from tutor.exercises import load_exercises

    return load_exercises([])


def test_app_output_pane_shows_control_codes(tmp_path):
    from tutor.ui.widgets import OutputView
    from tutor.ui.workbench import WorkbenchScreen

    program = tmp_path / "hostile.py"
    program.write_text(HOSTILE, encoding="utf-8")

    async def go() -> None:
        app = _app(tmp_path, program)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if isinstance(app.screen, WorkbenchScreen):
                    break
                await pilot.pause(0.05)
            await pilot.press("f5")
            output = app.screen.query_one("#output", OutputView)
            for _ in range(400):
                if "pwned" in output.plain and app.screen.program is None:
                    break
                await pilot.pause(0.05)
            assert "␛]2;pwned␇" in output.plain
            assert no_raw_controls(output.plain)

    asyncio.run(go())


def test_app_editor_shows_a_file_with_escape_codes_read_only_and_never_rewrites_it(tmp_path):
    from textual.widgets import TextArea

    from tutor.ui.workbench import WorkbenchScreen

    program = tmp_path / "odd.py"
    original = b"# \x1b]2;title\x07 hello\nprint('hi')\n"
    program.write_bytes(original)
    latin = tmp_path / "latin.py"
    latin.write_bytes(b"# caf\xe9\nprint('hi')\n")

    async def go(path: Path, expect: str) -> None:
        app = _app(tmp_path, path)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if isinstance(app.screen, WorkbenchScreen):
                    break
                await pilot.pause(0.05)
            editor = app.screen.query_one("#editor", TextArea)
            assert editor.read_only
            assert expect in editor.text
            for y in range(3):
                assert no_raw_controls("".join(seg.text for seg in editor.render_line(y)))
            await pilot.press("x", "y")
            await pilot.pause(0.1)
            app.screen.save_soon()
            app.saver.flush(timeout=5)

    asyncio.run(go(program, "␛]2;title␇"))
    assert program.read_bytes() == original
    asyncio.run(go(latin, "caf\ufffd"))
    assert latin.read_bytes() == b"# caf\xe9\nprint('hi')\n"
