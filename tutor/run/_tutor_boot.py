"""The child side of the runner: set limits, run the learner's program, report what happened.

This file runs inside the child process, before and around the learner's program. It must work on
every supported Python (3.10-3.13) with the standard library only, start fast (it is imported from
its cached bytecode; heavy modules are imported only when something goes wrong), and never leave
its own frames in what the learner sees.

It talks to the parent through a side channel (a pipe on file descriptor ``fd``), one JSON message
per line: ``{"kind": ..., ...}``. Messages:
- ``error``: the exception the program ended with (type, message, learner frames, syntax details).
- ``spawn``: the program is starting another process (sent once, before the first one).
- ``input-wait`` / ``input-done``: the program is waiting for / got a line from ``input()``.
- ``stuck``: on SIGUSR1 (the parent's time is up): where the program is, with simple local values.
- ``sample``: a short line-by-line sample taken after ``stuck``: hits per line and values seen.
- ``output-lines``: which learner line wrote each piece of stdout (only when asked).
- ``plugin``: anything a plug-in sends.
"""

import sys

_SIMPLE_TYPES = (int, float, str, bool, type(None), complex)
_MAX_REPR = 80


class _Boot:
    def __init__(self, fd, prog, options):
        self.fd = fd
        self.prog = prog
        self.options = options
        self.spawned = 0
        self.main_pid = None
        self.input_count = 0

    # -- the side channel -------------------------------------------------------------------
    def send(self, kind, **data):
        import json

        data["kind"] = kind
        try:
            line = json.dumps(data, ensure_ascii=True, default=_safe_repr) + "\n"
        except Exception:  # pragma: no cover - defensive: never let reporting crash the child
            line = json.dumps({"kind": kind, "broken": True}) + "\n"
        import os

        payload = line.encode("ascii")
        try:
            while payload:
                written = os.write(self.fd, payload)
                payload = payload[written:]
        except OSError:
            pass

    # -- limits -----------------------------------------------------------------------------
    def set_limits(self):
        import os

        self.main_pid = os.getpid()
        try:
            import resource
        except ImportError:  # pragma: no cover - not on POSIX
            return
        mem = self.options.get("memory_bytes")
        if mem:
            for which in ("RLIMIT_AS", "RLIMIT_DATA"):
                res = getattr(resource, which, None)
                if res is None:
                    continue
                try:
                    soft, hard = resource.getrlimit(res)
                    limit = mem if hard == resource.RLIM_INFINITY else min(mem, hard)
                    resource.setrlimit(res, (limit, hard))
                except (ValueError, OSError):
                    pass
        fsize = self.options.get("file_bytes")
        if fsize:
            try:
                soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
                limit = fsize if hard == resource.RLIM_INFINITY else min(fsize, hard)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
            except (ValueError, OSError):
                pass
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (ValueError, OSError):
            pass
        nproc = self.options.get("max_processes")
        if nproc is not None and os.getuid() != 0:
            # RLIMIT_NPROC counts every process of this user, so allow what is running now plus
            # the program's own budget. (Root ignores it; the audit hook below still applies.)
            try:
                running = _count_user_processes(os.getuid())
                soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
                limit = running + nproc + 1
                if hard != resource.RLIM_INFINITY:
                    limit = min(limit, hard)
                resource.setrlimit(resource.RLIMIT_NPROC, (limit, hard))
            except (ValueError, OSError):
                pass
        # A file-writing program should not be able to stop the child with SIGXFSZ; it gets an
        # OSError (EFBIG) instead, which is reported as an error with a line.
        try:
            import _signal

            _signal.signal(_signal.SIGXFSZ, _signal.SIG_IGN)
        except (ImportError, AttributeError, ValueError, OSError):
            pass
        if self.options.get("fence_files", True):
            self.fence_files()
        sys.addaudithook(self.audit)

    _SPAWN_EVENTS = frozenset(
        {"os.fork", "os.forkpty", "subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.spawn", "pty.spawn"}
    )

    def audit(self, event, args):
        if event in self._WRITE_EVENTS:
            if self.write_roots is not None and not self.in_audit:
                self.in_audit = True
                try:
                    self.check_write(event, args)
                finally:
                    self.in_audit = False
            return
        if event not in self._SPAWN_EVENTS:
            return
        import os

        if os.getpid() != self.main_pid:
            # A child of the learner's program may not start further programs: this keeps a
            # "fork bomb" down to the main program's own small budget.
            raise PermissionError("The tutor lets a program start only a few other programs.")
        self.spawned += 1
        if self.spawned == 1:
            self.send("spawn", event=event)
        limit = self.options.get("max_processes")
        if limit is not None and self.spawned > limit:
            self.send("too-many-processes", count=self.spawned)
            raise PermissionError("The tutor lets a program start only a few other programs.")

    # -- files: changes only in the program's folder and its temporary folder ---------------------
    # event -> (index of the path, index of its dir_fd), one pair per path the event changes
    _WRITE_EVENTS = {
        "open": ((0, None),),
        "os.remove": ((0, 1),),
        "os.rmdir": ((0, 1),),
        "os.mkdir": ((0, 2),),
        "os.rename": ((0, 2), (1, 3)),
        "os.link": ((1, 3),),
        "os.symlink": ((1, 2),),
        "os.truncate": ((0, None),),
        "os.chmod": ((0, 2),),
        "os.chown": ((0, 3),),
        "os.utime": ((0, 3),),
        "shutil.rmtree": ((0, 1),),
    }
    write_roots = None
    in_audit = False

    def check_write(self, event, args):
        import os

        if event == "open":
            flags = args[2] if len(args) > 2 else 0
            if not isinstance(flags, int) or not flags & (
                os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
            ):
                return
        for where, fd_at in self._WRITE_EVENTS[event]:
            if where >= len(args):
                continue
            path = args[where]
            dir_fd = args[fd_at] if fd_at is not None and fd_at < len(args) else None
            full = _resolve(path, dir_fd, follow=event == "open")
            if full is None or full in _DEVICES:
                continue
            if not any(full == root or full.startswith(root.rstrip(os.sep) + os.sep) for root in self.write_roots):
                import errno

                raise PermissionError(
                    errno.EACCES, "The tutor lets your program change files only in its own folder", full
                )

    def fence_files(self):
        """Writes, renames and deletes only in the program's folder and its temporary folder.

        Landlock (Linux 5.13 and later) makes that a rule of the kernel for this process and all it
        starts; the audit hook gives the kind message first, and is the only fence where the kernel
        has no Landlock (a program using ``ctypes`` could get past the hook alone).
        """
        import os

        roots = [os.path.dirname(self.prog), os.getcwd()]
        tmp = self.options.get("tmp_dir")
        if tmp:
            roots.append(tmp)
        self.write_roots = sorted({os.path.realpath(r) for r in roots if r})
        self.landlock = _landlock(self.write_roots) if self.options.get("landlock", True) else None

    # -- input() ------------------------------------------------------------------------------
    def wrap_input(self):
        import builtins

        real_input = builtins.input
        boot = self

        def input(prompt=""):  # noqa: A001 - the learner's input()
            boot.send("input-wait", count=boot.input_count)
            try:
                value = real_input(prompt)
            except EOFError:
                boot.send("input-done", eof=True)
                raise
            boot.input_count += 1
            boot.send("input-done", value=value[:1000])
            return value

        input.__doc__ = real_input.__doc__
        builtins.input = input

    # -- recording which line printed what ------------------------------------------------------
    def record_output(self):
        target = sys.stdout
        pieces = []
        budget = [int(self.options.get("max_output_bytes") or 1_000_000)]
        prog = self.prog

        class Recorder:
            def write(self, text):
                n = target.write(text)
                if budget[0] > 0 and isinstance(text, str):
                    budget[0] -= len(text)
                    line = 0
                    frame = sys._getframe(1)
                    while frame is not None:
                        if frame.f_code.co_filename == prog:
                            line = frame.f_lineno
                            break
                        frame = frame.f_back
                    if pieces and pieces[-1][0] == line and not pieces[-1][1].endswith("\n"):
                        pieces[-1][1] += text
                    else:
                        pieces.append([line, text])
                return n

            def __getattr__(self, name):
                return getattr(target, name)

        sys.stdout = Recorder()
        self.output_pieces = pieces

    def flush_output_lines(self):
        pieces = getattr(self, "output_pieces", None)
        if pieces is not None:
            self.send("output-lines", pieces=pieces)
            self.output_pieces = None

    # -- the stuck record (time is up) -----------------------------------------------------------
    def install_stuck_handler(self):
        try:
            import _signal
        except ImportError:  # pragma: no cover
            return
        boot = self

        def on_time_up(signum, frame):
            boot.report_stuck(frame)

        try:
            _signal.signal(_signal.SIGUSR1, on_time_up)
        except (ValueError, OSError, AttributeError):  # pragma: no cover
            return
        # The tutor's "time is up" signal stays the tutor's: a program that ignores or blocks it
        # would otherwise hide where it was stuck. Its wish is remembered and given back.
        real_signal, real_mask = _signal.signal, getattr(_signal, "pthread_sigmask", None)
        usr1 = _signal.SIGUSR1
        wished = [_signal.SIG_DFL]

        def signal(signalnum, handler):
            if signalnum == usr1:
                before, wished[0] = wished[0], handler
                return before
            return real_signal(signalnum, handler)

        signal.__doc__ = real_signal.__doc__
        _signal.signal = signal
        if real_mask is not None:

            def pthread_sigmask(how, mask):
                if how != _signal.SIG_UNBLOCK:
                    mask = [s for s in mask if int(s) != usr1]
                return real_mask(how, mask)

            pthread_sigmask.__doc__ = real_mask.__doc__
            _signal.pthread_sigmask = pthread_sigmask

    def learner_stack(self, frame, with_locals=True):
        frames = []
        while frame is not None:
            if frame.f_code.co_filename == self.prog:
                frames.append(frame)
            frame = frame.f_back
        frames.reverse()
        return frames

    def report_stuck(self, frame):
        import time

        # The innermost 40 and the outermost 20 of the learner's frames, and how many there are.
        # A deep recursion has hundreds of thousands, and each step out makes a frame object: the
        # walk stops at 5,000 (then the outermost ones are not known; "depth" says "at least").
        inner, outer, depth = [], [], 0
        f = frame
        while f is not None and depth < 5_000:
            if f.f_code.co_filename == self.prog:
                depth += 1
                if len(inner) < 40:
                    inner.append(f)
                else:
                    outer.append(f)
                    if len(outer) > 200:
                        del outer[:-20]
            f = f.f_back
        frames = (inner + outer[-20:])[::-1]
        stack = [
            {"line": f.f_lineno, "function": f.f_code.co_name, "locals": _simple_locals(f)} for f in frames
        ]
        self.send("stuck", stack=stack, depth=depth)
        self.flush_output_lines()
        finish, self.plugin_finish = getattr(self, "plugin_finish", None), None
        if finish is not None:
            sys.settrace(None)
            self.finish(finish, "timeout")
        if not frames:
            self._exit_now()
        # Now watch the program run for a moment: how often does each line run, and which values
        # do the variables take? That is what turns "it never stops" into "line 5 ran 90,000 times
        # and n never changed".
        prog = self.prog
        hits = {}
        values = {}
        innermost = frames[-1]
        start = time.monotonic()
        deadline = start + float(self.options.get("sample_seconds", 0.25))
        max_hits = 200_000
        counter = [0]
        boot = self

        def watch_values(fr):
            for name, value in fr.f_locals.items():
                if name.startswith("__") or not isinstance(value, _SIMPLE_TYPES + (list, tuple, dict, set)):
                    continue
                seen = values.get(name)
                if seen is None:
                    seen = values[name] = []
                if len(seen) < 6:
                    text = _short_repr(value)
                    if text not in seen:
                        seen.append(text)

        def tracer(fr, event, arg):
            if fr.f_code.co_filename != prog:
                return None
            if event == "line":
                hits[fr.f_lineno] = hits.get(fr.f_lineno, 0) + 1
                counter[0] += 1
                if fr is innermost or fr.f_code is innermost.f_code:
                    watch_values(fr)
                if counter[0] >= max_hits or (counter[0] & 63) == 0 and time.monotonic() > deadline:
                    sys.settrace(None)
                    boot.send(
                        "sample",
                        hits=hits,
                        values=values,
                        seconds=time.monotonic() - start,
                        lines=counter[0],
                    )
                    boot._exit_now()
            return tracer

        watch_values(innermost)
        for f in frames:
            f.f_trace = tracer
            try:
                f.f_trace_lines = True
            except AttributeError:  # pragma: no cover
                pass
        sys.settrace(tracer)

    def _exit_now(self):
        import os

        try:
            sys.stdout.flush()
        except Exception:
            pass
        try:
            sys.stderr.flush()
        except Exception:
            pass
        os._exit(124)

    # -- errors -------------------------------------------------------------------------------
    def report_error(self, exc):
        # Reading a frame from a traceback is an audited event (our hook runs for each), so a deep
        # recursion's million entries are not all read: the outermost and innermost 2,000 are.
        entries = _tb_entries(exc.__traceback__)
        looked = entries if len(entries) <= 4000 else entries[:2000] + entries[-2000:]
        learner = []
        last_tb = None
        for tb in looked:
            name = tb.tb_frame.f_code.co_filename
            if name == self.prog:
                learner.append(tb)
            if name != __file__:
                last_tb = tb
        unseen = len(entries) - len(looked)
        omitted = 0
        shown = learner
        if len(learner) + unseen > 60:
            # Deep recursion: the outermost and the innermost frames tell the story.
            omitted = len(learner) + unseen - 60
            shown = learner[:20] + learner[-40:]
        frames = [
            {"line": t.tb_lineno, "function": t.tb_frame.f_code.co_name, "locals": _simple_locals(t.tb_frame)}
            for t in shown
        ]
        in_library = bool(last_tb is not None and learner and last_tb is not learner[-1])
        data = {
            "type": type(exc).__name__,
            "message": _safe_str(exc),
            "line": learner[-1].tb_lineno if learner else None,
            "frames": frames,
            "mro": [c.__name__ for c in type(exc).__mro__ if c is not object],
            "in_library": in_library,
            "details": _details(exc),
        }
        if omitted:
            data["details"]["frames_omitted"] = omitted
            data["details"]["depth"] = len(learner) + unseen
        if isinstance(exc, SyntaxError):
            data["line"] = exc.lineno
            data["offset"] = exc.offset
            data["end_line"] = getattr(exc, "end_lineno", None)
            data["end_offset"] = getattr(exc, "end_offset", None)
            data["text"] = exc.text
            data["message"] = exc.msg if isinstance(exc.msg, str) else _safe_str(exc)
            if exc.filename not in (self.prog, None):
                data["in_library"] = True
        self.send("error", **data)

    def print_traceback(self, exc):
        """Print the usual Python error report, without the tutor's own frames."""
        import traceback

        tb = _without_tutor_frames(exc.__traceback__, self.prog)
        try:
            exc.__traceback__ = tb
        except Exception:
            pass
        source = self.options.get("source_file")
        if source is not None:
            import linecache

            try:
                with open(source, encoding="utf-8", errors="replace") as f:
                    lines = f.readlines()
                linecache.cache[self.prog] = (sum(map(len, lines)), None, lines, self.prog)
            except OSError:
                pass
        try:
            sys.stderr.flush()
            sys.stdout.flush()
        except Exception:
            pass
        try:
            # As Python's own report does: at most the last 1,000 entries (a deep recursion has a
            # million, and reading each one's line would take longer than the program ran).
            shown, length = tb, 0
            probe = tb
            while probe is not None:
                length += 1
                probe = probe.tb_next
            for _ in range(length - 1000):
                shown = shown.tb_next
            traceback.print_exception(type(exc), exc, shown)
        except Exception:
            sys.stderr.write("%s: <the message could not be shown>\n" % type(exc).__name__)
        try:
            sys.stderr.flush()
        except Exception:
            pass

    # -- running -------------------------------------------------------------------------------
    def run(self):
        import os

        os.set_inheritable(self.fd, False)
        self.set_limits()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.reconfigure(line_buffering=True, errors="backslashreplace")
            except Exception:
                pass
        try:
            sys.stdin.reconfigure(errors="replace")
        except Exception:
            pass
        self.install_stuck_handler()
        self.wrap_input()
        if self.options.get("record_output_lines"):
            self.record_output()

        prog = self.prog
        folder = os.path.dirname(prog)
        sys.path[0] = folder
        sys.argv[:] = [prog]

        main = type(sys)("__main__")
        main.__file__ = prog
        main.__builtins__ = __builtins__
        main.__cached__ = None
        sys.modules["__main__"] = main

        plugin = self.options.get("plugin")
        finish = None
        if plugin:
            finish = self.load_plugin(plugin)
        self.plugin_finish = finish

        try:
            with open(self.options.get("source_file") or prog, "rb") as f:
                code_text = f.read()
            code = compile(code_text, prog, "exec", dont_inherit=True)
        except SyntaxError as exc:
            self.report_error(exc)
            self.print_syntax_error(exc)
            self.finish(finish, "error")
            return 1
        except MemoryError as exc:  # a program far too big to read
            self.report_error(exc)
            sys.stderr.write("MemoryError: the program is too big to read\n")
            self.finish(finish, "error")
            return 1
        except ValueError as exc:  # e.g. source code cannot contain null bytes
            err = SyntaxError(str(exc))
            self.report_error(err)
            sys.stderr.write("SyntaxError: %s\n" % exc)
            self.finish(finish, "error")
            return 1

        exit_code = 0
        try:
            exec(code, main.__dict__)
        except SystemExit as exc:
            exit_code = _exit_code(exc)
            self.finish(finish, "exit")
            return exit_code
        except BaseException as exc:  # noqa: BLE001 - everything the learner's program raises
            self.report_error(exc)
            self.print_traceback(exc)
            self.finish(finish, "error")
            return 1
        self.finish(finish, "ok")
        return exit_code

    def print_syntax_error(self, exc):
        import traceback

        try:
            sys.stderr.write("".join(traceback.format_exception_only(type(exc), exc)))
        except Exception:
            sys.stderr.write("SyntaxError: %s\n" % _safe_str(exc))

    def load_plugin(self, path):
        """Run a plug-in file (e.g. the duck's line tracer) before the program.

        The plug-in is given ``send(kind, **data)``, the program's path and its options; it may
        define ``finish(outcome)``, called after the program ends however it ends.
        """
        namespace = {
            "__name__": "__tutor_plugin__",
            "send": lambda **data: self.send("plugin", **data),
            "program_path": self.prog,
            "options": self.options.get("plugin_options") or {},
        }
        with open(path, "rb") as f:
            exec(compile(f.read(), path, "exec"), namespace)
        return namespace.get("finish")

    def finish(self, finish, outcome):
        self.plugin_finish = None
        self.flush_output_lines()
        if finish is not None:
            try:
                finish(outcome)
            except BaseException:  # pragma: no cover - a broken plug-in must not break the run
                pass


