"""The step recorder: the child side. Runs inside the learner's process, never in the tutor's.

The runner's bootstrap executes this file before the learner's program with ``send(**data)``,
``program_path`` and ``options`` in its namespace, and calls ``finish(outcome)`` after the program
ends (also on a time-out). Standard library only; works on Python 3.10-3.13. On 3.12+ it listens
with ``sys.monitoring``; on 3.10/3.11 (or with ``options["backend"] == "settrace"``) with
``sys.settrace``.

``options``:
- ``max_steps``: how many steps to record; then the program is stopped (the trace says so).
- ``remap``: ``{inner_line: statement_line}`` for lines inside multi-line statements.
- ``backend``: ``"monitoring"`` or ``"settrace"`` (default: the best this Python has).
- ``chunk``: steps per message (each message stays far below the runner's size limit).

Messages (``send(trace=...)``): ``{"chunk": [step, ...]}`` while recording, then one ``{"end": {...}}``.
A step is ``[line, event, function_index, depth, activation, stdout_len, delta]``: event 0 line,
1 call, 2 return, 3 error; ``activation`` numbers each call of a function (its names live there);
``delta`` is 0 when no name changed since this activation's last step, else ``{name: text}`` with
``None`` for a name that went away. Only what changed is kept, so memory stays small. Value texts
are made without running any of the learner's code (no ``__repr__``, no properties).
"""

import sys

_o = options  # noqa: F821 - given by the bootstrap
_PROG = program_path  # noqa: F821
_SEND = send  # noqa: F821
_MAX_STEPS = int(_o.get("max_steps", 20000))
_MAX_TEXT = int(_o.get("max_text", 60))
_CHUNK = int(_o.get("chunk", 4000))
_REMAP = {int(k): int(v) for k, v in (_o.get("remap") or {}).items()}
_BACKEND = _o.get("backend") or ("monitoring" if hasattr(sys, "monitoring") else "settrace")
if _BACKEND == "monitoring" and not hasattr(sys, "monitoring"):
    _BACKEND = "settrace"

_steps = []
_funcs = {}  # function name -> index
_func_names = []
_stack = []  # learner activations, outermost first: [frame, activation, {name: (value, text)}, line, raw, unwinding]
_state = {"steps": 0, "sent": 0, "truncated": False, "done": False, "act": 0, "broken": 0, "last_exc": None}
_out = [0]  # characters written to stdout so far
_texts = {}  # share equal value texts

_MISSING = object()

import types as _types  # noqa: E402

_HIDDEN_TYPES = (
    _types.FunctionType,
    _types.BuiltinFunctionType,
    _types.MethodType,
    _types.ModuleType,
    type,
)
_IMMUTABLE = (int, float, str, bool, complex, type(None), range, bytes)
try:
    _STDLIB = frozenset(sys.stdlib_module_names) | {"builtins"}
except AttributeError:  # pragma: no cover - 3.10 has it; be safe anyway
    _STDLIB = frozenset({"builtins", "datetime", "fractions", "decimal", "collections"})


def _cut(text):
    if len(text) > _MAX_TEXT:
        return text[: _MAX_TEXT - 1] + "\u2026"
    return text


