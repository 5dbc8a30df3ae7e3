"""The duck's line tracer: the child side. Runs inside the learner's process, never in the tutor's.

The runner's bootstrap executes this file before the learner's program with ``send(**data)``,
``program_path`` and ``options`` in its namespace, and calls ``finish(outcome)`` after the program
ends (also on a time-out). Standard library only; works on Python 3.10-3.13.

``options`` (built by ``tutor.duck.tracer.build_plan``; all keys are strings, JSON-like):
- ``max_events``: how many line events to record; after that tracing stops and the program goes on
  under the runner's time limit.
- ``remap``: ``{inner_line: statement_line}`` for lines inside multi-line statements.
- ``watch``: ``{line: [name, "self.score", ...]}``: the names a line touches, read after it runs.
- ``loops``: ``{header_line: [end_line, body_first, body_first_end, [names]]}``.
- ``branches``: ``{if_line: [body_start, body_end]}``.
- ``funcs``: ``[first_line, name]`` of the program's functions (``co_firstlineno``, ``co_name``).
- ``plan_file``: the same plan as JSON in a file (used when the plan is too big for options).

What it sends (one message, in ``finish``): ``{"trace": {...}}`` with hits per line, when each line
first/last ran (event numbers), the values the watched names held after each line (first, last,
count, a short sequence), the changes of each name over time, loop runs, branch outcomes, values
given back by ``return`` lines, functions and calls, lines where something went wrong, and whether
the cap was reached. Values are short text forms built without running any of the learner's code.
"""

import sys

_o = options  # noqa: F821 - given by the bootstrap
if _o.get("plan_file"):
    import json as _json

    with open(_o["plan_file"], encoding="utf-8") as _f:
        _o = dict(_o, **_json.load(_f))

_PROG = program_path  # noqa: F821
_SEND = send  # noqa: F821
_MAX_EVENTS = int(_o.get("max_events", 20000))
_MAX_REPR = int(_o.get("max_repr", 60))
_MAX_SEQ = int(_o.get("max_seq", 40))
_MAX_CHANGES = int(_o.get("max_changes", 80))
_MAX_RUNS = 30
_BUDGET = [int(_o.get("budget_chars", 400_000))]

_REMAP = {int(k): int(v) for k, v in (_o.get("remap") or {}).items()}
_WATCH = {int(k): tuple(v) for k, v in (_o.get("watch") or {}).items()}
_LOOPS = {int(k): (int(v[0]), int(v[1]), int(v[2]), tuple(v[3])) for k, v in (_o.get("loops") or {}).items()}
_BODY_FIRST = {}
for _k, _v in _LOOPS.items():
    _BODY_FIRST[_v[1]] = _k
_BRANCHES = {int(k): (int(v[0]), int(v[1])) for k, v in (_o.get("branches") or {}).items()}
_FUNCS = frozenset((int(x[0]), str(x[1])) for x in (_o.get("funcs") or ()))

_state = {"events": 0, "capped": False, "cap_line": None, "done": False, "broken": 0}
_hits = {}
_first_at = {}
_last_at = {}
_values = {}  # line -> name -> [first, last, count, seq]
_changes = {}  # name -> [[event, line, text], ...]
_last_seen = {}  # name -> text
_change_counts = {}
_loop_runs = {}  # line -> [[iterations, {name: text}, finished], ...]
_loop_totals = {}  # line -> [entries, iterations]
_branch_runs = {}  # line -> [true, false, [first outcomes]]
_returns = {}  # return line -> [first, last, count]
_func_returns = {}
_call_returns = {}
_raised = {}
_open_entries = []  # loop entries still going round (for the report when tracing stops)
_prints = {}  # line -> [what each print() call on that line wrote, ...]
_print_count = [0]

_MISSING = object()

try:
    import types as _types

    _SKIP_TYPES = (
        _types.FunctionType,
        _types.BuiltinFunctionType,
        _types.MethodType,
        _types.ModuleType,
        type,
    )
except Exception:  # pragma: no cover
    _SKIP_TYPES = (type,)


