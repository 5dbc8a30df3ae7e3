"""The rubber-duck dialogue, without any user interface: the questions, the answers, the real run,
and what to say about where the learner's idea and the computer first disagreed.

Used by ``tutor duck`` (plain text) and by the app's Duck screen. A ``DuckSession`` holds the steps
(``steps.py``), the learner's answers, and the ``Trace`` of one real run (``tracer.py``), which can
be made in a worker thread while the questions are being answered.
"""

from __future__ import annotations

import ast
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compare import Verdict, compare, is_unsure
from .meaning import Meaning, find_print, print_pieces, typed_names, words
from .steps import (
    COUNT,
    EXPLAIN,
    GIVES,
    LAST,
    OUTPUT,
    PREDICT,
    RUNS,
    TRUTH,
    VALUE,
    ProgramProblem,
    Step,
    build_steps,
    parse_program,
)
from .tracer import Trace, build_plan, trace_program

TYPED = "typed"
SKIPPED = "skipped"
EXPLAINED = "explained"  # parent-as-duck: the child explained it out loud
NOT_SURE = "not_sure"  # parent-as-duck: the child was not sure
NOT_RUN = "This line did not run this time, so there is nothing to check."


@dataclass
class Answer:
    text: str | None = None  # what was typed (None when nothing was typed)
    how: str = TYPED  # TYPED, SKIPPED, EXPLAINED or NOT_SURE
    parent_agrees: bool | None = None  # parent-as-duck: did the child say what the computer got?

    @property
    def given(self) -> bool:
        return self.how in (TYPED, EXPLAINED) and (self.how == EXPLAINED or bool(self.text and self.text.strip()))


@dataclass
class Outcome:
    """One step after the real run: what was said, what really happened, and whether they agree."""

    step: Step
    answer: Answer | None
    actual: str | None  # the real value in words for a predict step (None: no value; see ``ran``)
    ran: bool  # the line ran at least once
    agrees: bool | None
    note: str = ""
    fact: str = ""  # what really happened on that line, in words
    at: int | None = None  # when in the run the value was there (line event number), for ordering

    @property
    def line(self) -> int:
        return self.step.line


@dataclass
class Review:
    outcomes: list[Outcome]
    first: Outcome | None  # where the learner's idea and the computer first disagreed
    agreed: int
    checked: int  # predictions that could be checked
    explained: int
    run_words: str  # how the run went, in a sentence
    notices: list[str] = field(default_factory=list)  # things worth a look (a value that never changed...)
    headline: str = ""  # the duck's words about the predictions
    summary: str = ""  # headline + how the run went


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


