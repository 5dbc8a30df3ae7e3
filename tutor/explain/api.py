"""The explainer's public face: ``explain_file``, ``explain_run`` and ``Explanation``.

See shared/contracts/explain.md (schema 1). Other tools rely on ``Explanation.to_json()``.
"""

from __future__ import annotations

import logging
import math
import os
import platform
import threading
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..run import DEFAULT_LIMITS, ErrorInfo, Limits, RunResult, run_program
from .context import WRONG_OUTPUT, Context, outcome_of
from .hint import Hint

log = logging.getLogger("tutor.explain")

SCHEMA = 1


@dataclass
class Explanation:
    """What happened when a program ran, and the one small thing to look at."""

    outcome: str  # ok, error, timeout, wrong-output, killed
    error: ErrorInfo | None
    hint: Hint | None
    result: RunResult
    path: str
    source: str
    stdin: str = ""
    expected_output: str | None = None
    timing_ms: dict[str, float] = field(default_factory=lambda: {"run": 0.0, "explain": 0.0, "verify": 0.0})
    python: str = field(default_factory=platform.python_version)
    #: Every hint the diagnosers gave, best first (the chosen one included), for the curious.
    all_hints: list[Hint] = field(default_factory=list)
    #: Internal problems met while explaining (also logged); empty when all went well.
    problems: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return bool(self.hint is not None and self.hint.verified)

    def to_json(self) -> dict[str, Any]:
        error = None
        if self.error is not None:
            error = {"type": self.error.type, "message": self.error.message, "line": self.error.line}
        return {
            "schema": SCHEMA,
            "python": self.python,
            "outcome": self.outcome,
            "error": error,
            "hint": self.hint.to_json() if self.hint is not None else None,
            "timing_ms": {k: round(float(v), 1) for k, v in self.timing_ms.items()},
        }


def _check_text(name: str, value: Any, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text (str), not {type(value).__name__}")


def _read_source(path: str) -> str:
    if not os.path.exists(path):
        raise FileNotFoundError(f"no such file: {path}")
    if os.path.isdir(path):
        raise ValueError(f"{path} is a folder, not a Python file")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\0" in data[:8192]:
        raise ValueError(f"{path} is not a Python program (it is a binary file)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not saved as UTF-8 text") from None


def explain_file(
    path: str | os.PathLike[str],
    *,
    stdin: str = "",
    expected_output: str | None = None,
    timeout: float | None = None,
) -> Explanation:
    """Run the program at ``path`` (as ``tutor run`` does) and explain what happened.

    Raises ``FileNotFoundError``/``ValueError`` only for a bad path or bad arguments; never for
    anything the learner's program does.
    """
    path = os.path.abspath(os.fspath(path))
    _check_text("stdin", stdin)
    _check_text("expected_output", expected_output, optional=True)
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not math.isfinite(timeout) or timeout <= 0:
            raise ValueError("timeout must be a positive number of seconds")
    source = _read_source(path)
    limits = DEFAULT_LIMITS.with_timeout(timeout)
    result = run_program(path, stdin=stdin, limits=limits, record_output_lines=expected_output is not None)
    return explain_run(path, source, result, stdin=stdin, expected_output=expected_output, limits=limits)


def explain_run(
    path: str | os.PathLike[str],
    source: str,
    result: RunResult,
    *,
    stdin: str = "",
    expected_output: str | None = None,
    limits: Limits | None = None,
    verify: bool = True,
    other_checks: Sequence[tuple[str, str]] = (),
    cancel: threading.Event | None = None,
) -> Explanation:
    """Explain a run that already happened (the exercise checker and the app use this).

    ``result`` must come from running ``source`` as the program at ``path`` with ``stdin``. For a
    wrong-output run without a record of which line printed what, the program is run once more
    with that record switched on. ``other_checks``: more (stdin, expected output) pairs a fix must
    also pass before it counts as verified (an exercise's other checks). ``cancel``: once set (the
    child pressed Run again), the repair search stops at once and its trial copies are stopped.
    Never raises for anything the learner's program did.
    """
    path = os.path.abspath(os.fspath(path))
    limits = limits or DEFAULT_LIMITS
    stdin = stdin if isinstance(stdin, str) else ""
    problems: list[str] = []
    timing = {"run": float(getattr(result, "duration_ms", 0.0) or 0.0), "explain": 0.0, "verify": 0.0}
    try:
        outcome = outcome_of(result, expected_output)
    except Exception as exc:  # a strange result object: still explain what we can
        log.exception("could not tell the outcome")
        problems.append(f"outcome: {exc!r}")
        outcome = "error" if getattr(result, "error", None) is not None else "ok"
    if outcome == WRONG_OUTPUT and result.output_lines is None:
        try:
            rerun = run_program(path, stdin=stdin, limits=limits, source=source, record_output_lines=True)
            timing["run"] += rerun.duration_ms
            if outcome_of(rerun, expected_output) == WRONG_OUTPUT and rerun.stdout == result.stdout:
                result = rerun
        except Exception as exc:
            log.exception("could not re-run the program to see which line printed what")
            problems.append(f"rerun: {exc!r}")
    ctx = Context(path=path, source=source, result=result, stdin=stdin, expected_output=expected_output, limits=limits)
    if cancel is not None:
        ctx.extra["cancel"] = cancel
    if other_checks:
        ctx.extra["other_checks"] = [(str(i), str(e)) for i, e in other_checks]
    from .engine import explain_context, last_resort_hint

    try:
        out = explain_context(ctx, verify=verify)
        hint, hints = out.hint, out.hints
        timing["explain"] = out.explain_ms
        timing["verify"] = out.verify_ms
        problems.extend(out.problems)
    except Exception as exc:  # explain_context never raises, but be sure
        log.exception("the explainer failed")
        problems.append(f"engine: {exc!r}")
        hint = last_resort_hint(ctx) if outcome != "ok" else None
        hints = [hint] if hint else []
    if outcome != "ok" and hint is None:
        hint = last_resort_hint(ctx)
    return Explanation(
        outcome=outcome,
        error=result.error if outcome == "error" else None,
        hint=hint if outcome != "ok" else None,
        result=result,
        path=path,
        source=source,
        stdin=stdin,
        expected_output=expected_output,
        timing_ms=timing,
        all_hints=hints,
        problems=problems,
    )


def explain_source(
    source: str,
    *,
    name: str = "program.py",
    stdin: str = "",
    expected_output: str | None = None,
    timeout: float | None = None,
) -> Explanation:
    """Explain a program given as text (written to a temporary folder and run there)."""
    import tempfile

    _check_text("source", source)
    with tempfile.TemporaryDirectory(prefix="tutor-explain-") as folder:
        path = os.path.join(folder, os.path.basename(name) or "program.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        return explain_file(path, stdin=stdin, expected_output=expected_output, timeout=timeout)


__all__ = ["Explanation", "explain_file", "explain_run", "explain_source", "SCHEMA"]
