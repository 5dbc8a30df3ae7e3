"""The explainer's engine: ask the diagnosers, rank their hints, check fixes, choose one hint.

Steps:
1. every registered diagnoser that matches the outcome (and the error's class family) looks at the
   ``Context`` and may give hints; a diagnoser that fails is logged and skipped;
2. hints are tidied (line inside the program, a ladder of levels, fixes that fit the program) and
   ranked: lower diagnoser priority first, then higher confidence, then the order they came in;
3. the fixes of the best hints are tried on copies of the program (``verify.verify_fixes``), most
   likely first, in parallel; the first that really works wins;
4. the best-ranked hint whose fix worked is chosen, with ``verified = True``. When none worked, the
   best hint is kept with ``verified = False``, and its fix is dropped if the copy failed exactly as
   the original did (the edit did not even help).

Nothing here ever raises: if anything inside goes wrong, the child still gets a kind hint about the
line Python named, and the problem is logged (logger ``tutor.explain``).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from .context import Context
from .hint import Fix, Hint
from .registry import Diagnoser, diagnosers_for
from .words import describe_change, friendly_error_name

log = logging.getLogger("tutor.explain")

#: Fixes from at most this many of the best hints are tried.
MAX_HINTS_VERIFIED = 3


@dataclass
class EngineResult:
    hint: Hint | None
    hints: list[Hint] = field(default_factory=list)  # every hint given, best first
    trials: list[Any] = field(default_factory=list)  # verify.Trial for each fix tried
    explain_ms: float = 0.0
    verify_ms: float = 0.0
    problems: list[str] = field(default_factory=list)  # internal problems (also logged)
    diagnoser_ms: dict[str, float] = field(default_factory=dict)  # time each diagnoser took
    search: Any = None  # search.SearchResult when the repair search ran


# -- collecting ---------------------------------------------------------------------------------
def _as_list(value: Any) -> list[Hint]:
    if value is None:
        return []
    if isinstance(value, Hint):
        return [value]
    return [h for h in value if isinstance(h, Hint)]


def _tidy(hint: Hint, diag: Diagnoser, ctx: Context) -> Hint | None:
    """Make a diagnoser's hint safe to show; None when it cannot be."""
    if not hint.diagnoser:
        hint.diagnoser = diag.id
    n_lines = max(1, len(ctx.lines))
    try:
        line = int(hint.line)
    except (TypeError, ValueError):
        line = 0
    if line == n_lines + 1:
        line = n_lines  # a new line added after the last one: point at the line it follows
    if not (1 <= line <= n_lines):
        fallback_line = ctx.error.line if ctx.error is not None else None
        line = fallback_line if fallback_line and 1 <= fallback_line <= n_lines else 1
    hint.line = line
    levels = [str(t) for t in (hint.levels or []) if t and str(t).strip()]
    title = str(hint.title or "").strip() or (levels[0] if levels else "")
    if not title:
        return None
    if not levels:
        levels = [title]
    hint.title, hint.levels = title, levels
    good: list[Fix] = []
    for fix in hint.all_fixes():
        try:
            if isinstance(fix, Fix) and fix.apply(ctx.source) != ctx.source and fix not in good:
                good.append(fix)
        except Exception:
            log.warning("diagnoser %s gave a fix that does not fit the program: %r", hint.diagnoser, fix)
    hint.fix = good[0] if good else None
    hint.candidates = good[1:]
    hint.verified = False
    try:
        hint.confidence = max(0.0, min(1.0, float(hint.confidence)))
    except (TypeError, ValueError):
        hint.confidence = 0.5
    hint.notes = dict(hint.notes or {})
    hint.notes.setdefault("priority", diag.priority)
    return hint


def collect(ctx: Context, problems: list[str] | None = None, timings: dict[str, float] | None = None) -> list[Hint]:
    """Every hint the matching diagnosers give, tidied and ranked (best first)."""
    problems = problems if problems is not None else []
    timings = timings if timings is not None else {}
    try:
        found = diagnosers_for(ctx)
        if os.environ.get("TUTOR_EXPLAIN_SEARCH_ONLY") == "1":
            # A developer's setting (bench/explain_corpus.py --search-only): measure the repair
            # search alone, with only the fallback diagnoser.
            found = [d for d in found if d.id == "fallback"]
    except Exception as exc:
        log.exception("could not list the diagnosers")
        problems.append(f"registry: {exc!r}")
        found = []
    ranked: list[tuple[tuple[Any, ...], Hint]] = []
    for diag in found:
        started = time.perf_counter()
        try:
            given = _as_list(diag.func(ctx))
        except Exception as exc:
            log.exception("diagnoser %s failed", diag.id)
            problems.append(f"{diag.id}: {exc!r}")
            continue
        finally:
            timings[diag.id] = (time.perf_counter() - started) * 1000
        for hint in given:
            try:
                tidy = _tidy(hint, diag, ctx)
            except Exception as exc:
                log.exception("hint from %s could not be tidied", diag.id)
                problems.append(f"{diag.id}: {exc!r}")
                continue
            if tidy is not None:
                ranked.append(((diag.priority, -tidy.confidence, len(ranked)), tidy))
    ranked.sort(key=lambda pair: pair[0])
    return [hint for _, hint in ranked]