def _show(value, depth=0):
    """A short text form of a value, made without calling any of the learner's code."""
    t = type(value)
    if t is int and -10**15 < value < 10**15:
        return int.__repr__(value)
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
        return _cut(str.__repr__(str.__getitem__(value, slice(0, _MAX_TEXT + 2))))
    if issubclass(t, range):
        return range.__repr__(value)
    if issubclass(t, bytes):
        return _cut(bytes.__repr__(bytes.__getitem__(value, slice(0, _MAX_TEXT + 2))))
    if depth > 2:
        return "\u2026"
    if issubclass(t, (list, tuple)):
        base = list if issubclass(t, list) else tuple
        n = base.__len__(value)
        items = [_show(x, depth + 1) for x in base.__getitem__(value, slice(0, 12))]
        if n > 12:
            items.append("\u2026")
        if base is list:
            return _cut("[" + ", ".join(items) + "]")
        return _cut("(" + ", ".join(items) + ("," if n == 1 else "") + ")")
    if issubclass(t, dict):
        items = []
        for i, (k, v) in enumerate(dict.items(value)):
            if i >= 8:
                items.append("\u2026")
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
                items.append("\u2026")
                break
            items.append(_show(x, depth + 1))
        return _cut("{" + ", ".join(items) + "}")
    if issubclass(t, _HIDDEN_TYPES):
        return "<%s>" % type.__getattribute__(t, "__name__")
    name = type.__getattribute__(t, "__name__")
    try:
        module = type.__getattribute__(t, "__module__")
    except Exception:
        module = None
    top = module.split(".")[0] if isinstance(module, str) else None
    if top in _STDLIB and top != "__main__":
        try:  # a type from the standard library (datetime, Fraction, ...): its own short form
            return _cut(repr(value))
        except Exception:
            return "<%s>" % name
    # The learner's own objects (or a library's): by their fields, never their __repr__.
    try:
        fields = object.__getattribute__(value, "__dict__")
    except Exception:
        return "<%s>" % name
    if type(fields) is not dict:
        return "<%s>" % name
    parts = []
    for i, (k, v) in enumerate(dict.items(fields)):
        if i >= 5:
            parts.append("\u2026")
            break
        parts.append("%s=%s" % (k, _show(v, depth + 1)))
    return _cut("%s(%s)" % (name, ", ".join(parts)))


def _visible(frame, top):
    """The names to show for a frame: its locals; at the top, the module's own names."""
    if top:
        names = frame.f_globals
        out = {}
        for k, v in names.items():
            if k[:2] == "__" or isinstance(v, _HIDDEN_TYPES):
                continue
            out[k] = v
        return out
    out = {}
    for k, v in frame.f_locals.items():
        if isinstance(v, _HIDDEN_TYPES) or k[:1] == "." or k[:2] == "__":
            continue
        out[k] = v
    return out


def _shape(value):
    """For a list, tuple or dict holding only plain values: what it holds, by identity (cheap to
    compare: no learner code runs). None when it holds anything else (then it is redrawn). The
    items themselves are kept (not their ids), so an id cannot be reused while we compare."""
    t = type(value)
    if t is list or t is tuple:
        n = len(value)
        head = value[:13]
        for x in head:
            if type(x) not in _PLAIN:
                return None
        return (n, tuple(head))
    if t is dict:
        n = len(value)
        if n > 40:
            return None
        parts = []
        for k, v in value.items():
            if type(k) not in _PLAIN or type(v) not in _PLAIN:
                return None
            parts.append(k)
            parts.append(v)
        return (n, tuple(parts))
    return None


_PLAIN = frozenset((int, float, str, bool, type(None)))


def _same(a, b):
    if b is None or a[0] != b[0] or len(a[1]) != len(b[1]):
        return False
    for x, y in zip(a[1], b[1]):
        if x is not y:
            return False
    return True


_SKIP_NAME = {}  # name -> True for names never shown (dunder names, comprehension helpers)
_PLAIN_OR_BOX = frozenset((int, float, str, bool, type(None), list, dict, tuple))


def _delta(act, frame):
    """What changed in this activation's names since its last step (and remember the new state)."""
    seen = act[2]
    delta = None
    names = frame.f_globals if act[6] else frame.f_locals
    shown = 0
    skip_name = _SKIP_NAME
    for name, value in names.items():
        skip = skip_name.get(name)
        if skip is None:
            skip = skip_name[name] = name[:2] == "__" or name[:1] == "."
        if skip:
            continue
        t = type(value)
        if t not in _PLAIN_OR_BOX and isinstance(value, _HIDDEN_TYPES):
            continue
        shown += 1
        old = seen.get(name)
        if old is not None and old[0] is value:
            if t in _PLAIN:
                continue
            shape = _shape(value)
            if shape is not None and _same(shape, old[2]):
                continue  # the same list/dict of plain values, nothing moved: no need to redraw
        else:
            shape = _shape(value)
        try:
            text = _show(value)
        except Exception:
            text = "<%s>" % t.__name__
        if len(_texts) < 50000:
            text = _texts.setdefault(text, text)
        if old is not None and old[1] == text:
            seen[name] = (value, text, shape)
            continue
        seen[name] = (value, text, shape)
        if delta is None:
            delta = {}
        delta[name] = text
    if len(seen) > shown:
        for name in [n for n in seen if n not in names or skip_name.get(n)]:
            del seen[name]
            if delta is None:
                delta = {}
            delta[name] = None
        if len(seen) > shown:  # a name now holds a function or a module: no longer shown
            for name in list(seen):
                v = names.get(name)
                if type(v) not in _PLAIN_OR_BOX and isinstance(v, _HIDDEN_TYPES):
                    del seen[name]
                    if delta is None:
                        delta = {}
                    delta[name] = None
    return delta if delta is not None else 0


