"""The parents' report: what happened, what it means, and what to talk about next.

``build_report(profile, home=None)`` reads the profile's session log (``log.jsonl``) and progress
store (``progress.json``) and gives a ``Report``: sessions and time spent, every exercise tried
(tries, clues, solved, fixed alone or with clues, time), each kind of error met described in plain
words, the child's explanations to the rubber duck word for word, and three suggestions of what
to talk about next, worked out from all that.

Renderers: ``Report.to_json()`` (``tutor report --format json``), ``render_text()`` (the terminal),
``render_markdown()`` (the app's Parent screen) and ``tutor.progress.report_html.render_html()``.

Reading is tolerant: unknown event kinds are ignored, missing fields are fine, torn lines in the
log are skipped (and counted). Time spent is the sum of each session's active time: the gaps
between one event and the next, leaving out gaps longer than ``IDLE_GAP`` (the child was away).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from . import events as ev
from .plain_words import diagnoser_words, error_words

#: Gaps between two events longer than this are idle time, not counted as time spent.
IDLE_GAP = timedelta(minutes=10)
MAX_DUCK_NOTES = 200
MAX_TEXT = 2000  # a child's explanation longer than this is cut (with a mark) in the report

FIXED_ALONE = "fixed alone"
WITH_CLUES = "with clues"
NOT_YET = "not solved yet"

_PROBLEM_OUTCOMES = ("timeout", "killed", "wrong-output", "exit")


# -- the model ------------------------------------------------------------------------------------
@dataclass
class ExerciseLine:
    id: str
    title: str
    tries: int = 0
    runs: int = 0
    clues_used: int = 0
    fixes_applied: int = 0
    solved: bool = False
    fixed_alone: bool = False
    seconds: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)  # error kind key -> times met
    last_time: str | None = None

    @property
    def status(self) -> str:
        if not self.solved:
            return NOT_YET
        return FIXED_ALONE if self.fixed_alone else WITH_CLUES

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status
        data["seconds"] = round(self.seconds, 1)
        return data


@dataclass
class ErrorKind:
    key: str  # Python's error name ("NameError") or an outcome ("timeout", "wrong-output")
    name: str  # in plain words
    plain: str  # what it means, in a sentence or two
    talk: str  # something to ask or try together
    count: int = 0
    exercises: list[str] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)  # {"diagnoser", "plain", "count"}
    first_seen: str | None = None
    last_seen: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DuckNote:
    time: str | None
    exercise_id: str | None
    file: str | None
    line: int | None
    code: str | None
    step_kind: str | None
    question: str | None
    answer: str | None  # the child's words exactly as typed; None when said out loud
    actual: str | None
    agrees: bool | None
    how: str | None = "typed"  # typed, explained (out loud, to a parent) or not_sure
    ran: bool | None = None  # did the line run in the duck's run (None: not recorded, older logs)

    @property
    def words(self) -> str:
        """The answer, or what happened when there are no typed words."""
        if self.answer is not None:
            return self.answer
        if self.how == "not_sure":
            return "(not sure yet)"
        return "(explained it out loud)"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SessionInfo:
    id: str
    start: str | None
    end: str | None
    seconds: float
    runs: int = 0
    checks: int = 0
    clues: int = 0
    solved: int = 0
    duck_answers: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 1)
        return data


@dataclass
class Suggestion:
    topic: str  # a few words
    say: str  # what to say or do
    why: str  # the data behind it
    category: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"topic": self.topic, "say": self.say, "why": self.why, "category": self.category}


@dataclass
class Report:
    profile: str
    generated: str
    sessions: list[SessionInfo]
    seconds: float
    exercises: list[ExerciseLine]
    errors: list[ErrorKind]
    duck: list[DuckNote]
    suggestions: list[Suggestion]
    totals: dict[str, int]
    settings: dict[str, Any] = field(default_factory=dict)
    settings_words: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped_lines: int = 0

    @property
    def empty(self) -> bool:
        return not self.exercises and not self.sessions and not self.duck

    def to_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "generated": self.generated,
            "time_spent_seconds": round(self.seconds, 1),
            "time_spent": format_duration(self.seconds),
            "totals": dict(self.totals),
            "sessions": [s.to_json() for s in self.sessions],
            "exercises": [e.to_json() for e in self.exercises],
            "errors": [e.to_json() for e in self.errors],
            "duck": [d.to_json() for d in self.duck],
            "suggestions": [s.to_json() for s in self.suggestions],
            "settings": dict(self.settings),
            "problems": list(self.problems),
            "skipped_log_lines": self.skipped_lines,
        }


# -- building it ----------------------------------------------------------------------------------
def error_key(outcome: str | None, error_type: str | None) -> str | None:
    """The kind of a problem: Python's error name, or how the run ended; None when all was well."""
    if error_type:
        return error_type
    if outcome in _PROBLEM_OUTCOMES:
        return outcome
    if outcome == "error":
        return "error"
    return None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment is not None else None


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _load_titles() -> dict[str, str]:
    try:
        from ..exercises import load_exercises

        return {e.id: e.title for e in load_exercises().exercises}
    except Exception:  # titles are a nicety; the report must come out without them
        return {}