# -- choosing -----------------------------------------------------------------------------------
def _candidates(hints: Iterable[Hint], limit: int) -> list[tuple[Hint, Fix]]:
    out: list[tuple[Hint, Fix]] = []
    seen: list[Fix] = []
    used_hints = 0
    for hint in hints:
        fixes = hint.all_fixes()
        if not fixes:
            continue
        used_hints += 1
        if used_hints > MAX_HINTS_VERIFIED:
            break
        for fix in fixes:
            if fix in seen:
                continue
            seen.append(fix)
            out.append((hint, fix))
            if len(out) >= limit:
                return out
    return out


def _keep_data(ctx: Context, hints: list[Hint]) -> None:
    """Drop every proposed fix that edits the data the program is checked with (the values
    top-level code passes to the learner's own functions, ``assert`` lines): such an edit can make
    one check pass without mending anything (``knapsack(40, ...)`` -> ``knapsack(41, ...)``)."""
    if ctx.tree is None:
        return
    from .search import changed_span, protected_spans, touches

    spans = protected_spans(ctx.source, ctx.tree)
    if not spans:
        return
    for hint in hints:
        fixes = hint.all_fixes()
        kept = []
        for fix in fixes:
            try:
                if touches(changed_span(fix, ctx.source), spans):
                    continue
            except Exception:
                continue
            kept.append(fix)
        if len(kept) != len(fixes):
            if not kept and hint.fix is not None and len(hint.levels) >= 3:
                hint.levels = hint.levels[:-1]  # it described the dropped edit
            # No fix of its own now: the first kept candidate that works gets its own last level.
            hint.fix = kept[0] if kept and kept[0] == hint.fix else None
            hint.candidates = kept[1:] if hint.fix is not None else kept
            hint.notes["data_edits_dropped"] = len(fixes) - len(kept)


def _set_fix(hint: Hint, fix: Fix | None, ctx: Context) -> None:
    """Give ``hint`` its final fix and keep the last level saying exactly that change."""
    original = hint.fix
    if fix is None:
        if original is not None and len(hint.levels) >= 3:
            hint.levels = hint.levels[:-1]  # it described an edit that did not help
        hint.fix, hint.candidates = None, []
        return
    hint.fix, hint.candidates = fix, []
    if fix != original or len(hint.levels) < 2:
        change = describe_change(fix, ctx.source)
        if fix != original and len(hint.levels) >= 3:
            hint.levels[-1] = change
        else:
            hint.levels.append(change)


def choose(ctx: Context, hints: list[Hint], trials: list[Any], pairs: list[tuple[Hint, Fix]]) -> Hint | None:
    if not hints:
        return None
    for (hint, fix), trial in zip(pairs, trials):
        if trial.solved:
            _set_fix(hint, fix, ctx)
            hint.verified = True
            return hint
    best = hints[0]
    tried = {id(fix): trial for (h, fix), trial in zip(pairs, trials) if h is best}
    keep: Fix | None = None
    for fix in best.all_fixes():
        trial = tried.get(id(fix))
        if trial is not None and (trial.same_problem or trial.failure):
            continue  # the copy failed just as before: this edit does not help
        keep = fix
        break
    _set_fix(best, keep, ctx)
    best.verified = False
    return best