def _cut(text):
    if len(text) > _MAX_REPR:
        return text[: _MAX_REPR - 3] + "..."
    return text


def _show(value, depth=0):
    """A short text form of a value, made without calling any of the learner's code."""
    t = type(value)
    if value is None or t is bool:
        return repr(value)
    if issubclass(t, bool):
        return repr(bool(value))
    if issubclass(t, int):
        if int.bit_length(value) > 200:
            return "<a number with about %d digits>" % int(int.bit_length(value) * 0.30103 + 1)
        return int.__repr__(value)
    if issubclass(t, float):
        return float.__repr__(value)
    if issubclass(t, complex):
        return complex.__repr__(value)
    if issubclass(t, str):
        return _cut(str.__repr__(str.__getitem__(value, slice(0, _MAX_REPR + 2))))
    if issubclass(t, range):
        return range.__repr__(value)
    if depth > 2:
        return "..."
    if issubclass(t, (list, tuple)):
        base = list if issubclass(t, list) else tuple
        n = base.__len__(value)
        items = [_show(x, depth + 1) for x in base.__getitem__(value, slice(0, 10))]
        if n > 10:
            items.append("...")
        if base is list:
            return _cut("[" + ", ".join(items) + "]")
        return _cut("(" + ", ".join(items) + ("," if n == 1 else "") + ")")
    if issubclass(t, dict):
        items = []
        for i, (k, v) in enumerate(dict.items(value)):
            if i >= 8:
                items.append("...")
                break
            items.append(_show(k, depth + 1) + ": " + _show(v, depth + 1))
        return _cut("{" + ", ".join(items) + "}")
    if issubclass(t, (set, frozenset)):
        base = set if issubclass(t, set) else frozenset
        if base.__len__(value) == 0:
            return "set()"
        items = []
        for i, x in enumerate(base.__iter__(value)):
            if i >= 10:
                items.append("...")
                break
            items.append(_show(x, depth + 1))
        return _cut("{" + ", ".join(items) + "}")
    if issubclass(t, _SKIP_TYPES):
        return None
    module = type.__getattribute__(t, "__module__") if isinstance(t, type) else None
    name = type.__getattribute__(t, "__name__")
    if module == "__main__" or module is None:
        try:
            fields = object.__getattribute__(value, "__dict__")
        except Exception:
            return "<%s>" % name
        if type(fields) is not dict:
            return "<%s>" % name
        parts = []
        for i, (k, v) in enumerate(dict.items(fields)):
            if i >= 5:
                parts.append("...")
                break
            shown = _show(v, depth + 1)
            if shown is not None:
                parts.append("%s=%s" % (k, shown))
        return _cut("%s(%s)" % (name, ", ".join(parts)))
    try:  # a type from the standard library (datetime, Fraction, ...): its own short form
        return _cut(repr(value))
    except Exception:
        return "<%s>" % name


def _attr(value, name):
    try:
        fields = object.__getattribute__(value, "__dict__")
    except Exception:
        fields = None
    if type(fields) is dict and name in fields:
        return dict.__getitem__(fields, name)
    try:
        mro = type.__getattribute__(type(value), "__mro__")
    except Exception:
        return _MISSING
    for klass in mro:
        d = type.__getattribute__(klass, "__dict__")
        if name in d:
            found = d[name]
            if issubclass(type(found), (_types.FunctionType, property, staticmethod, classmethod)):
                return _MISSING
            return found
    return _MISSING


def _lookup(frame, name):
    parts = name.split(".")
    local = frame.f_locals
    if parts[0] in local:
        value = local[parts[0]]
    else:
        glob = frame.f_globals
        if parts[0] not in glob:
            return _MISSING
        value = glob[parts[0]]
    for part in parts[1:]:
        value = _attr(value, part)
        if value is _MISSING:
            return _MISSING
    return value