class DuckSession:
    """One talk with the duck about one program."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        source: str | None = None,
        stdin: str = "",
        *,
        timeout: float | None = None,
        profile: str | None = None,
        use_astroid: bool = True,
        max_events: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.source = source if source is not None else self.path.read_text(encoding="utf-8-sig", errors="replace")
        self.stdin = stdin or ""
        self.timeout = timeout
        self.profile = profile
        self.max_events = max_events
        self.problem: ProgramProblem | None = None
        self.steps: list[Step] = []
        self.answers: dict[int, Answer] = {}
        self.trace: Trace | None = None
        self.trace_error: str | None = None
        self.started = time.time()
        self._tree = None
        self._lock = threading.Lock()
        self._trace_done = threading.Event()
        self._running: Any = None
        self._saved_steps: set[int] = set()
        self._cancelled = False
        self._typed: dict[str, frozenset[str]] | None = None
        self._words: frozenset[str] = frozenset()
        try:
            self._tree = parse_program(self.source)
            self.steps = build_steps(self.source, use_astroid=use_astroid, tree=self._tree)
        except ProgramProblem as exc:
            self.problem = exc

    @property
    def asks_for_typing(self) -> bool:
        """Does the program ask for typing (``input()``)? Then the duck must know what to type."""
        return self._tree is not None and any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "input" for n in ast.walk(self._tree))

    @property
    def typing_asked_once(self) -> bool:
        """The program asks for typing just once (one ``input()``, not in a loop or a function)."""
        if self._tree is None:
            return False
        calls = [n for n in ast.walk(self._tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == "input"]
        if len(calls) != 1:
            return False
        for node in ast.walk(self._tree):
            if isinstance(node, (ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                if any(c is calls[0] for c in ast.walk(node)):
                    return False
        return True

    @property
    def typing_wants_numbers(self) -> bool:
        """Every ``input()`` is turned into a number (``int(input())``): typing must be digits."""
        if self._tree is None:
            return False
        calls = [n for n in ast.walk(self._tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == "input"]
        wrapped = {id(n.args[0]) for n in ast.walk(self._tree) if isinstance(n, ast.Call)
                   and isinstance(n.func, ast.Name) and n.func.id in ("int", "float") and len(n.args) == 1}
        return bool(calls) and all(id(c) in wrapped for c in calls)

    # -- the real run ------------------------------------------------------------------------------
    def run_trace(self) -> Trace | None:
        """Run the program once with the tracer (blocking; safe to call from a worker thread)."""
        if self.problem is not None:
            self._trace_done.set()
            return None
        try:
            plan = build_plan(self.source, self._tree) if self._tree is not None else None
            kwargs: dict[str, Any] = {}
            if self.max_events is not None:
                kwargs["max_events"] = self.max_events
            trace = trace_program(self.path, source=self.source, stdin=self.stdin, timeout=self.timeout, plan=plan,
                                  on_start=self._started, **kwargs)
        except Exception as exc:  # the tutor must keep going whatever the program does
            self.trace_error = f"The duck could not run the program ({type(exc).__name__}: {exc})."
            trace = None
        with self._lock:
            self.trace = trace
        self._trace_done.set()
        return trace

    def _started(self, running: Any) -> None:
        self._running = running
        if self._cancelled:
            running.stop()

    def cancel(self) -> None:
        """Stop the real run if it is still going (the learner left, or pressed Ctrl+C)."""
        self._cancelled = True
        running = self._running
        if running is not None and not self._trace_done.is_set():
            running.stop()

    def start_trace(self) -> threading.Thread:
        thread = threading.Thread(target=self.run_trace, name="duck-trace", daemon=True)
        thread.start()
        return thread

    def wait_trace(self, timeout: float | None = None) -> Trace | None:
        self._trace_done.wait(timeout)
        return self.trace

    @property
    def trace_ready(self) -> bool:
        return self._trace_done.is_set()

    # -- answers -----------------------------------------------------------------------------------
    def answer(self, index: int, text: str | None) -> Answer:
        text = (text or "").strip()
        ans = Answer(text=text or None, how=TYPED if text else SKIPPED)
        self.answers[index] = ans
        return ans

    def mark(self, index: int, how: str, parent_agrees: bool | None = None) -> Answer:
        """Parent-as-duck: the child explained it out loud (EXPLAINED) or was not sure (NOT_SURE)."""
        ans = Answer(text=None, how=how, parent_agrees=parent_agrees)
        self.answers[index] = ans
        return ans

    # -- what really happened ----------------------------------------------------------------------
    def actual(self, step: Step) -> tuple[str | None, bool, bool, int | None, str]:
        """(value for comparing, ran, finished, when, note) for a predict step."""
        trace = self.trace
        target = step.target
        if trace is None or not trace.available or target is None:
            return None, False, True, None, ""
        line = target.line
        ran = trace.ran(line)
        at = (trace.last_at if target.when == LAST else trace.first_at).get(line)
        if target.what == RUNS:
            hits = trace.hits.get(line, 0)
            still = trace.stopped_early or trace.capped
            return str(hits), ran, not (still and hits > 0), at, ""
        if not ran:
            return None, False, True, None, ""
        if target.what == VALUE:
            seen = trace.values.get(line, {}).get(target.name or "")
            if seen is None:
                return None, True, True, at, self._why_no_value(line)
            return (seen.last if target.when == LAST else seen.first), True, True, at, ""
        if target.what == COUNT:
            runs = trace.loops.get(line)
            if not runs:
                return None, True, True, at, self._why_no_value(line)
            first = runs[0]
            return str(first.rounds), True, first.finished, first.ended_at or at, ""
        if target.what == OUTPUT:
            printed = trace.outputs.get(line)
            if not printed:
                return None, True, True, at, self._why_no_value(line)
            return (printed[-1] if target.when == LAST else printed[0]), True, True, at, ""
        if target.what == GIVES:
            seen = trace.returns.get(line)
            if seen is None:
                return None, True, True, at, self._why_no_value(line)
            return (seen.last if target.when == LAST else seen.first), True, True, at, ""
        if target.what == TRUTH:
            branch = trace.branches.get(line)
            if branch is None or not branch.seq:
                return None, True, True, at, self._why_no_value(line)
            return ("True" if branch.seq[0] else "False"), True, True, at, ""
        return None, ran, True, at, ""

    def _why_no_value(self, line: int) -> str:
        trace = self.trace
        if trace is not None and trace.raised.get(line):
            return f"Line {line} ran into a problem before it could finish."
        if trace is not None and trace.capped:
            return "The duck stopped watching before this was finished."
        return ""

    def outcome(self, step: Step) -> Outcome:
        ans = self.answers.get(step.index)
        trace = self.trace
        ran = bool(trace is not None and trace.available and trace.ran(step.line))
        fact = self.fact(step)
        if step.kind != PREDICT or step.target is None:
            return Outcome(step, ans, None, ran, None, "", fact, trace.first_at.get(step.line) if trace else None)
        value, ran, finished, at, why = self.actual(step)
        shown = _show_actual(step, value, finished, ran, why)
        if ans is None or trace is None or not trace.available:
            agrees: bool | None = None
            note = why
        elif not ran:
            # A line that did not run is never graded: there is nothing to compare with. (Saying it
            # would not run, when it did not, is right.)
            said_never = ans.how == TYPED and bool(ans.text) and compare(ans.text, None).agrees is True
            agrees = True if said_never else None
            note = NOT_RUN
            at = None
        elif ans.how == TYPED and ans.text:
            verdict: Verdict = compare(ans.text, value, step.target.what, finished=finished, name=step.target.name,
                                       meaning=self.meaning(step))
            agrees, note = verdict.agrees, verdict.note
            if value is None and ran and agrees is False:
                # the line ran but gave nothing to compare (it stopped with a problem): say so
                note = why or note
        elif ans.how == EXPLAINED:
            # Said out loud: the parent judged it; when the line gave nothing to show (it stopped
            # with a problem), say why.
            agrees, note = ans.parent_agrees, (why if value is None else "")
        else:
            agrees, note = None, ""
        return Outcome(step, ans, shown, ran, agrees, note, fact, at)

    def meaning(self, step: Step) -> Meaning | None:
        """What the duck knows about the step's line beyond its value (see ``meaning.py``)."""
        target = step.target
        if target is None or self._tree is None:
            return None
        try:
            if self._typed is None:
                self._typed = typed_names(self._tree)
                self._words = frozenset(words(self.source))
            if target.what == VALUE and target.name in self._typed:
                return Meaning(typed_words=self._typed[target.name], program_words=self._words)
            if target.what == OUTPUT:
                call = find_print(self._tree, target.line)
                pieces = print_pieces(call, self._typed) if call is not None else None
                return Meaning(pieces=pieces or None, program_words=self._words)
            return Meaning(program_words=self._words)
        except (RecursionError, ValueError):
            return None

    def fact(self, step: Step) -> str:
        """What really happened on the step's line, in a short sentence (for explain steps too)."""
        trace = self.trace
        if trace is None or not trace.available:
            return ""
        line = step.line
        hits = trace.hits.get(line, 0)
        if step.topic == "def":
            calls = trace.hits.get(step.body_line or 0, 0)
            returned = trace.func_returns.get(line)
            if not calls:
                return f"`{step.code.split('(')[0].replace('def ', '').strip()}` never ran." if step.body_line else ""
            if returned is None:
                return "It started, but never finished."
            gave = "" if returned.first == "None" else f" The first time it gave back {returned.first}."
            return f"It ran {_plural(returned.count, 'time')}.{gave}"
        if not hits:
            return f"Line {line} did not run this time."
        if step.topic in ("def", "class", "import"):
            return ""
        if line in trace.branches:
            b = trace.branches[line]
            return f"It was true {_plural(b.true, 'time')} and not true {_plural(b.false, 'time')}."
        if line in trace.loops and trace.loops[line]:
            runs = trace.loops[line]
            first = runs[0]
            more = "" if first.finished else " and was still going"
            return f"The first time, it went round {_plural(first.rounds, 'time')}{more}."
        seen = trace.values.get(line, {})
        name = step.target.name if step.target and step.target.name else next(iter(seen), None)
        ran = f"Line {line} ran {_plural(hits, 'time')}."
        if name and name in seen:
            s = seen[name]
            if s.count == 1 or s.first == s.last:
                return f"{ran} `{name}` was {s.first}."
            return f"{ran} `{name}` was {s.first} at first and {s.last} at the end."
        return ran

    def review(self) -> Review:
        outcomes = [self.outcome(step) for step in self.steps]
        checked = [o for o in outcomes if o.step.kind == PREDICT and o.agrees is not None]
        agreed = sum(1 for o in checked if o.agrees)
        explained = sum(1 for o in outcomes if o.step.kind == EXPLAIN and o.answer is not None and o.answer.given)
        # Only a line that ran, where the answer really was different, can send the child there.
        wrong = [o for o in checked if o.agrees is False and o.ran]
        big = 10**12
        # the earliest in the run; at the same moment (loops still going round), the innermost one
        wrong.sort(key=lambda o: (o.at if o.at is not None else big, -o.step.line if o.at is not None else o.step.line))
        first = wrong[0] if wrong else None
        run_words = self.run_words()
        notices = self.notices()
        review = Review(outcomes, first, agreed, len(checked), explained, run_words, notices)
        review.headline = self._headline(review)
        review.summary = " ".join(p for p in (review.headline, review.run_words) if p)
        return review

    def run_words(self) -> str:
        trace = self.trace
        if self.problem is not None:
            return str(self.problem)
        if trace is None:
            return self.trace_error or "The program has not run yet."
        result = trace.result
        seconds = result.duration_ms / 1000
        if result.outcome == "ok":
            return "The program ran to the end."
        if result.outcome == "exit":
            return f"The program ended itself (exit code {result.exit_code})."
        if result.outcome == "error" and result.error is not None:
            err = result.error
            if err.type == "EOFError":
                return f"Line {err.line} waited for typing, but the duck had nothing to type for it."
            where = f" on line {err.line}" if err.line else ""
            return f"The program stopped{where}: Python met a problem there ({err.type})."
        if result.outcome == "timeout":
            busiest = max(trace.hits.items(), key=lambda kv: kv[1], default=None)
            if result.stuck is not None and result.stuck.waiting_for_input:
                return "The program was still waiting for typing, so the tutor stopped it."
            extra = f" Line {busiest[0]} ran {busiest[1]:,} times while the duck watched." if busiest else ""
            return f"The program was still going after {seconds:.0f} seconds, so the tutor stopped it.{extra}"
        if result.outcome == "killed":
            if result.limit == "output":
                return "The program printed so much that the tutor stopped it. Maybe a loop never ends?"
            if result.limit == "memory":
                return "The program needed too much memory, so the tutor stopped it."
            return "The tutor had to stop the program."
        return f"The program ended ({result.outcome})."

    def printed(self, max_lines: int = 8) -> list[str]:
        """The first lines the program printed in the real run (for "what really happened")."""
        trace = self.trace
        if trace is None or not trace.result.stdout:
            return []
        lines = trace.result.stdout.splitlines()
        shown = [line[:200] for line in lines[:max_lines]]
        if len(lines) > max_lines or trace.result.truncated:
            shown.append("…")
        return shown

    def notices(self) -> list[str]:
        """Things worth a look: a loop whose checked values never changed, lines that never ran."""
        trace = self.trace
        if trace is None or not trace.available:
            return []
        out: list[str] = []
        plan_loops = {}
        try:
            plan_loops = build_plan(self.source, self._tree).get("loops", {}) if self._tree is not None else {}
        except Exception:
            plan_loops = {}
        for key, spec in plan_loops.items():
            line = int(key)
            runs = trace.loops.get(line) or []
            hits = trace.hits.get(line, 0)
            if hits < 3 or not runs:
                continue
            seen = trace.values.get(line, {})
            for name in spec[3]:
                s = seen.get(name)
                if s is not None and s.count >= 3 and len(set(s.seq)) == 1 and s.first == s.last:
                    out.append(f"`{name}` was {s.first} every one of the {s.count:,} times line {line} checked it.")
            if not runs[0].finished and not any(name in (seen or {}) for name in spec[3]):
                out.append(f"The loop on line {line} was still going round when the program was stopped.")
        if trace.capped:
            out.append(f"The duck watched the first {trace.max_events:,} steps of the run, then let it go on alone.")
        return out

    def _headline(self, review: Review) -> str:
        if self.problem is not None:
            return ""
        if review.first is not None:
            o = review.first
            said = o.answer.text if o.answer and o.answer.text else "something else"
            return (
                f"You and the computer said the same {review.agreed} of {_plural(review.checked, 'time')}. "
                f"The first difference is line {o.line}: you said {said}, but {real_words(o)}. "
                "That is a good place to look for the bug!"
            )
        stopped = self._stopped_line()
        if stopped is not None and any(o.answer is not None and o.answer.given and not o.ran for o in review.outcomes):
            return (f"Your program stopped on line {stopped}, so some lines did not run this time. "
                    f"Line {stopped} is a good place to look!")
        if review.checked:
            both = "both times" if review.checked == 2 else f"all {review.checked} times" if review.checked > 2 else ""
            return f"You and the computer said the same thing{' ' + both if both else ''}. You really know your program!"
        if review.explained:
            return f"You explained {_plural(review.explained, 'line')}. Great talking it through!"
        return "Saying each line out loud is how programmers find their bugs. Try it next time!"

    def _stopped_line(self) -> int | None:
        """The line where the real run stopped with a problem (None: it did not, or no run)."""
        trace = self.trace
        error = trace.result.error if trace is not None and trace.available else None
        if error is None or not error.line or error.type == "EOFError":
            return None
        return int(error.line)

    # -- records -----------------------------------------------------------------------------------
    def transcript(self, review: Review | None = None) -> dict[str, Any]:
        """The ``tutor duck --json`` object (shared/contracts/cli.md), with a few extra fields."""
        review = review or self.review()
        steps = []
        for o in review.outcomes:
            a = o.answer
            steps.append(
                {
                    "line": o.step.line,
                    "code": o.step.code,
                    "question": o.step.question,
                    "kind": o.step.kind,
                    "answer": a.text if a is not None and a.how == TYPED else None,
                    "actual": o.actual if o.step.kind == PREDICT else None,
                    "agrees": o.agrees if o.step.kind == PREDICT else None,
                    "how": a.how if a is not None else None,
                    "fact": o.fact or None,
                    "note": o.note or None,
                }
            )
        trace = self.trace
        return {
            "steps": steps,
            "summary": review.summary,
            "program": str(self.path),
            "first_disagreement": (
                {"line": review.first.line, "step": review.outcomes.index(review.first)} if review.first else None
            ),
            "agreed": review.agreed,
            "checked": review.checked,
            "notices": review.notices,
            "problem": str(self.problem) if self.problem else None,
            "run": (
                {
                    "outcome": trace.result.outcome,
                    "error": trace.result.error.to_json() if trace.result.error else None,
                    "hits": {str(k): v for k, v in sorted(trace.hits.items())},
                    "capped": trace.capped,
                }
                if trace is not None
                else None
            ),
        }

    def save(self, mode: str = "plain", review: Review | None = None, home: Any = None,
             exercise_id: str | None = None) -> bool:
        """Keep the child's explanations and predictions in the profile's session log.

        One ``duck`` event per step the child answered (see ``tutor/progress/events.py``): ``path``,
        ``line``, ``code``, ``step_kind``, ``question``, ``answer`` (their own words; None when
        it was said out loud to a parent), ``actual``, ``agrees``, plus ``how`` (typed /
        explained / not_sure) and ``via`` (``cli`` or ``app``). Steps already saved are not
        saved again. Returns True when something was written.
        """
        if not self.profile:
            return False
        review = review or self.review()
        said = [
            o for o in review.outcomes
            if o.answer is not None and o.answer.how != SKIPPED and o.step.index not in self._saved_steps
        ]
        if not said:
            return False
        try:
            from ..progress.log import SessionLog  # the session log (tutor/progress)
        except ImportError:
            return False
        try:
            log = SessionLog(self.profile, home=home) if home is not None else SessionLog(self.profile)
            for o in said:
                assert o.answer is not None
                data: dict[str, Any] = {
                    "path": str(self.path),
                    "line": o.step.line,
                    "code": o.step.code,
                    "step_kind": o.step.kind,
                    "question": o.step.question,
                    "answer": o.answer.text if o.answer.how == TYPED else None,
                    "actual": o.actual if o.step.kind == PREDICT else None,
                    "agrees": o.agrees if o.step.kind == PREDICT else None,
                    "ran": o.ran,
                    "how": o.answer.how,
                    "mode": mode,
                    "via": "cli" if mode == "plain" else "app",
                }
                if exercise_id:
                    data["exercise_id"] = exercise_id
                log.append("duck", **data)
                self._saved_steps.add(o.step.index)
        except Exception:
            return bool(self._saved_steps)
        return True