def _without_tutor_frames(tb, prog):
    """The traceback without the tutor's frames (before the program and around input())."""
    import types

    entries = _tb_entries(tb)
    # The tutor's own frames are the outermost few (before the program) and, around input(), the
    # innermost few: when there are none at the end, the program's part is used as it is (a deep
    # recursion's traceback is not read entry by entry).
    first = next((i for i, t in enumerate(entries[:50]) if t.tb_frame.f_code.co_filename == prog), None)
    if first is not None and all(t.tb_frame.f_code.co_filename != __file__ for t in entries[-10:]):
        return entries[first]
    kept = []
    started = False
    for tb in entries:
        name = tb.tb_frame.f_code.co_filename
        if name == prog:
            started = True
        if started and name != __file__:
            kept.append(tb)
    rebuilt = None
    for t in reversed(kept):
        try:
            rebuilt = types.TracebackType(rebuilt, t.tb_frame, t.tb_lasti, t.tb_lineno)
        except TypeError:  # pragma: no cover
            return kept[0] if kept else None
    return rebuilt


def _tb_entries(tb):
    """The traceback's entries, outermost first (following tb_next reads no frame)."""
    entries = []
    while tb is not None:
        entries.append(tb)
        tb = tb.tb_next
    return entries


def _exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(str(code) + "\n")
    except Exception:
        pass
    return 1