def _record_values(frame, line):
    names = _WATCH.get(line)
    if not names:
        return
    event = _state["events"]
    per_line = _values.get(line)
    if per_line is None:
        per_line = _values[line] = {}
    for name in names:
        value = _lookup(frame, name)
        if value is _MISSING:
            continue
        text = _show(value)
        if text is None:
            continue
        slot = per_line.get(name)
        if slot is None:
            per_line[name] = [text, text, 1, [text]]
            _BUDGET[0] -= len(text) * 2
        else:
            slot[1] = text
            slot[2] += 1
            if len(slot[3]) < _MAX_SEQ and _BUDGET[0] > 0:
                slot[3].append(text)
                _BUDGET[0] -= len(text)
        if _last_seen.get(name) != text:
            _last_seen[name] = text
            _change_counts[name] = _change_counts.get(name, 0) + 1
            seen = _changes.get(name)
            if seen is None:
                seen = _changes[name] = []
            if len(seen) < _MAX_CHANGES and _BUDGET[0] > 0:
                seen.append([event, line, text])
                _BUDGET[0] -= len(text) + 12


def _note(table, key, text):
    slot = table.get(key)
    if slot is None:
        table[key] = [text, text, 1]
    else:
        slot[1] = text
        slot[2] += 1


def _end_entry(frame, entry, finished=True):
    line, count = entry[0], entry[1]
    snapshot = {}
    if frame is not None:
        for name in _LOOPS[line][3]:
            value = _lookup(frame, name)
            if value is not _MISSING:
                text = _show(value)
                if text is not None:
                    snapshot[name] = text
    runs = _loop_runs.get(line)
    if runs is None:
        runs = _loop_runs[line] = []
    if len(runs) < _MAX_RUNS:
        runs.append([count, snapshot, finished, min(_state["events"], _MAX_EVENTS)])
    totals = _loop_totals.get(line)
    if totals is None:
        totals = _loop_totals[line] = [0, 0]
    totals[0] += 1
    totals[1] += count
    try:
        _open_entries.remove(entry)
    except ValueError:
        pass


def _stop_tracing(frame):
    _state["done"] = True
    sys.settrace(None)
    while frame is not None:
        try:
            frame.f_trace = None
        except Exception:
            pass
        frame = frame.f_back


def _make_local():
    # Per frame: the statement line that ran last, whether it ended in trouble, the `if` waiting
    # for its outcome, and the loops going round right now.
    st = [None, False, None]
    loops = []

    def local(frame, event, arg):
        if _state["done"]:
            frame.f_trace = None
            return None
        try:
            if event == "line":
                raw = frame.f_lineno
                line = _REMAP.get(raw, raw)
                prev = st[0]
                if line == prev:
                    return local
                _state["events"] += 1
                n = _state["events"]
                if n > _MAX_EVENTS:
                    _state["capped"] = True
                    _state["cap_line"] = line
                    if prev is not None and not st[1]:
                        _record_values(frame, prev)
                    _stop_tracing(frame)
                    return None
                if prev is not None and not st[1]:
                    _record_values(frame, prev)
                st[1] = False
                _hits[line] = _hits.get(line, 0) + 1
                if line not in _first_at:
                    _first_at[line] = n
                _last_at[line] = n
                pending = st[2]
                if pending is not None:
                    body = _BRANCHES[pending]
                    outcome = body[0] <= line <= body[1]
                    slot = _branch_runs.get(pending)
                    if slot is None:
                        slot = _branch_runs[pending] = [0, 0, []]
                    slot[0 if outcome else 1] += 1
                    if len(slot[2]) < _MAX_SEQ:
                        slot[2].append(outcome)
                    st[2] = None
                if line in _BRANCHES:
                    st[2] = line
                # Loops that this line is outside of have ended.
                while loops and not (loops[-1][0] <= line <= _LOOPS[loops[-1][0]][0]):
                    _end_entry(frame, loops.pop())
                # A new time round a loop: its first body line, coming from outside that line.
                outer = _BODY_FIRST.get(line)
                if outer is not None:
                    first_end = _LOOPS[outer][2]
                    if prev is None or not (line < prev <= first_end):
                        if not loops or loops[-1][0] != outer:
                            entry = [outer, 0]
                            loops.append(entry)
                            _open_entries.append(entry)
                        loops[-1][1] += 1
                if line in _LOOPS and (not loops or loops[-1][0] != line):
                    entry = [line, 0]
                    loops.append(entry)
                    _open_entries.append(entry)
                st[0] = line
            elif event == "return":
                prev = st[0]
                failed = st[1]
                if prev is not None and not failed:
                    _record_values(frame, prev)
                while loops:
                    _end_entry(None if failed else frame, loops.pop(), not failed)
                code = frame.f_code
                if not failed and not (code.co_flags & 0x2A0):  # not a generator/coroutine
                    first = code.co_firstlineno
                    if (first, code.co_name) in _FUNCS:
                        text = _show(arg)
                        if text is None:
                            text = "<%s>" % type(arg).__name__
                        if prev is not None:
                            _note(_returns, prev, text)
                        _note(_func_returns, first, text)
                        caller = frame.f_back
                        if caller is not None and caller.f_code.co_filename == _PROG:
                            cl = _REMAP.get(caller.f_lineno, caller.f_lineno)
                            _note(_call_returns, cl, text)
                st[0] = None
            elif event == "exception":
                line = st[0]
                if line is not None:
                    _raised[line] = _raised.get(line, 0) + 1
                st[1] = True
                st[2] = None
        except Exception:
            # Never let the tracer change what the learner's program does.
            _state["broken"] += 1
        return local

    return local