def _func_index(code):
    name = code.co_name
    idx = _funcs.get(name)
    if idx is None:
        idx = _funcs[name] = len(_func_names)
        _func_names.append(name)
    return idx


def _flush():
    start = _state["sent"]
    if len(_steps) > start:
        _SEND(trace={"chunk": _steps[start:]})
        del _steps[:]
        _state["sent"] = 0


def _add(line, event, act, frame, delta_needed=True):
    n = _state["steps"]
    if n >= _MAX_STEPS:
        _cap()
        return
    _state["steps"] = n + 1
    delta = _delta(act, frame) if delta_needed else 0
    _steps.append([line, event, act[5], len(_stack) - 1, act[1], _out[0], delta])
    if len(_steps) >= _CHUNK:
        _flush()


def _stop_listening():
    if _BACKEND == "monitoring":
        try:
            mon = sys.monitoring
            mon.set_events(_TOOL, 0)
            mon.free_tool_id(_TOOL)
        except Exception:
            pass
    else:
        sys.settrace(None)
        f = sys._getframe(1)
        while f is not None:
            try:
                f.f_trace = None
            except Exception:
                pass
            f = f.f_back


def _cap():
    """The step cap is reached: send what we have and stop the program here."""
    if _state["done"]:
        return
    _state["truncated"] = True
    _finish_record("capped")
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    os._exit(125)


def _finish_record(outcome):
    if _state["done"]:
        return
    _state["done"] = True
    _stop_listening()
    _flush()
    peak = None
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except Exception:
        pass
    _SEND(
        trace={
            "end": {
                "outcome": outcome,
                "steps": _state["steps"],
                "max_steps": _MAX_STEPS,
                "truncated": _state["truncated"],
                "functions": _func_names,
                "backend": _BACKEND,
                "broken": _state["broken"],
                "max_rss_kb": peak,
            }
        }
    )


def finish(outcome):
    _finish_record(outcome)


# -- what happens on each event (both backends) ------------------------------------------------

def _on_start(frame):
    code = frame.f_code
    _state["act"] += 1
    top = not _stack and code.co_name == "<module>"
    act = [frame, _state["act"], {}, None, None, _func_index(code), top, False]
    _stack.append(act)
    if not top:
        _add(code.co_firstlineno, 1, act, frame)
    return act


def _find(frame):
    for i in range(len(_stack) - 1, -1, -1):
        if _stack[i][0] is frame:
            return i
    return -1


def _on_line(frame, raw):
    act = _stack[-1] if _stack else None
    if act is None or act[0] is not frame:
        i = _find(frame)
        if i < 0:
            act = _on_start(frame)
        else:
            del _stack[i + 1 :]
            act = _stack[i]
    if not raw or raw < 1:
        return  # no line of the learner's (an empty program's implicit end)
    line = _REMAP.get(raw, raw)
    if line == act[3] and (raw != line or act[4] != line):
        act[4] = raw
        return
    act[3] = line
    act[4] = raw
    act[7] = False
    _add(line, 0, act, frame)


def _on_return(frame, unwinding):
    i = _find(frame)
    if i < 0:
        return
    act = _stack[i]
    del _stack[i + 1 :]
    line = frame.f_lineno if act[3] is None else act[3]
    if not unwinding and not act[7] and line and line > 0:
        _add(line, 2, act, frame)
    _stack.pop()