def _safe_str(exc):
    try:
        return str(exc)
    except BaseException:  # noqa: BLE001 - a learner's __str__ can raise anything
        return "<the message of this %s could not be shown>" % type(exc).__name__


def _safe_repr(value):
    try:
        return repr(value)
    except BaseException:  # noqa: BLE001
        return "<%s>" % type(value).__name__


def _short_repr(value):
    text = _safe_repr(value)
    if len(text) > _MAX_REPR:
        text = text[: _MAX_REPR - 3] + "..."
    return text


def _simple_locals(frame):
    out = {}
    try:
        items = list(frame.f_locals.items())
    except Exception:
        return out
    for name, value in items:
        if name.startswith("__"):
            continue
        if isinstance(value, _SIMPLE_TYPES) or (
            isinstance(value, (list, tuple, dict, set)) and len(value) <= 50
        ):
            out[name] = _short_repr(value)
            if len(out) >= 30:
                break
    return out


def _details(exc):
    details = {}
    for attr in ("name", "filename", "errno", "path"):
        try:
            value = getattr(exc, attr, None)
        except Exception:
            value = None
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            details[attr] = value
    try:
        obj = getattr(exc, "obj", None)
    except Exception:
        obj = None
    if obj is not None:
        details["obj_type"] = type(obj).__name__
    try:
        args = exc.args
    except Exception:
        args = ()
    if isinstance(exc, KeyError) and args:
        details["key"] = _short_repr(args[0])
        details["key_type"] = type(args[0]).__name__
    return details