def build_report(
    profile: str,
    home: Path | None = None,
    *,
    titles: Mapping[str, str] | None = None,
    now: datetime | None = None,
    events: Iterable[dict[str, Any]] | None = None,
) -> Report:
    """The report for ``profile``. ``titles`` maps exercise ids to titles (loaded when None);
    ``events`` replaces reading the log (for tests and tools)."""
    from .log import SessionLog
    from .settings import load_settings
    from .store import ProgressStore

    problems: list[str] = []
    skipped = 0
    if events is None:
        log = SessionLog(profile, home)
        try:
            raw_events = log.events()
        except OSError as exc:
            raw_events = []
            problems.append(f"The session log could not be read ({exc.strerror or exc}).")
        skipped = log.skipped
    else:
        raw_events = list(events)
    try:
        store = ProgressStore(profile, home)
        progress = store.all()
        if store.problem:
            problems.append(store.problem)
    except OSError as exc:
        progress = {}
        problems.append(f"The progress file could not be read ({exc.strerror or exc}).")
    if skipped:
        problems.append(f"{skipped} damaged line(s) in the session log were skipped (the rest is fine).")
    settings = load_settings(home)
    if settings.problem:
        problems.append(settings.problem)  # the parent hears if the settings file was deleted or changed
    if titles is None:
        titles = _load_titles()
    model = _Builder(titles).build(raw_events, progress)
    suggestions = suggest(model["exercises"], model["errors"], model["duck"], model["sessions"], model["totals"])
    now = now or datetime.now().astimezone()
    return Report(
        profile=profile,
        generated=now.isoformat(timespec="seconds"),
        sessions=model["sessions"],
        seconds=model["seconds"],
        exercises=model["exercises"],
        errors=model["errors"],
        duck=model["duck"],
        suggestions=suggestions,
        totals=model["totals"],
        settings=settings.to_json(),
        settings_words=settings.describe(),
        problems=problems,
        skipped_lines=skipped,
    )