def _on_raise(frame, exc):
    if exc is _state["last_exc"]:
        act = _stack[-1] if _stack else None
        if act is not None and act[0] is frame:
            act[7] = True
        return
    _state["last_exc"] = exc
    i = _find(frame)
    if i < 0:
        return
    act = _stack[i]
    del _stack[i + 1 :]
    act[7] = True
    raw = frame.f_lineno
    _add(_REMAP.get(raw, raw), 3, act, frame)


# -- sys.settrace (3.10, 3.11) ----------------------------------------------------------------

def _local(frame, event, arg):
    if _state["done"]:
        return None
    try:
        if event == "line":
            _on_line(frame, frame.f_lineno)
        elif event == "return":
            act = _stack[-1] if _stack else None
            unwinding = act is not None and act[0] is frame and act[7]
            _on_return(frame, unwinding)
        elif event == "exception":
            _on_raise(frame, arg[1])
    except Exception:
        _state["broken"] += 1
    return _local


def _global(frame, event, arg):
    if _state["done"] or frame.f_code.co_filename != _PROG:
        return None
    try:
        _on_start(frame)
    except Exception:
        _state["broken"] += 1
    return _local


# -- sys.monitoring (3.12+) -------------------------------------------------------------------

_TOOL = None


def _install_monitoring():
    global _TOOL
    mon = sys.monitoring
    for tool in (4, 3, 5, 2, 1):  # the free ids a debugger or profiler is least likely to hold
        try:
            mon.use_tool_id(tool, "tutor-trace")
        except ValueError:
            continue
        _TOOL = tool
        break
    if _TOOL is None:
        return False
    E = mon.events
    DISABLE = mon.DISABLE
    getframe = sys._getframe
    prog = _PROG

    def on_start(code, offset):
        if code.co_filename != prog:
            return DISABLE
        if _state["done"]:
            return None
        try:
            _on_start(getframe(1))
        except Exception:
            _state["broken"] += 1

    def on_line(code, line):
        if code.co_filename != prog:
            return DISABLE
        if _state["done"]:
            return None
        try:
            _on_line(getframe(1), line)
        except Exception:
            _state["broken"] += 1

    def on_return(code, offset, value):
        if code.co_filename != prog:
            return DISABLE
        if _state["done"]:
            return None
        try:
            _on_return(getframe(1), False)
        except Exception:
            _state["broken"] += 1

    def on_unwind(code, offset, exc):
        if code.co_filename != prog or _state["done"]:
            return None
        try:
            _on_return(getframe(1), True)
        except Exception:
            _state["broken"] += 1

    def on_raise(code, offset, exc):
        if code.co_filename != prog or _state["done"]:
            return None
        try:
            _on_raise(getframe(1), exc)
        except Exception:
            _state["broken"] += 1

    mon.register_callback(_TOOL, E.PY_START, on_start)
    mon.register_callback(_TOOL, E.PY_RESUME, on_start)
    mon.register_callback(_TOOL, E.LINE, on_line)
    mon.register_callback(_TOOL, E.PY_RETURN, on_return)
    mon.register_callback(_TOOL, E.PY_YIELD, on_return)
    mon.register_callback(_TOOL, E.PY_UNWIND, on_unwind)
    mon.register_callback(_TOOL, E.RAISE, on_raise)
    mon.set_events(
        _TOOL, E.PY_START | E.PY_RESUME | E.LINE | E.PY_RETURN | E.PY_YIELD | E.PY_UNWIND | E.RAISE
    )
    return True


class _CountingOut:
    """Stands in for sys.stdout and counts the characters the program prints."""

    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def write(self, text):
        n = self._target.write(text)
        if isinstance(text, str):
            _out[0] += len(text)
        return n

    def __getattr__(self, name):
        return getattr(self._target, name)

    def __setattr__(self, name, value):
        setattr(self._target, name, value)


if sys.stdout is not None:
    sys.stdout = _CountingOut(sys.stdout)

if _BACKEND == "monitoring" and not _install_monitoring():
    _BACKEND = "settrace"
if _BACKEND == "settrace":
    sys.settrace(_global)