def _count_user_processes(uid):
    import os

    count = 0
    try:
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    if os.stat("/proc/" + name).st_uid == uid:
                        count += 1
                except OSError:
                    pass
    except OSError:
        return 64
    return count


def main(fd, prog, options, forked=False):
    modules_before = set(sys.modules) if forked else None
    if not forked and options.get("supervise"):
        # Started by ``subprocess``: this process becomes the supervisor; the program's process
        # says who it is first thing on the side channel.
        _supervise(options, fd)
        import os

        _Boot(fd, prog, options).send("pid", pid=os.getpid())
    boot = _Boot(fd, prog, options)
    code = boot.run()
    if forked:
        _quick_exit(code, modules_before)
    # A normal interpreter exit, as with ``python prog.py``: files the program left open are
    # flushed and closed, atexit functions run, and the program's own threads are waited for
    # (the time limit still applies to all of that).
    raise SystemExit(code)


def _quick_exit(code, modules_before):
    """End a forked run as Python's own exit would, minus tearing down the whole interpreter.

    In order, as CPython does it: wait for the program's threads, run its atexit functions, flush
    the standard streams; then clear the program's own modules (its ``__main__`` and whatever it
    imported) so that files it left open are flushed and closed and ``__del__`` methods run.
    Tearing down the interpreter's own modules as well would only cost time.
    """
    import os

    try:
        threading = sys.modules.get("threading")
        if threading is not None:
            threading._shutdown()
    except BaseException:
        pass
    try:
        import atexit

        atexit._run_exitfuncs()
    except BaseException:
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    try:
        import gc

        names = ["__main__"] + [m for m in list(sys.modules) if m not in modules_before]
        for name in names:
            module = sys.modules.get(name)
            namespace = getattr(module, "__dict__", None)
            if isinstance(namespace, dict):
                namespace.clear()
        gc.collect()
    except BaseException:
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    os._exit(code & 0xFF if isinstance(code, int) else 1)