class _Builder:
    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = titles

    def _exercise(self, table: dict[str, ExerciseLine], ex_id: str) -> ExerciseLine:
        if ex_id not in table:
            table[ex_id] = ExerciseLine(ex_id, self.titles.get(ex_id) or _title_from_id(ex_id))
        return table[ex_id]

    def build(self, raw_events: list[dict[str, Any]], progress: Mapping[str, Any]) -> dict[str, Any]:
        evs = [e for e in (ev.normalise(r) for r in raw_events) if e is not None and e["kind"] in ev.KINDS]
        # Oldest first; events with no readable time keep their place after the timed ones before them.
        evs = _in_time_order(evs)

        exercises: dict[str, ExerciseLine] = {}
        log_tries: Counter[str] = Counter()
        log_clues: dict[str, int] = {}
        solved_in_log: dict[str, bool] = {}  # exercise -> fixed alone (by the log)
        helped: set[str] = set()  # clue or tutor's fix seen before the exercise was solved
        errors: dict[str, ErrorKind] = {}
        details: dict[str, Counter[str]] = defaultdict(Counter)
        duck: list[DuckNote] = []
        sessions: dict[str, SessionInfo] = {}
        session_events: dict[str, list[dict[str, Any]]] = defaultdict(list)
        totals: Counter[str] = Counter()
        # One mistake is counted once: the same problem again on the same program (run again,
        # or its run and its check) is the same mistake until something else happens there.
        last_problem: dict[str, str | None] = {}
        streak_details: set[tuple[str, str, str]] = set()

        grouping = _SessionGrouping()
        for e in evs:
            sid = grouping(e)
            session_events[sid].append(e)
            if sid not in sessions:
                sessions[sid] = SessionInfo(sid, None, None, 0.0)
            s = sessions[sid]
            kind = e["kind"]
            ex_id = e.get("exercise_id")
            line = self._exercise(exercises, ex_id) if ex_id else None
            if line is not None and e["time"] is not None:
                line.last_time = _iso(e["time"])
            if kind in (ev.RUN, ev.CHECK):
                if kind == ev.RUN:
                    s.runs += 1
                    totals["runs"] += 1
                    if line is not None:
                        line.runs += 1
                else:
                    s.checks += 1
                    totals["checks"] += 1
                    if ex_id and e.get("changed") is not False:  # a try is a run of changed code
                        log_tries[ex_id] += 1
                        if e.get("passed") is True and ex_id not in solved_in_log:
                            solved_in_log[ex_id] = ex_id not in helped
                problem = None if (kind == ev.CHECK and e.get("passed") is True) else error_key(
                    e.get("outcome"), e.get("error_type"))
                if kind == ev.RUN and e.get("outcome") == "wrong-output":
                    problem = "wrong-output"
                target = ex_id or e.get("path") or "?"
                if problem is None and ((kind == ev.CHECK and e.get("passed") is True)
                                        or (kind == ev.RUN and not ex_id and e.get("outcome") == "ok")):
                    last_problem[target] = None  # it worked: the next problem is a new mistake
                same_mistake = problem is not None and last_problem.get(target) == problem
                if problem and same_mistake:
                    diagnoser = e.get("hint_diagnoser")
                    if diagnoser and (target, problem, diagnoser) not in streak_details:
                        streak_details.add((target, problem, diagnoser))
                        details[problem][diagnoser] += 1
                if problem and not same_mistake:
                    last_problem[target] = problem
                    streak_details = {k for k in streak_details if k[0] != target}
                    if e.get("hint_diagnoser"):
                        streak_details.add((target, problem, e["hint_diagnoser"]))
                    totals["errors"] += 1
                    s.errors[problem] = s.errors.get(problem, 0) + 1
                    kind_entry = errors.get(problem)
                    if kind_entry is None:
                        words = error_words(problem)
                        kind_entry = errors[problem] = ErrorKind(problem, words.name, words.plain, words.talk)
                    kind_entry.count += 1
                    when = _iso(e["time"])
                    if when:
                        kind_entry.first_seen = kind_entry.first_seen or when
                        kind_entry.last_seen = when
                    if ex_id and ex_id not in kind_entry.exercises:
                        kind_entry.exercises.append(ex_id)
                    if line is not None:
                        line.errors[problem] = line.errors.get(problem, 0) + 1
                    if e.get("hint_diagnoser"):
                        details[problem][e["hint_diagnoser"]] += 1
            elif kind == ev.CLUE:
                s.clues += 1
                totals["clues"] += 1
                if ex_id:
                    level = e.get("level") or 1
                    log_clues[ex_id] = max(log_clues.get(ex_id, 0), max(1, level))
                    if ex_id not in solved_in_log:
                        helped.add(ex_id)
            elif kind == ev.FIX_APPLIED:
                totals["fixes_applied"] += 1
                if line is not None:
                    line.fixes_applied += 1
                if ex_id and ex_id not in solved_in_log:
                    helped.add(ex_id)
            elif kind == ev.SOLVED:
                s.solved += 1
                if ex_id and ex_id not in solved_in_log:
                    solved_in_log[ex_id] = ex_id not in helped and not (e.get("clues_used") or 0)
                if ex_id and e.get("tries"):
                    log_tries[ex_id] = max(log_tries[ex_id], e["tries"])
                if ex_id and e.get("clues_used"):
                    log_clues[ex_id] = max(log_clues.get(ex_id, 0), e["clues_used"])
            elif kind == ev.DUCK:
                answer = e.get("answer")
                typed = isinstance(answer, str) and bool(answer.strip())
                how = e.get("how")
                if typed or how in ("explained", "not_sure"):
                    s.duck_answers += 1
                    totals["duck_answers"] += 1
                    if not typed:
                        totals["duck_out_loud" if how == "explained" else "duck_not_sure"] += 1
                    duck.append(DuckNote(
                        time=_iso(e["time"]),
                        exercise_id=ex_id,
                        file=Path(e["path"]).name if e.get("path") else None,
                        line=e.get("line"),
                        code=_clip(e["code"]) if e.get("code") else None,
                        step_kind=e.get("step_kind"),
                        question=_clip(e["question"]) if e.get("question") else None,
                        answer=_clip(answer) if typed else None,
                        actual=_clip(e["actual"]) if e.get("actual") is not None else None,
                        agrees=e.get("agrees"),
                        how=how if how in ev.DUCK_HOW else ("typed" if typed else None),
                        ran=e["ran"] if isinstance(e.get("ran"), bool) else None,
                    ))

        # time: per session, the gaps between events, idle gaps left out
        per_exercise_seconds: Counter[str] = Counter()
        total_seconds = 0.0
        for sid, items in session_events.items():
            s = sessions[sid]
            timed = [x for x in items if x["time"] is not None]
            if timed:
                s.start = _iso(min(x["time"] for x in timed))
                s.end = _iso(max(x["time"] for x in timed))
            current: str | None = None
            for before, after in zip(timed, timed[1:]):
                gap = after["time"] - before["time"]
                current = before.get("exercise_id") or current
                if timedelta(0) < gap <= IDLE_GAP:
                    secs = gap.total_seconds()
                    s.seconds += secs
                    # Events about an exercise (or the child's own program: None) own the time
                    # before them; session-start/-end carry on with what came before.
                    target = after["exercise_id"] if "exercise_id" in after else current
                    if target:
                        per_exercise_seconds[target] += secs
            total_seconds += s.seconds

        # the progress store is the record of tries, clues and solving; the log fills gaps
        for ex_id, p in progress.items():
            line = self._exercise(exercises, ex_id)
            line.tries = max(int(p.tries or 0), log_tries.get(ex_id, 0))
            line.clues_used = max(int(p.clues_used or 0), log_clues.get(ex_id, 0))
            line.solved = bool(p.solved) or ex_id in solved_in_log
            if p.solved:
                alone = bool(p.fixed_alone)
                if ex_id in solved_in_log:
                    alone = alone and solved_in_log[ex_id]
            else:
                alone = solved_in_log.get(ex_id, False)
            line.fixed_alone = line.solved and alone
            line.seconds = per_exercise_seconds.get(ex_id, 0.0) or float(p.seconds or 0.0)
            if line.last_time is None:
                line.last_time = p.solved_at or p.first_tried
        for ex_id, line in exercises.items():
            if ex_id in progress:
                continue
            line.tries = log_tries.get(ex_id, 0)
            line.clues_used = log_clues.get(ex_id, 0)
            line.solved = ex_id in solved_in_log
            line.fixed_alone = solved_in_log.get(ex_id, False)
            line.seconds = per_exercise_seconds.get(ex_id, 0.0)
        if total_seconds == 0 and not session_events:
            total_seconds = sum(line.seconds for line in exercises.values())

        for key, entry in errors.items():
            entry.details = [
                {"diagnoser": d, "plain": diagnoser_words(d), "count": n}
                for d, n in details[key].most_common()
            ]
        ordered_sessions = sorted(sessions.values(), key=lambda s: (s.start or "", s.id))
        ordered_exercises = sorted(exercises.values(), key=lambda x: (x.last_time or "", x.id))
        totals["exercises_tried"] = sum(1 for x in exercises.values() if x.tries or x.runs or x.clues_used)
        totals["exercises_solved"] = sum(1 for x in exercises.values() if x.solved)
        totals["fixed_alone"] = sum(1 for x in exercises.values() if x.solved and x.fixed_alone)
        totals["tries"] = sum(x.tries for x in exercises.values())
        totals["sessions"] = len(ordered_sessions)
        for name in ("runs", "checks", "clues", "errors", "fixes_applied", "duck_answers", "duck_out_loud",
                     "duck_not_sure"):
            totals.setdefault(name, 0)
        return {
            "exercises": ordered_exercises,
            "errors": sorted(errors.values(), key=lambda k: (-k.count, k.key)),
            "duck": duck[-MAX_DUCK_NOTES:],
            "sessions": ordered_sessions,
            "seconds": total_seconds,
            "totals": dict(totals),
        }