def _global(frame, event, arg):
    if _state["done"] or frame.f_code.co_filename != _PROG:
        return None
    local = _make_local()
    return local


def _wrap_print():
    """Note what each ``print()`` call writes, by the learner's line that called it."""
    import builtins

    real_print = builtins.print

    def print(*args, **kwargs):  # noqa: A001 - stands in for the learner's print()
        if kwargs.get("file") is not None or _print_count[0] >= 2000 or _BUDGET[0] <= 0:
            return real_print(*args, **kwargs)
        import io

        buf = io.StringIO()
        flush = kwargs.pop("flush", False)
        kwargs["file"] = buf
        real_print(*args, **kwargs)
        text = buf.getvalue()
        try:
            frame = sys._getframe(1)
            while frame is not None and frame.f_code.co_filename != _PROG:
                frame = frame.f_back
            if frame is not None:
                line = _REMAP.get(frame.f_lineno, frame.f_lineno)
                seen = _prints.get(line)
                if seen is None:
                    seen = _prints[line] = []
                if len(seen) < _MAX_SEQ:
                    seen.append(text[:200])
                    _BUDGET[0] -= min(len(text), 200) + 8
                _print_count[0] += 1
        except Exception:
            pass
        out = sys.stdout
        if out is not None:
            out.write(text)
            if flush:
                out.flush()

    print.__doc__ = real_print.__doc__
    builtins.print = print


def _keys(table):
    return {str(k): v for k, v in table.items()}


def finish(outcome):
    if not _state["done"]:
        _state["done"] = True
        sys.settrace(None)
    for entry in list(_open_entries):
        _end_entry(None, entry, finished=False)
    _SEND(
        trace={
            "outcome": outcome,
            "events": min(_state["events"], _MAX_EVENTS),
            "max_events": _MAX_EVENTS,
            "capped": _state["capped"],
            "cap_line": _state["cap_line"],
            "hits": _keys(_hits),
            "first_at": _keys(_first_at),
            "last_at": _keys(_last_at),
            "values": _keys(_values),
            "changes": _changes,
            "change_counts": _change_counts,
            "loops": _keys(_loop_runs),
            "loop_totals": _keys(_loop_totals),
            "branches": _keys(_branch_runs),
            "returns": _keys(_returns),
            "func_returns": _keys(_func_returns),
            "call_returns": _keys(_call_returns),
            "raised": _keys(_raised),
            "prints": _keys(_prints),
            "broken": _state["broken"],
        }
    )


_wrap_print()
sys.settrace(_global)