def serve(sock_fd):
    """Be a zygote: wait for run requests and fork a fresh child for each.

    Starting a new interpreter costs more than most children's programs take to run. The zygote
    starts once, with nothing of the learner's loaded, and forks a copy per run: the copy sets up
    its session, standard streams, folder and environment exactly as a new process would, then
    returns ``(side_fd, prog, options)`` so the caller runs ``main`` at the top of the stack
    (the interpreter then exits normally, as after ``python prog.py``).

    Requests arrive on a Unix socket with four file descriptors (stdin, stdout, stderr, side
    channel); the reply is the child's pid. When a child ends, the zygote (its parent) reaps it
    and writes its exit status to that run's side channel before closing it.
    """
    import json
    import os
    import select
    import socket
    import _signal

    os.chdir("/")
    try:  # loaded once here rather than in every run (containment and Landlock use them)
        import ctypes  # noqa: F401
        import platform  # noqa: F401
    except ImportError:
        pass
    # Orphans of a run whose supervisor was killed come here, and are stopped (see ``reap``).
    _prctl(36, 1)
    sock = socket.socket(fileno=sock_fd)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    _signal.set_wakeup_fd(wake_w)
    _signal.signal(_signal.SIGCHLD, lambda signum, frame: None)
    side_of = {}

    def reap():
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            fd = side_of.pop(pid, None)
            if fd is None:
                continue
            try:
                code = os.waitstatus_to_exitcode(status)
            except ValueError:
                code = -9
            try:
                os.write(fd, (json.dumps({"kind": "exit", "code": code}) + "\n").encode())
            except OSError:
                pass
            os.close(fd)
            if code == -_signal.SIGKILL:
                # A supervisor killed before it could clean up: what it left is below us now.
                for other in _descendants(os.getpid()):
                    if other not in side_of:
                        try:
                            os.kill(other, _signal.SIGKILL)
                        except OSError:
                            pass

    while True:
        try:
            ready = select.select([sock, wake_r], [], [])[0]
        except InterruptedError:
            continue
        if wake_r in ready:
            try:
                while os.read(wake_r, 4096):
                    pass
            except BlockingIOError:
                pass
            reap()
        if sock not in ready:
            continue
        try:
            msg, fds, _flags, _addr = socket.recv_fds(sock, 1 << 20, 4)
        except InterruptedError:
            continue
        except OSError:
            msg, fds = b"", []
        if not msg:
            # The tutor has gone: stop the runs it left (their groups) and leave.
            import signal as _sig

            for pid in list(side_of):
                try:
                    os.kill(pid, _sig.SIGKILL)
                except OSError:
                    pass
            _end_all(None, patience=2.0)
            os._exit(0)
        request = json.loads(msg.decode("utf-8"))
        stdin_fd, stdout_fd, stderr_fd, side_fd = fds
        pid = os.fork()
        if pid == 0:
            # The child: undo everything that is the zygote's.
            _signal.set_wakeup_fd(-1)
            _signal.signal(_signal.SIGCHLD, _signal.SIG_DFL)
            os.close(wake_r)
            os.close(wake_w)
            for fd in side_of.values():
                os.close(fd)
            os.setsid()
            os.dup2(stdin_fd, 0)
            os.dup2(stdout_fd, 1)
            os.dup2(stderr_fd, 2)
            for fd in (stdin_fd, stdout_fd, stderr_fd):
                os.close(fd)
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])

            def reply(program, supervisor):
                try:
                    sock.send(json.dumps({"pid": program, "supervisor": supervisor}).encode())
                except OSError:
                    pass
                sock.close()

            # This process supervises the run; the program runs in a child of it.
            _supervise(request["options"], side_fd, reply)
            sock.close()
            return side_fd, request["prog"], request["options"], True
        for fd in (stdin_fd, stdout_fd, stderr_fd):
            os.close(fd)
        side_of[pid] = side_fd


