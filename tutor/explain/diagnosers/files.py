"""FileNotFoundError: the program opens a file that is not there.

Usual reasons: the name is spelled a little differently from the real file, or from the name the
program itself used when it wrote the file (``highscore.txt`` vs ``high_score.txt``).
"""

from __future__ import annotations

import ast
import os

from ..context import Context
from ..hint import Hint
from ..registry import diagnoser
from ..spelling import close_matches
from . import _tools as t


def _file_names_in_program(ctx: Context) -> list[str]:
    tree = ctx.tree
    if tree is None:
        return []
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and "." in n.value and len(n.value) < 100 and "\n" not in n.value:
            if n.value not in out:
                out.append(n.value)
    return out


def _files_in_folder(ctx: Context) -> list[str]:
    try:
        folder = os.path.dirname(os.path.abspath(ctx.path))
        return sorted(e for e in os.listdir(folder) if not e.startswith("."))[:500]
    except OSError:
        return []


@diagnoser("file-name-typo", errors=("FileNotFoundError",), priority=20)
def file_name_typo(ctx: Context) -> Hint | None:
    err = ctx.error
    if err is None:
        return None
    missing = err.details.get("filename")
    if not isinstance(missing, str) or not missing:
        found = t.message_names(err.message)
        missing = found[-1] if found else None
    if not missing:
        return None
    stmt, nodes = t.error_nodes(ctx)
    literal = next((n for n in nodes if isinstance(n, ast.Constant) and n.value == missing), None)
    base = os.path.basename(missing)
    known = [n for n in _file_names_in_program(ctx) if n != missing] + _files_in_folder(ctx)
    matches = close_matches(base, [os.path.basename(k) for k in known], limit=max(2, len(base) // 4))
    line = literal.lineno if literal is not None else (t.error_line(ctx) or 1)
    if matches and literal is not None:
        right = matches[0].name
        new = missing[: len(missing) - len(base)] + right
        fixes = [t.replace_node(ctx, literal, f'"{new}"' if '"' not in new else repr(new))]
        fixes = [f for f in fixes if f]
        title = f"Line {line}: there is no file called \"{missing}\". Did you mean \"{right}\"?"
        why = f"A file name must match exactly, letter by letter. The file your program can use is called \"{right}\"."
        return t.make_hint(ctx, "file-name-typo", line, title, why, fixes[0] if fixes else None, fixes[1:], confidence=0.8)
    title = f"Line {line}: Python cannot find a file called \"{missing}\" next to your program."
    why = (
        "The file must be in the same folder as your program, with exactly the same name. "
        "Check the name, or make the file first."
    )
    return t.make_hint(ctx, "file-name-typo", line, title, why, confidence=0.4)
