"""Which lines of the learner's program ran: the child side of the repair search's line record.

The runner's bootstrap executes this file before the learner's program (``send``,
``program_path`` and ``options`` are given) and calls ``finish(outcome)`` when the program ends,
however it ends. It sends one message ``{"lines": [...], "complete": bool}``. Each line is
recorded once: on Python 3.12+ with ``sys.monitoring`` (a line that has been seen is switched
off, so a long loop costs almost nothing), before that with a line tracer limited to the
program's own frames. Standard library only.
"""

import sys

_PROG = program_path  # noqa: F821 - given by the bootstrap
_SEND = send  # noqa: F821
_seen = set()
_state = {"complete": True, "events": 0}
_MAX_EVENTS = 2_000_000

_mon = getattr(sys, "monitoring", None)
_TOOL = None
if _mon is not None:
    for _candidate in (3, 4, 2):  # 3/4 are free for tools; 2 is the profiler's
        try:
            _mon.use_tool_id(_candidate, "tutor-cover")
            _TOOL = _candidate
            break
        except Exception:
            continue

if _TOOL is not None:
    _DISABLE = _mon.DISABLE

    def _on_line(code, line):
        if code.co_filename == _PROG:
            _seen.add(line)
        return _DISABLE

    _mon.register_callback(_TOOL, _mon.events.LINE, _on_line)
    _mon.set_events(_TOOL, _mon.events.LINE)
else:

    def _local(frame, event, arg):
        if event == "line":
            _seen.add(frame.f_lineno)
            _state["events"] += 1
            if _state["events"] > _MAX_EVENTS:
                _state["complete"] = False
                sys.settrace(None)
                return None
        return _local

    def _global(frame, event, arg):
        if frame.f_code.co_filename == _PROG:
            return _local
        return None

    sys.settrace(_global)


def finish(outcome):
    try:
        if _TOOL is not None:
            _mon.set_events(_TOOL, 0)
        else:
            sys.settrace(None)
    except Exception:
        pass
    _SEND(lines=sorted(_seen), complete=bool(_state["complete"]) and outcome != "timeout")