def explain_context(ctx: Context, *, verify: bool = True, max_candidates: int | None = None) -> EngineResult:
    """Explain what happened in ``ctx``: the chosen hint (None only for outcome ``ok``). Never raises."""
    t0 = time.perf_counter()
    out = EngineResult(hint=None)
    try:
        if ctx.outcome == "ok":
            out.explain_ms = (time.perf_counter() - t0) * 1000
            return out
        ctx.extra.setdefault("verify", verify)
        hints = collect(ctx, out.problems, out.diagnoser_ms)
        _keep_data(ctx, hints)
        out.hints = hints
        # Some diagnosers (loops, wrong output) try their candidate edits on copies themselves:
        # that time is verification, not explaining.
        tried_ms = sum(float(h.notes.get("verify_ms", 0.0) or 0.0) for h in hints)
        out.verify_ms += tried_ms
        out.explain_ms = max(0.0, (time.perf_counter() - t0) * 1000 - tried_ms)
        trials: list[Any] = []
        pairs: list[tuple[Hint, Fix]] = []
        if verify and hints:
            from .verify import MAX_CANDIDATES, verify_fixes

            pairs = _candidates(hints, max_candidates or MAX_CANDIDATES)
            if pairs:
                t1 = time.perf_counter()
                trials = verify_fixes(
                    ctx.path,
                    ctx.source,
                    ctx.result,
                    [fix for _, fix in pairs],
                    stdin=ctx.stdin,
                    expected_output=ctx.expected_output,
                    limits=ctx.limits,
                    other_checks=ctx.extra.get("other_checks", ()),
                )
                out.verify_ms += (time.perf_counter() - t1) * 1000
        out.trials = trials
        t2 = time.perf_counter()
        if verify:
            out.hint = choose(ctx, hints, trials, pairs)
        elif hints:
            out.hint = hints[0]
        out.explain_ms += (time.perf_counter() - t2) * 1000
        if verify and not (out.hint is not None and out.hint.verified):
            found = _search(ctx, out)
            if found is not None:
                if out.hint is not None:
                    out.hints.append(out.hint)
                out.hint = found
        if out.hint is None:
            out.hint = last_resort_hint(ctx)
        from .ladder import grade

        grade(out.hint, ctx.source)
    except Exception as exc:
        log.exception("the explainer failed; giving a simple hint instead")
        out.problems.append(f"engine: {exc!r}")
        out.hint = last_resort_hint(ctx)
        out.explain_ms = (time.perf_counter() - t0) * 1000 - out.verify_ms
    return out


def _search(ctx: Context, out: EngineResult) -> Hint | None:
    """The repair stage: no diagnoser's fix worked, so search for one small verified edit."""
    from .search import repair

    t0 = time.perf_counter()
    result = repair(ctx)
    spent = (time.perf_counter() - t0) * 1000
    out.verify_ms += result.verify_ms
    out.explain_ms += max(0.0, spent - result.verify_ms)
    out.search = result
    if "problem" in result.notes:
        out.problems.append(f"search: {result.notes['problem']}")
    return result.hint


# -- the hint of last resort --------------------------------------------------------------------
def last_resort_hint(ctx: Context) -> Hint:
    """A kind hint that needs nothing but the run result (used when everything else failed)."""
    try:
        outcome = ctx.outcome
    except Exception:
        outcome = getattr(ctx.result, "outcome", "error")
    n_lines = max(1, len(ctx.source.splitlines()))
    line = 1
    if outcome == "error" and ctx.result.error is not None:
        err = ctx.result.error
        line = err.line or 1
        kind = friendly_error_name(err.type)
        title = f"Line {line}: Python stopped here because of {kind}. Every error is a clue!"
        why = f"Python says: {err.type}: {err.message}" if err.message else f"Python says: {err.type}"
        levels = [title, f"Look closely at line {line}. {why}", "Read the line out loud, word by word. Does each part do what you meant?"]
    elif outcome == "killed" and ctx.result.limit in ("memory", "processes", "signal", "stopped"):
        err = ctx.result.error
        stuck = ctx.result.stuck
        line = (err.line if err is not None else None) or (stuck.line if stuck is not None else None) or 1
        limit = ctx.result.limit
        if limit == "memory":
            title = f"Line {line}: your program needed more and more memory. Is something growing without end?"
            levels = [title, "A list or a piece of text that keeps getting bigger fills up the memory. Check what makes it stop growing."]
        elif limit == "processes":
            title = f"Line {line}: your program tried to start too many other programs."
            levels = [title, "The tutor lets a program start only a few others. Does it need to start any?"]
        elif limit == "stopped":
            title = "You stopped your program. Run it again when you are ready!"
            levels = [title]
        else:
            title = f"Line {line}: your program stopped suddenly. Look at what it was doing there."
            levels = [title, "Something went very wrong inside Python. Check the last lines that ran, one by one."]
    elif outcome in ("timeout", "killed"):
        stuck = ctx.result.stuck
        line = (stuck.line if stuck is not None else None) or 1
        title = f"Line {line}: your program kept going and going. Maybe a loop never stops?"
        levels = [title, f"Your program was busy around line {line} when the tutor stopped it. Check what makes the loop stop."]
    else:
        title = "Your program ran, but it printed something different. Check the instructions again!"
        levels = [title, "Compare what your program printed with what it should print, line by line."]
    line = line if 1 <= line <= n_lines else 1
    return Hint(diagnoser="explainer-fallback", line=line, title=title, levels=levels, confidence=0.0)