# -- files the program may write ---------------------------------------------------------------

_DEVICES = frozenset({"/dev/null", "/dev/zero", "/dev/full", "/dev/tty"})


def _resolve(path, dir_fd, follow):
    """The absolute, real path a file operation would touch; None for one on an open file."""
    import os

    if isinstance(path, int) or path is None:
        return None
    try:
        path = os.fsdecode(path)
    except (TypeError, ValueError):
        return None
    if not os.path.isabs(path):
        try:
            base = os.readlink("/proc/self/fd/%d" % dir_fd) if isinstance(dir_fd, int) else os.getcwd()
        except OSError:
            return None
        path = os.path.join(base, path)
    path = os.path.normpath(path)
    if follow:
        return os.path.realpath(path)
    head, tail = os.path.split(path)
    return os.path.join(os.path.realpath(head), tail)


# Landlock (see the kernel's userspace-api/landlock): deny by default the rights below, then allow
# them beneath each folder the program may change.
_LL_WRITE_FILE = 1 << 1
_LL_FILE_RIGHTS_V1 = (1 << 1)  # write a file (a rule for a single file may hold only file rights)
_LL_DIR_RIGHTS_V1 = (
    (1 << 1) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12)
)  # write, remove dir/file, make char/dir/reg/sock/fifo/block/symlink
_LL_REFER = 1 << 13  # ABI 2: rename and link between folders
_LL_TRUNCATE = 1 << 14  # ABI 3
_LL_SCOPE_SIGNAL = 1 << 1  # ABI 6: no signals to processes outside the sandbox (the supervisor)
_SYS_LANDLOCK = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}


