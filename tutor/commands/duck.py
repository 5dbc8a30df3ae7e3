"""``tutor duck PATH``: explain your program line by line to the rubber duck.

On a terminal without ``--plain`` the app's Duck screen opens. ``--plain`` is a line-by-line
dialogue on plain stdin/stdout (for any terminal and for screen readers): one answer per input
line, an empty line skips, ``/done`` jumps to what really happened. ``--json`` (implies
``--plain``) asks the questions on stderr and prints the transcript as one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from ..term import Painter, highlight_python, use_colour
from . import _common


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help="the Python program to talk about")
    parser.add_argument("--plain", action="store_true", help="a plain line-by-line dialogue (any terminal, screen readers)")
    parser.add_argument("--json", action="store_true", help="after the dialogue, print the transcript as JSON (implies --plain)")
    _common.add_stdin_arguments(parser)
    parser.add_argument(
        "--timeout", type=_common.positive_seconds, metavar="S", help="seconds the real run may take (default 5)"
    )


def resolve_profile(explicit: str | None) -> str | None:
    """The profile to log to: --profile, else TUTOR_PROFILE, else the last one used (if known)."""
    try:
        # Only --profile or TUTOR_PROFILE record (never the last profile used).
        from ..progress.events import recording_profile as current_profile
    except ImportError:
        return explicit or os.environ.get("TUTOR_PROFILE") or None
    try:
        found = current_profile(explicit)
    except ValueError as exc:  # a name that cannot be a profile
        from ._common import UsageError

        raise UsageError(str(exc) or f"{explicit!r} cannot be a profile name") from None
    except Exception:
        return explicit or os.environ.get("TUTOR_PROFILE") or None
    if found is None:
        return None
    return str(getattr(found, "name", found))


def run(args: argparse.Namespace) -> int:
    path, source = _common.read_program(args.path)
    stdin = _common.stdin_text(args)
    timeout = args.timeout if args.timeout is not None else _common.env_timeout()
    profile = resolve_profile(getattr(args, "profile", None))
    plain = args.plain or args.json or not (_common.stdin_is_terminal() and sys.stdout.isatty())
    if not plain:
        if stdin is None and _source_uses_input(source):
            stdin = _ask_typing(sys.stdin, sys.stdout)
        return _open_screen(path, source, stdin or "", profile)
    if args.json:
        return PlainDuck(path, source, stdin, timeout=timeout, profile=profile, as_json=True).run()
    with _common.safe_terminal():
        return PlainDuck(path, source, stdin, timeout=timeout, profile=profile, as_json=False).run()


def _open_screen(path, source: str, stdin: str, profile: str | None) -> int:  # pragma: no cover - needs a terminal
    from ..cli import open_duck_app

    return open_duck_app(path, source, stdin=stdin, profile=profile)


class PlainDuck:
    """The dialogue on plain text streams."""

    def __init__(self, path, source: str, stdin: str | None, *, timeout: float | None = None,
                 profile: str | None = None, as_json: bool = False,
                 input_stream: TextIO | None = None, output: TextIO | None = None) -> None:
        from ..duck.dialogue import DuckSession

        self.as_json = as_json
        self.inp = input_stream or sys.stdin
        self.out = output or (sys.stderr if as_json else sys.stdout)
        self.colour = use_colour(self.out)
        self.paint = Painter(self.colour)
        self.echo = not _is_tty(self.inp)
        self.stdin_given = stdin is not None
        self.session = DuckSession(path, source, stdin or "", timeout=timeout, profile=profile)

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, prompt: str = "> ") -> str | None:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.say()
            return None
        text = line.rstrip("\r\n")
        if self.echo:
            self.say(text)
        return text

    def run(self) -> int:
        s = self.session
        p = self.paint
        if s.problem is not None:
            self.say(p("Duck: ", "bold", "yellow") + str(s.problem))
            if not self.as_json:
                self._read_aloud(s.problem.line)
            if self.as_json:
                _common.print_json(s.transcript())
            return 0
        if not s.steps:
            # Nothing to talk about yet (an empty file, or only comments).
            self.say(p("Duck: ", "bold", "yellow") + f"{s.path.name} has no lines of code yet. "
                     "Write a line or two, then come back and tell me about them!")
            if self.as_json:
                _common.print_json(s.transcript())
            return 0
        try:
            return self._talk()
        except KeyboardInterrupt:
            s.cancel()
            raise

    def _read_aloud(self, line: int | None) -> None:
        """Python cannot read the program: read the stuck line out loud, piece by piece."""
        from ..duck.read_aloud import READING_QUESTIONS, pieces

        lines = self.session.source.splitlines()
        if line and line > len(lines):  # stuck at the very end: read the last line that has code
            line = next((n for n in range(len(lines), 0, -1) if lines[n - 1].strip()), None)
        if not line or not 0 < line <= len(lines):
            return
        code = lines[line - 1]
        p = self.paint
        self.say()
        self.say(f"   {line:>3} | {highlight_python(code.strip(), self.colour)}")
        self.say("      Say each piece out loud:")
        for piece in pieces(code):
            self.say(f"        {piece.text:<14} {p(piece.says, 'dim')}")
        self.say("      While you read, ask yourself:")
        for question in READING_QUESTIONS:
            self.say(f"        • {question}")

    def _talk(self) -> int:
        s = self.session
        p = self.paint
        self.say(p(f"Duck: Hi! Tell me about {s.path.name}, one line at a time.", "bold", "yellow"))
        self.say("      Type your answer and press Enter. An empty line skips. Type /done to finish early.")
        if not self.stdin_given and not self.echo and _uses_input(s) and not self.as_json:
            self._collect_typing()
        s.start_trace()
        total = len(s.steps)
        for step in s.steps:
            self.say()
            code = highlight_python(step.code, self.colour)
            self.say(p(f"Line {step.line} ({step.index + 1} of {total}):", "dim") + f"  {code}")
            hint = f" ({_expects_words(step.expects)})" if step.kind == "predict" and step.expects else ""
            self.say(p("Duck: ", "bold", "yellow") + step.question + p(hint, "dim"))
            reply = self.ask()
            if reply is None or reply.strip().lower() in ("/done", "/stop", "/quit", "/end"):
                break
            s.answer(step.index, reply)
        self.say()
        if not s.trace_ready:
            self.say(p("Duck: Let's see what really happened…", "dim"))
        s.wait_trace()
        review = s.review()
        self._show_review(review)
        saved = s.save(mode="plain", review=review)
        if saved:
            self.say(p(f"(Saved in {s.profile}'s session log.)", "dim"))
        if self.as_json:
            _common.print_json(s.transcript(review))
        return 0

    def _collect_typing(self) -> None:
        self.session.stdin = _ask_typing(self.inp, self.out, self.paint)

    def _show_review(self, review) -> None:
        s = self.session
        p = self.paint
        self.say(p("What really happened", "bold", "cyan"))
        self.say(review.run_words)
        trace = s.trace
        if (trace is not None and trace.result.error is not None and trace.result.error.type == "EOFError"
                and not s.stdin):
            self.say(p('Tip: give the duck some typing, for example: --stdin "Sam\\n9"', "dim"))
        printed = s.printed()
        if printed:
            self.say("It printed:")
            for line in printed:
                self.say("  " + line)
        from ..duck.dialogue import real_words

        for o in review.outcomes:
            a = o.answer
            said = a.text if a is not None and a.text else None
            if o.step.kind == "predict":
                real = real_words(o)
                if o.agrees is True:
                    mark = p("✔ same", "green")
                elif o.agrees is False:
                    mark = p("✘ different", "red")
                else:
                    mark = ""
                head = f"Line {o.line}: "
                if said is not None:
                    self.say(f"{head}you said {said}; {real}. {mark}".rstrip())
                elif o is review.first or (a is not None and a.how != "skipped"):
                    self.say(f"{head}{real}.")
                if o.note and o.actual is not None:
                    self.say(p(f"    {o.note}", "dim"))
            elif said is not None:
                fact = f" {o.fact}" if o.fact else ""
                self.say(f"Line {o.line}: you said “{said}”.{fact}")
        if review.first is not None:
            first = review.first
            self.say()
            self.say(p(f"→ The first difference between you and the computer is line {first.line}:", "bold", "magenta"))
            self.say(f"   {first.line:>3} | {highlight_python(first.step.code, self.colour)}")
        for notice in review.notices:
            self.say(p("Look: ", "bold") + notice)
        if trace is not None and trace.available and trace.hits:
            self.say()
            self.say(p("How many times each line ran:", "bold", "cyan"))
            lines = s.source.splitlines()
            for number in sorted(n for n in trace.hits if 0 < n):
                code = lines[number - 1].strip() if 0 < number <= len(lines) else ""
                count = trace.hits[number]
                self.say(f"  line {number:>3}: {count:>6,} {'time ' if count == 1 else 'times'}   {code}")
        self.say()
        self.say(p("Duck: ", "bold", "yellow") + (review.headline or review.summary))


def _expects_words(expects: str) -> str:
    return {"number": "a number", "text": "some text", "list": "a list", "True or False": "True or False",
            "yes or no": "yes or no"}.get(expects, expects)


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _uses_input(session) -> bool:
    return _source_uses_input(session.source)


def _source_uses_input(source: str) -> bool:
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "input" for n in ast.walk(tree))


def _ask_typing(inp: TextIO, out: TextIO, paint: Painter | None = None) -> str:
    """Ask (on a terminal) what the duck should type when the program asks for typing."""
    paint = paint or Painter(use_colour(out))
    out.write(paint("Duck: ", "bold", "yellow") + "Your program asks for typing. What should I type for it?\n")
    out.write("      One answer per line. An empty line when that is all.\n")
    lines: list[str] = []
    while len(lines) < 50:
        out.write("typing> ")
        out.flush()
        text = inp.readline()
        if not text or not text.strip():
            break
        lines.append(text.rstrip("\r\n"))
    return "".join(line + "\n" for line in lines)