class _SessionGrouping:
    """Which report session an event belongs to.

    A tutor session that began with ``session-start`` (the app) is a session of its own. Events
    from one-off commands (each ``tutor check`` is its own short run, with no ``session-start``)
    join the session going on at the time (its last event at most ``IDLE_GAP`` earlier), so a
    child working in a terminal gets one session per sitting, not one per command.
    """

    def __init__(self) -> None:
        self.mapping: dict[str, str] = {}
        self.last_group: str | None = None
        self.last_time: datetime | None = None

    def __call__(self, e: dict[str, Any]) -> str:
        raw = e["session"] or ("day-" + e["time"].date().isoformat() if e["time"] else "unknown")
        group = self.mapping.get(raw)
        if group is None:
            close = (
                e["kind"] != ev.SESSION_START
                and self.last_group is not None
                and self.last_time is not None
                and e["time"] is not None
                and timedelta(0) <= e["time"] - self.last_time <= IDLE_GAP
            )
            group = self.last_group if close and self.last_group is not None else raw
            self.mapping[raw] = group
        if e["time"] is not None:
            self.last_group, self.last_time = group, e["time"]
        return group


def _in_time_order(evs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Oldest first (a stable sort); an event with no readable time stays after the one before it."""
    keyed: list[tuple[float, int, dict[str, Any]]] = []
    last = float("-inf")
    for n, e in enumerate(evs):
        if e["time"] is not None:
            last = e["time"].timestamp()
        keyed.append((last, n, e))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [e for _, _, e in keyed]


def _title_from_id(ex_id: str) -> str:
    words = re.sub(r"^\d+-", "", ex_id).replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else ex_id


# -- what to talk about next ----------------------------------------------------------------------
def suggest(
    exercises: list[ExerciseLine],
    errors: list[ErrorKind],
    duck: list[DuckNote],
    sessions: list[SessionInfo],
    totals: Mapping[str, int],
) -> list[Suggestion]:
    """Three things to talk about next, the most useful first, each backed by what happened."""
    found: list[tuple[float, Suggestion]] = []

    def add(score: float, category: str, topic: str, say: str, why: str) -> None:
        found.append((score, Suggestion(topic, say, why, category)))

    # The duck: a prediction that did not match is the best conversation there is.
    # Only a line that ran (older logs: one with a real value) is worth talking about.
    missed = [d for d in duck if d.agrees is False and (d.ran if d.ran is not None else d.actual is not None)]
    if missed:
        d = missed[-1]
        where = f"line {d.line}" if d.line else "one line"
        if d.answer is not None:
            really = (f'why is it {_quote(d.actual, 60)}?"' if d.actual is not None
                      else 'what really happens there?"')
            add(95, "duck-mismatch", f"What {where} really does",
                f'Ask: "You thought {where} would give {_quote(d.answer, 60)}. Let\'s run it and look: '
                f"{really} Finding out why is the learning.",
                f"Talking to the duck, they predicted {_quote(d.answer, 40)}"
                + (f" but the program gave {_quote(d.actual, 40)}." if d.actual is not None
                   else ", which is not what the program did."))
        else:
            add(95, "duck-mismatch", f"What {where} really does",
                f'Ask: "What do you think {where} gives? Let\'s run it and look." It really gives '
                f"{_quote(d.actual or 'something else', 60)}: finding out why is the learning.",
                f"Talking to the duck, their guess for {where} did not match what the program did.")

    unsure = [d for d in duck if d.how == "not_sure"]
    if unsure:
        d = unsure[-1]
        where = f"line {d.line}" if d.line else "one line"
        code = f" ({_quote(d.code.strip(), 40)})" if d.code and d.code.strip() else ""
        add(80, "duck-not-sure", f"Exploring {where} together",
            f'Read {where} together and ask: "What do you think it does? How could we find out?" '
            "Adding a print() just after it shows what is happening.",
            f"Talking to the duck, they were not sure about {where}{code}.")

    stuck = [x for x in exercises if not x.solved and x.tries >= 3]
    if stuck:
        x = max(stuck, key=lambda x: x.tries)
        add(85 + min(x.tries, 10), "stuck", f"Being stuck on “{x.title}”",
            "Sit together and ask them to read the task out loud, then say what their program prints. "
            "Compare the two: “check the instructions” is the first debugging habit.",
            f"{x.tries} tries so far and not solved yet. Every try is progress.")

    if errors:
        top = errors[0]
        if top.count >= 2:
            detail = ""
            if top.details:
                detail = " " + str(top.details[0]["plain"])
            add(70 + min(top.count, 20), "error-" + top.key, top.name, top.talk,
                f"Met {top.count} times.{detail}")

    helped_fixes = sum(x.fixes_applied for x in exercises)
    if helped_fixes >= 2:
        add(66, "fix-applied", "Understanding the tutor's changes",
            'Before using the tutor\'s exact change, ask: "Can you tell me why that change fixes it?" '
            "Then try the next one without it.",
            f"The tutor's exact change was put in {helped_fixes} times.")

    with_clues = [x for x in exercises if x.solved and not x.fixed_alone]
    if with_clues:
        x = with_clues[-1]
        add(60, "with-clues", f"What the clue showed on “{x.title}”",
            "Ask them to explain in their own words what the clue pointed at, and how they would "
            "spot it next time. That turns a clue into a skill.",
            f"Solved with {x.clues_used} clue level(s).")

    alone = [x for x in exercises if x.solved and x.fixed_alone]
    if alone:
        x = alone[-1]
        add(58, "fixed-alone", f"Celebrate “{x.title}”",
            'Ask: "How did you find it?" and let them show you. Explaining a win makes it stick, and '
            "it is worth being proud of.",
            f"Fixed alone after {x.tries} tr{'y' if x.tries == 1 else 'ies'}.")

    if not duck and (totals.get("runs", 0) + totals.get("checks", 0)) >= 3:
        add(55, "be-the-duck", "Be the rubber duck",
            "Ask them to explain their program to you line by line, what each line does. You don't "
            "need to know Python: just listen and ask \"and then what happens?\"",
            "No explanations to the duck yet.")

    quick = _hurried(sessions, totals)
    if quick:
        add(50, "small-changes", "One small change at a time",
            "Suggest changing one small thing, then running it, then looking at what changed. "
            "Small changes make a big difference.",
            quick)

    long_sessions = [s for s in sessions if s.seconds >= 50 * 60]
    if long_sessions:
        add(40, "breaks", "Short breaks help",
            "After 20-30 minutes, a short break and a fresh look often finds the bug straight away.",
            f"{len(long_sessions)} session(s) of nearly an hour or more.")

    # Always three: the four habits, for when there is little to go on.
    add(20, "habit-instructions", "Check the instructions",
        "Before running, ask them to say in their own words what the program should do.",
        "One of the four debugging habits.")
    add(19, "habit-try-again", "Errors are clues",
        "When an error comes up, say \"great, a clue!\" and read its line together. Every try is progress.",
        "One of the four debugging habits.")
    add(18, "be-the-duck", "Be the rubber duck",
        "Ask them to explain their code to you, line by line. Saying it out loud often shows the bug.",
        "One of the four debugging habits.")
    if not exercises:
        add(30, "start", "Start together",
            "Sit together for the first exercise: let them drive, and you ask the questions.",
            "No exercises tried yet.")

    found.sort(key=lambda t: -t[0])
    out: list[Suggestion] = []
    seen: set[str] = set()
    for _, s in found:
        if s.category in seen:
            continue
        seen.add(s.category)
        out.append(s)
        if len(out) == 3:
            break
    return out


def _hurried(sessions: list[SessionInfo], totals: Mapping[str, int]) -> str | None:
    """A note when many tries came fast (under ~20 s apart), else None."""
    attempts = totals.get("runs", 0) + totals.get("checks", 0)
    seconds = sum(s.seconds for s in sessions)
    if attempts >= 8 and seconds and seconds / attempts < 20:
        return f"{attempts} runs and checks, about one every {seconds / attempts:.0f} seconds."
    return None


def _quote(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{text}”"


# -- words for people -----------------------------------------------------------------------------
def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return "less than a minute" if seconds else "no time yet"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def format_when(iso: str | None) -> str:
    if not iso:
        return "?"
    moment = ev.parse_time(iso)
    if moment is None:
        return iso
    return moment.strftime("%a %d %b, %H:%M")


def status_words(line: ExerciseLine) -> str:
    return {FIXED_ALONE: "✔ fixed alone", WITH_CLUES: "✔ with clues", NOT_YET: "… not solved yet"}[line.status]


def _lower_first(words: str) -> str:
    """"A name Python did not know" -> "a name Python did not know" (names keep their capitals)."""
    return words[:1].lower() + words[1:]


#: What each number in the summary means, in the words the report shows next to them.
NUMBERS_MEAN = (
    "A try is a run of changed code on an exercise (running the same code again is not a new try). "
    "Runs counts every press of Run. Clues opened counts the clues asked for (the first clue "
    "after a run shows by itself and is not counted). Errors met counts each different mistake once, "
    "however many times the same code was run."
)


def render_text(report: Report, paint: Callable[..., str] | None = None) -> str:
    """The report for a terminal (``paint`` as term.Painter; plain without it)."""
    p = paint or (lambda text, *styles: text)
    out: list[str] = []
    t = report.totals
    out.append(p(f"Report for {report.profile}", "bold", "cyan"))
    out.append(p(f"made {format_when(report.generated)}", "dim"))
    out.append("")
    for problem in report.problems:
        out.append(p(f"Note: {problem}", "yellow"))
    if report.problems:
        out.append("")
    if report.empty:
        out.append(f"Nothing yet: {report.profile} has not tried any exercises.")
        out.append("")
    out.append(p("Summary", "bold"))
    out.append(f"  Sessions: {t.get('sessions', 0)}    Time spent: {format_duration(report.seconds)}")
    out.append(f"  Exercises tried: {t.get('exercises_tried', 0)}    solved: {t.get('exercises_solved', 0)} "
               f"({t.get('fixed_alone', 0)} fixed alone)")
    out.append(f"  Tries: {t.get('tries', 0)}    Runs: {t.get('runs', 0)}    Clues opened: {t.get('clues', 0)}    "
               f"Errors met: {t.get('errors', 0)}")
    out.append(p("  " + NUMBERS_MEAN, "dim"))
    if report.sessions:
        out.append("")
        out.append(p("Sessions", "bold"))
        for s in report.sessions[-10:]:
            out.append(f"  {format_when(s.start):<18} {format_duration(max(s.seconds, 1)):<20} "
                       f"{s.runs} run(s), {s.checks} check(s), {s.solved} solved")
        if len(report.sessions) > 10:
            out.append(p(f"  (and {len(report.sessions) - 10} earlier)", "dim"))
    if report.exercises:
        out.append("")
        out.append(p("Exercises", "bold"))
        for x in report.exercises:
            colour = "green" if x.solved else "yellow"
            out.append("  " + p(safe_text(x.title), "bold") + p(f"  ({safe_text(x.id)})", "dim"))
            out.append(f"    {p(status_words(x), colour)}   tries: {x.tries}   clues used: {x.clues_used}   "
                       f"time: {format_duration(x.seconds)}")
            if x.errors:
                met = ", ".join(f"{_lower_first(error_words(k).name)} ×{n}" for k, n in sorted(
                    x.errors.items(), key=lambda kv: -kv[1]))
                out.append(p(f"    met: {met}", "dim"))
    if report.errors:
        out.append("")
        out.append(p("Errors met, in plain words", "bold"))
        for k in report.errors:
            out.append("  " + p(f"{k.name}", "bold") + p(f" ({k.key}) ×{k.count}", "dim"))
            out.extend(_wrap(k.plain, "    "))
            for d in k.details[:3]:
                out.extend(_wrap(f"• {d['plain']} (×{d['count']})", "    "))
    if report.duck:
        out.append("")
        out.append(p("What they explained to the duck (their own words)", "bold"))
        for d in report.duck[-20:]:
            where = " ".join(x for x in (d.file or "", f"line {d.line}" if d.line else "") if x)
            out.append("  " + p(safe_text(where) or "?", "cyan") + (p(f"   {safe_text(d.code.strip())}", "dim") if d.code else ""))
            if d.question:
                out.extend(_wrap(f"Duck: {d.question}", "    "))
            # The child's words as they wrote them: their own line breaks, never re-wrapped.
            answer_lines = safe_text(d.words).split("\n")
            who = f"{report.profile}:"
            out.append("    " + p(who, "bold") + " " + answer_lines[0])
            out.extend("    " + " " * (len(who) + 1) + more for more in answer_lines[1:])
            if d.agrees is not None:
                mark = p("✔ matched", "green") if d.agrees else p(mismatch_words(d), "yellow")
                out.append(f"    {mark}")
    out.append("")
    out.append(p("What to talk about next", "bold"))
    for n, s in enumerate(report.suggestions, start=1):
        out.append("  " + p(f"{n}. {s.topic}", "bold", "magenta"))
        out.extend(_wrap(s.say, "     "))
        out.extend(_wrap(f"Why: {s.why}", "     ", dim=p))
    out.append("")
    out.append(p("Settings", "bold"))
    for words in report.settings_words:
        out.append(f"  {words}")
    return "\n".join(out) + "\n"


def mismatch_words(d: DuckNote) -> str:
    if d.actual is not None:
        return f"✘ the program really gave {safe_text(d.actual)}"
    return "✘ not what the program really did"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def safe_text(text: Any) -> str:
    """Text with control characters (terminal escape codes, ...) shown as \ufffd, new lines kept."""
    return _CONTROL.sub("\ufffd", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def _wrap(text: str, indent: str, width: int = 88, dim: Callable[..., str] | None = None) -> list[str]:
    import textwrap

    text = safe_text(text)
    lines = textwrap.wrap(text, width=width - len(indent), break_long_words=True, break_on_hyphens=False) or [""]
    if dim is not None:
        return [indent + dim(line, "dim") for line in lines]
    return [indent + line for line in lines]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'=:$^])")


def md_escape(text: Any) -> str:
    """Text shown exactly as written in Markdown (nothing in it becomes a link, a heading...)."""
    text = safe_text(text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\n", " ")


def render_markdown(report: Report) -> str:
    """The report as Markdown, for the app's Parent screen (every piece of text escaped)."""
    e = md_escape
    t = report.totals
    out: list[str] = [f"# Report for {e(report.profile)}", ""]
    for problem in report.problems:
        out += [f"> **Note:** {e(problem)}", ""]
    if report.empty:
        out += [f"Nothing yet: {e(report.profile)} has not tried any exercises\\. "
                "Sit together for the first one\\!", ""]
    out += [
        "## Summary", "",
        f"- **Sessions:** {t.get('sessions', 0)}; **time spent:** {e(format_duration(report.seconds))}",
        f"- **Exercises tried:** {t.get('exercises_tried', 0)}; **solved:** {t.get('exercises_solved', 0)} "
        f"\\({t.get('fixed_alone', 0)} fixed alone\\)",
        f"- **Tries:** {t.get('tries', 0)}; **runs:** {t.get('runs', 0)}; **clues opened:** {t.get('clues', 0)}; "
        f"**errors met:** {t.get('errors', 0)}",
        "",
        e(NUMBERS_MEAN),
        "",
        "## What to talk about next", "",
    ]
    for n, s in enumerate(report.suggestions, start=1):
        out += [f"{n}\\. **{e(s.topic)}**: {e(s.say)}  ", f"   *{e(s.why)}*", ""]
    if report.exercises:
        out += ["## Exercises", "", "| Exercise | Result | Tries | Clues | Time |", "| --- | --- | --- | --- | --- |"]
        for x in report.exercises:
            out.append(f"| {e(x.title)} | {e(status_words(x))} | {x.tries} | {x.clues_used} | "
                       f"{e(format_duration(x.seconds))} |")
        out.append("")
    if report.errors:
        out += ["## Errors met, in plain words", ""]
        for k in report.errors:
            out.append(f"- **{e(k.name)}** \\({e(k.key)}, {k.count}×\\): {e(k.plain)}")
            for d in k.details[:3]:
                out.append(f"  - {e(d['plain'])} \\({d['count']}×\\)")
        out.append("")
    if report.duck:
        out += ["## What they explained to the duck", "", "*Their own words, exactly as typed\\.*", ""]
        for d in report.duck[-20:]:
            where = " ".join(x for x in (d.file or "", f"line {d.line}" if d.line else "") if x) or "?"
            line = f"- **{e(where)}**"
            if d.code:
                line += f" `{safe_text(d.code.strip()).replace('`', 'ˋ')}`"
            out.append(line)
            if d.question:
                out.append(f"  - Duck: {e(d.question)}")
            words = e(d.answer) if d.answer is not None else f"*{e(d.words)}*"
            out.append(f"  - **{e(report.profile)}:** {words}")
            if d.agrees is True:
                out.append("  - ✔ matched what the program did")
            elif d.agrees is False:
                out.append(f"  - {e(mismatch_words(d))}")
        out.append("")
    if report.sessions:
        out += ["## Sessions", "", "| Started | Time | Runs | Checks | Solved |", "| --- | --- | --- | --- | --- |"]
        for s in report.sessions[-15:]:
            out.append(f"| {e(format_when(s.start))} | {e(format_duration(max(s.seconds, 1)))} | {s.runs} | {s.checks} | "
                       f"{s.solved} |")
        out.append("")
    return "\n".join(out) + "\n"


__all__ = [
    "DuckNote",
    "ErrorKind",
    "ExerciseLine",
    "FIXED_ALONE",
    "IDLE_GAP",
    "NOT_YET",
    "Report",
    "SessionInfo",
    "Suggestion",
    "WITH_CLUES",
    "build_report",
    "error_key",
    "format_duration",
    "md_escape",
    "mismatch_words",
    "safe_text",
    "render_markdown",
    "render_text",
    "suggest",
]
