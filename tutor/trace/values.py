"""Reading the recorder's value texts back: the items of a list or dict, and numbers for a chart."""

from __future__ import annotations

_OPEN = {"[": "]", "(": ")", "{": "}"}


def split_top(text: str, sep: str = ",") -> list[str] | None:
    """``text`` split at ``sep`` where it is not inside brackets or quotes (None if unbalanced)."""
    parts: list[str] = []
    depth = 0
    quote: str | None = None
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if quote is not None:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "[({":
            depth += 1
        elif ch in "])}":
            depth -= 1
            if depth < 0:
                return None
        elif ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
        i += 1
    if depth != 0 or quote is not None:
        return None
    last = text[start:].strip()
    if last or parts:
        parts.append(last)
    return parts


def items(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A list, tuple or dict text as ``(kind, [(position, item), ...])``; None for other values.

    ``kind`` is ``"list"``, ``"tuple"`` or ``"dict"``; positions are 0, 1, 2 ... for lists and
    tuples, the keys for dicts. A cut-off tail (``…``) is kept as the last item with position "…".
    """
    text = text.strip()
    if len(text) < 2 or text[0] not in _OPEN or text[-1] != _OPEN[text[0]]:
        return None
    if text[0] == "{" and text == "{}":
        return ("dict", [])
    inner = text[1:-1]
    parts = split_top(inner)
    if parts is None:
        return None
    if parts and parts[-1] == "" and text[0] == "(":
        parts = parts[:-1]  # (1,)
    if text[0] == "{":
        out: list[tuple[str, str]] = []
        for part in parts:
            if part == "…":
                out.append(("…", "…"))
                continue
            kv = split_top(part, ":")
            if kv is None or len(kv) != 2:
                return None  # a set, not a dict
            out.append((kv[0], kv[1]))
        return ("dict", out)
    kind = "list" if text[0] == "[" else "tuple"
    return (kind, [("…" if p == "…" else str(i), p) for i, p in enumerate(parts)])


def number(text: str) -> float | None:
    """The number a value text shows (``True``/``False`` are not numbers here), else None."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value
