"""Text that is safe to show in a terminal: nobody's control codes reach it.

A program's output, an error message, a file's contents: any of them may hold control characters
(escape sequences clear the screen, set the terminal's title, write to the clipboard, make links).
Before such text is written to the terminal (the CLI) or drawn by the app, every control character
other than newline and tab is replaced by a visible stand-in, ``␛`` for ESC and the matching
"control picture" for the others, so the child sees that something odd was printed and the
terminal does nothing. JSON output keeps the exact text; only what is shown is changed.

``terminal_safe(text, keep_colour=True)`` also lets plain colour codes (SGR, ``ESC [ 31 m``) through,
for the tutor's own colours and a child's coloured ``print``; nothing else passes.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode marks that reorder text on
# screen (bidi embeddings, overrides and isolates).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SGR = re.compile("\x1b\\[[0-9;:]{0,40}m")
_SGR_OR_CONTROL = re.compile("\x1b\\[[0-9;:]{0,40}m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "␡"
    return "\\x%02x" % code if code <= 0xFF else "\\u%04x" % code


def has_controls(text: str) -> bool:
    """True if ``text`` holds a character ``visible`` would replace."""
    return _CONTROL.search(text) is not None


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab shown visibly (``␛``, ``␇``...).

    A Windows line end (``\\r\\n``) is an ordinary line end; a lone ``\\r`` is shown as ``␍``."""
    if not _CONTROL.search(text):
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub(lambda m: _stand_in(m.group()), text)


def terminal_safe(text: str, keep_colour: bool = True) -> str:
    """Text to write to a terminal: like ``visible``, but colour codes (SGR) may stay."""
    if not keep_colour:
        return visible(text)
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _SGR_OR_CONTROL.sub(lambda m: m.group() if m.group()[0] == "\x1b" and len(m.group()) > 1 else _stand_in(m.group()), text)


def decode_program(data: bytes) -> tuple[str, str | None]:
    """A program file's bytes as text for the editor, and why it must stay read-only (or None).

    Not UTF-8: the text with the bad bytes shown as ``�``, read-only (saving would change the
    file's bytes). Control characters: the text with them shown visibly, read-only (so the file
    stays exactly as it is)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        shown = visible(data.decode("utf-8", errors="replace"))
        return shown, (
            f"This file is not saved as UTF-8 text (an odd byte at position {exc.start}), so the tutor "
            "shows it read-only and will not change it. Save it as UTF-8 in your editor to work on it here."
        )
    if has_controls(text.replace("\r\n", "\n").replace("\f", "")):
        return visible(text), (
            "This file holds hidden control characters (shown like ␛), so the tutor shows it "
            "read-only and will not change it."
        )
    return text, None