def _landlock(roots):
    """Apply Landlock; return its ABI version, or None where the kernel does not offer it."""
    import os
    import platform

    numbers = _SYS_LANDLOCK.get(platform.machine())
    if numbers is None or not sys.platform.startswith("linux"):
        return None
    create, add_rule, restrict = numbers
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        syscall = libc.syscall
        syscall.restype = ctypes.c_long
        abi = syscall(ctypes.c_long(create), None, ctypes.c_size_t(0), ctypes.c_uint32(1))
        if abi < 1:
            return None
        handled = _LL_DIR_RIGHTS_V1
        file_rights = _LL_FILE_RIGHTS_V1
        if abi >= 2:
            handled |= _LL_REFER
        if abi >= 3:
            handled |= _LL_TRUNCATE
            file_rights |= _LL_TRUNCATE
        scoped = _LL_SCOPE_SIGNAL if abi >= 6 else 0

        class RulesetAttr(ctypes.Structure):
            _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]

        class PathBeneath(ctypes.Structure):
            _pack_ = 1
            _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

        attr = RulesetAttr(handled, 0, scoped)
        size = 24 if abi >= 6 else (16 if abi >= 4 else 8)
        ruleset = syscall(ctypes.c_long(create), ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
        if ruleset < 0:
            return None
        try:
            for root, rights in [(r, handled) for r in roots] + [(d, file_rights) for d in sorted(_DEVICES)]:
                try:
                    fd = os.open(root, os.O_PATH | os.O_CLOEXEC)
                except OSError:
                    continue
                try:
                    rule = PathBeneath(rights, fd)
                    syscall(ctypes.c_long(add_rule), ctypes.c_int(ruleset), ctypes.c_int(1), ctypes.byref(rule),
                            ctypes.c_uint32(0))
                finally:
                    os.close(fd)
            if libc.prctl(38, ctypes.c_ulong(1), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)) != 0:
                return None  # PR_SET_NO_NEW_PRIVS
            if syscall(ctypes.c_long(restrict), ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
                return None
        finally:
            os.close(ruleset)
        return int(abi)
    except Exception:  # no ctypes, no libc: the audit hook is the fence
        return None


# -- containment: every process of a run is found and stopped ----------------------------------
#
# The process that starts a run becomes its supervisor: a "child subreaper" (so every process the
# program starts, however it leaves its parent or its session, stays below it), and, where the
# system allows, the maker of a control group for the run (a limit on processes that holds for any
# kind of fork, also as root, and a list of members no process can leave once Landlock is on).
# The program runs in a forked child in its own session. When it ends, the supervisor stops
# everything below it and only then exits, with the program's own exit status.

_THREAD_ALLOWANCE = 64  # a control group counts threads too


def _write_file(path, text):
    try:
        with open(path, "w") as f:
            f.write(text)
        return True
    except OSError:
        return False


def _cgroup_bases():
    """(folder, kind) for each control-group hierarchy a run's group could be made in."""
    import os

    try:
        with open("/proc/self/cgroup") as f:
            own = f.read().splitlines()
        with open("/proc/self/mountinfo") as f:
            mounts = f.read().splitlines()
    except OSError:
        return []
    where = {}
    for line in own:
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        if parts[0] == "0" and parts[1] == "":
            where["v2"] = parts[2]
        elif "pids" in parts[1].split(","):
            where["pids"] = parts[2]
    bases = []
    for line in mounts:
        left, sep, right = line.partition(" - ")
        fields, more = left.split(), right.split()
        if not sep or len(fields) < 5 or len(more) < 3:
            continue
        root, point = fields[3], fields[4]
        if more[0] == "cgroup2":
            kind = "v2"
        elif more[0] == "cgroup" and "pids" in more[2].split(","):
            kind = "pids"
        else:
            continue
        rel = where.get(kind)
        if rel is None:
            continue
        if root != "/":
            if rel != root and not rel.startswith(root + "/"):
                continue
            rel = rel[len(root):]
        base = point.rstrip("/") + rel.rstrip("/")
        if os.access(base, os.W_OK):
            bases.append((base, kind))
    return bases


class _RunGroup:
    """A control group (v2, and v1's process-count controller) per run, where the system allows."""

    def __init__(self, options):
        import os

        self.dirs = []
        nproc = options.get("max_processes")
        mem = options.get("memory_bytes")
        name = "tutor-run-%d" % os.getpid()
        for base, kind in _cgroup_bases():
            path = base + "/" + name
            try:
                os.mkdir(path)
            except OSError:
                continue
            self.dirs.append(path)
            if nproc is not None and os.path.exists(path + "/pids.max"):
                _write_file(path + "/pids.max", str(int(nproc) + 1 + _THREAD_ALLOWANCE))
            if mem and os.path.exists(path + "/memory.max"):
                _write_file(path + "/memory.max", str(int(mem) * 2))

    def join(self):
        for path in self.dirs:
            _write_file(path + "/cgroup.procs", "0")

    def members(self):
        found = set()
        for path in self.dirs:
            try:
                with open(path + "/cgroup.procs") as f:
                    found.update(int(x) for x in f.read().split())
            except (OSError, ValueError):
                pass
        return found

    def kill(self):
        import os
        import signal

        for path in self.dirs:
            if os.path.exists(path + "/cgroup.kill"):
                _write_file(path + "/cgroup.kill", "1")
        for pid in self.members():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def remove(self):
        import os

        for path in self.dirs:
            try:
                os.rmdir(path)
            except OSError:
                pass


def _prctl(option, value):
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, ctypes.c_ulong(value), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0)) == 0
    except Exception:
        return False