def real_words(o: Outcome) -> str:
    """What really happened for a predict step, to follow "you said ..., but"."""
    target = o.step.target
    if o.actual is None:
        if not o.ran:
            return "this line did not run this time"
        return (o.note.rstrip(".") if o.note else "there was nothing to see").replace("Line", "line", 1)
    if target is not None and target.what == COUNT:
        if o.actual.startswith("still going"):
            return f"it was {o.actual.replace('going', 'going round')}"
        return f"it went round {o.actual}"
    if target is not None and target.what == RUNS:
        if o.actual.startswith("still going"):
            return f"it was {o.actual}"
        return f"it ran {o.actual}" if o.actual != "0 times" else "this line did not run this time"
    if target is not None and target.what == OUTPUT:
        return f"it printed {o.actual}"
    if target is not None and target.what == TRUTH:
        return "it was true" if o.actual.startswith("yes") else "it was not true"
    if target is not None and target.what == GIVES:
        return f"it gave back {o.actual}"
    name = target.name if target is not None and target.name else None
    return f"`{name}` was {o.actual}" if name else f"the computer got {o.actual}"


def _show_actual(step: Step, value: str | None, finished: bool, ran: bool, why: str) -> str | None:
    if value is None:
        return None
    what = step.target.what if step.target else None
    if what in (COUNT, RUNS):
        n = int(value)
        if not finished:
            return f"still going after {_plural(n, 'time')}"
        return f"{n:,} {'time' if n == 1 else 'times'}"
    if what == TRUTH:
        return "yes (True)" if value == "True" else "no (False)"
    if what == OUTPUT:
        text = value[:-1] if value.endswith("\n") else value
        return repr(text) if text != text.strip() or not text else text
    return value


__all__ = [
    "Answer",
    "DuckSession",
    "EXPLAINED",
    "NOT_RUN",
    "NOT_SURE",
    "Outcome",
    "Review",
    "SKIPPED",
    "TYPED",
    "is_unsure",
]
