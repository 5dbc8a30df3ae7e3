"""The people-facing text of `tutor explain` says the right thing for each kind of ending."""

from __future__ import annotations

from tutor.explain import explain_file
from tutor.explain.render import render


def _explain(tmp_path, source, **kw):
    path = tmp_path / "prog.py"
    path.write_text(source)
    return explain_file(path, timeout=3, **kw)


def test_sys_exit_is_not_called_a_clean_finish(tmp_path):
    text = render(_explain(tmp_path, "import sys\nprint('bye')\nsys.exit(3)\n"))
    assert "sys.exit(3)" in text and "without any problem" not in text


def test_clean_run(tmp_path):
    assert "without any problem" in render(_explain(tmp_path, "print('hi')\n"))


def test_a_hint_without_a_change_does_not_say_try_the_change(tmp_path):
    e = _explain(tmp_path, "x = 5\nprint(x / (x - 5))\n")
    assert e.hint is not None
    text = render(e)
    if e.hint.fix is None:
        assert "Try the change" not in text and "Make one small change" in text
    else:
        assert "Try the change" in text


def test_verified_fix_is_shown_as_before_and_after(tmp_path):
    e = _explain(tmp_path, "age = input()\nprint(age + 1)\n", stdin="9\n")
    assert e.hint.verified
    text = render(e)
    assert "- " in text and "+ " in text and "int(input())" in text
    assert "tried it on a copy" in text