def _descendants(me):
    """Every process below ``me`` (by parent links, read from /proc)."""
    import os

    children = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                data = f.read()
            ppid = int(data[data.rfind(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(name))
    found = []
    todo = [me]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.append(child)
            todo.append(child)
    return found


def _end_all(group, patience=5.0):
    """Stop and reap every process below this one (and in the run's group); True when none is left."""
    import os
    import signal
    import time

    deadline = time.monotonic() + patience
    first = True
    while True:
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            if group is None or not group.members():
                return True
        except InterruptedError:
            continue
        if time.monotonic() > deadline:
            return False
        if group is not None:
            group.kill()
        for pid in _descendants(os.getpid()):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if not first:
            time.sleep(0.002)
        first = False


def _die_like(code):
    """End this process with the same status as the program's (its exit code, or its signal)."""
    import os

    if code >= 0:
        os._exit(code & 0xFF)
    import signal

    sig = -code
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except Exception:
        pass
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        if sig != signal.SIGKILL:
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    except (OSError, ValueError):
        pass
    os._exit(128 + sig)


def _supervise(options, side_fd, reply=None):
    """Split into supervisor and program. Returns only in the program's process.

    ``reply(program_pid, supervisor_pid)`` is called in the supervisor once the program's process
    exists (the zygote's way to answer the runner).
    """
    import os

    group = _RunGroup(options) if options.get("cgroup", True) else None
    if not _prctl(36, 1):  # PR_SET_CHILD_SUBREAPER; without it, run the program in this process
        if group is not None:
            group.join()
        try:
            os.setsid()
        except OSError:
            pass
        if reply is not None:
            reply(os.getpid(), os.getpid())
        return
    supervisor = os.getpid()
    pid = os.fork()
    if pid == 0:
        # If the supervisor is ended (by whoever), the program ends with it.
        _prctl(1, 9)  # PR_SET_PDEATHSIG: SIGKILL
        if os.getppid() != supervisor:
            os._exit(137)
        try:
            os.setsid()
        except OSError:
            pass
        if group is not None:
            group.join()
        return
    import signal

    try:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_IGN)
        # The program's output pipes must close when the program's processes end, not with us.
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        try:
            os.close(side_fd)
        except OSError:
            pass
        if reply is not None:
            reply(pid, os.getpid())
        status = None
        while True:
            try:
                got, st = os.waitpid(-1, 0)
            except InterruptedError:
                continue
            except ChildProcessError:
                break
            if got == pid:
                status = st
                break
        try:
            code = os.waitstatus_to_exitcode(status) if status is not None else -signal.SIGKILL
        except ValueError:
            code = -signal.SIGKILL
        _end_all(group)
        if group is not None:
            group.remove()
    except BaseException:
        code = -signal.SIGKILL
        _end_all(group)
    _die_like(code)
