"""Our screens and widgets never overwrite Textual's own private attributes.

A screen that kept its own `self._closed` flag hid Textual's message-pump flag of the same name:
leaving the screen then waited forever and the whole app stopped answering keys."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

UI = Path(__file__).resolve().parents[2] / "tutor" / "ui"
ASSIGNED = re.compile(r"self\.(_[A-Za-z]\w*)\s*(?::[^=\n]+)?=(?!=)")


def textual_private_names() -> set[str]:
    names: set[str] = set()
    for obj in (Screen(), ModalScreen(), Widget(), App(), TextArea(), Static(), Input()):
        names |= {n for n in vars(obj) if n.startswith("_")}
        for cls in type(obj).__mro__:
            names |= {n for n in vars(cls) if n.startswith("_") and not n.startswith("__")}
    return names


def test_no_textual_private_attribute_is_overwritten():
    taken = textual_private_names()
    assert "_closed" in taken and "_log" in taken  # the check itself sees Textual's names
    clashes = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "autosave.py":  # a plain thread helper, not a Textual class
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in ASSIGNED.finditer(line):
                if match.group(1) in taken:
                    clashes.append(f"{path.name}:{number}: self.{match.group(1)}")
    assert not clashes, clashes
