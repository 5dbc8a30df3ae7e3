"""The runner against ordinary, broken and hostile programs.

Every test runs a real child process. Limits are kept small so the suite stays quick.
"""

from __future__ import annotations

import os
import signal
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tutor.run import INTERACTIVE, Limits, RunningProgram, run_program

QUICK = Limits(timeout=1.5, sample_seconds=0.1, grace_seconds=0.2)


def write(tmp_path: Path, code: str, name: str = "prog.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path


def alive(pid: int) -> bool:
    """True if the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("State:"):
                    return "Z" not in line.split()[1]
    except FileNotFoundError:
        return False
    return True


# -- ordinary programs ------------------------------------------------------------------------


def test_hello(tmp_path):
    r = run_program(write(tmp_path, 'print("hello")\n'))
    assert r.outcome == "ok" and r.exit_code == 0
    assert r.stdout == "hello\n" and r.stderr == ""
    assert r.error is None and r.limit is None
    assert r.duration_ms > 0


def test_empty_program(tmp_path):
    r = run_program(write(tmp_path, ""))
    assert r.outcome == "ok" and r.stdout == "" and r.stderr == ""


def test_stdin_is_fed_and_inputs_recorded(tmp_path):
    p = write(tmp_path, 'a = input("A? ")\nb = input("B? ")\nprint(int(a) + int(b))\n')
    r = run_program(p, stdin="3\n4\n")
    assert r.outcome == "ok"
    assert r.stdout == "A? B? 7\n"
    assert r.inputs == ["3", "4"]


def test_input_with_nothing_left_is_eof(tmp_path):
    p = write(tmp_path, 'a = input("first? ")\nb = input("second? ")\n')
    r = run_program(p, stdin="only one\n")
    assert r.outcome == "error"
    assert r.error.type == "EOFError"
    assert r.error.line == 2
    assert not r.error.in_library
    assert "_tutor_boot" not in r.stderr


def test_working_folder_is_the_programs_folder(tmp_path):
    (tmp_path / "words.txt").write_text("cat\ndog\n")
    p = write(tmp_path, 'print(open("words.txt").read().split())\nopen("out.txt", "w").write("saved")\n')
    r = run_program(p)
    assert r.outcome == "ok", r.stderr
    assert r.stdout == "['cat', 'dog']\n"
    assert (tmp_path / "out.txt").read_text() == "saved"


def test_program_can_import_its_neighbour(tmp_path):
    write(tmp_path, "def greet():\n    return 'hi from helper'\n", name="helper.py")
    r = run_program(write(tmp_path, "import helper\nprint(helper.greet())\n"))
    assert r.stdout == "hi from helper\n"


def test_dunder_name_and_file(tmp_path):
    p = write(tmp_path, "import sys\nif __name__ == '__main__':\n    print(__file__.endswith('prog.py'), sys.argv[0].endswith('prog.py'))\n")
    r = run_program(p)
    assert r.stdout == "True True\n"


def test_unicode_names_and_emoji(tmp_path):
    p = write(tmp_path, 'café = "🐍 ssss"\nprint(café)\nraise ValueError("no 🍕 left")\n')
    r = run_program(p)
    assert r.stdout == "🐍 ssss\n"
    assert r.error.type == "ValueError" and r.error.message == "no 🍕 left"
    assert r.error.line == 3


# -- errors -------------------------------------------------------------------------------------


def test_error_frames_are_the_learners_outermost_first(tmp_path):
    p = write(
        tmp_path,
        """\
        def add_points(score):
            return scroe + 1

        def play():
            return add_points(3)

        play()
        """,
    )
    r = run_program(p)
    assert r.outcome == "error"
    err = r.error
    assert err.type == "NameError"
    assert err.line == 2
    assert [(f.line, f.function) for f in err.frames] == [(7, "<module>"), (5, "play"), (2, "add_points")]
    assert err.frames[-1].locals == {"score": "3"}
    assert err.details.get("name") == "scroe"
    assert "NameError" in err.mro and "Exception" in err.mro
    # Python's usual report, but without the tutor's own frames.
    assert 'File "' in r.stderr and "line 2, in add_points" in r.stderr
    assert "_tutor_boot" not in r.stderr and "<string>" not in r.stderr
    assert r.to_json()["error"]["frames"] == [
        {"line": 7, "function": "<module>"},
        {"line": 5, "function": "play"},
        {"line": 2, "function": "add_points"},
    ]


def test_error_inside_library_names_the_learners_line(tmp_path):
    p = write(tmp_path, "import random\nprint('start')\nrandom.choice([])\n")
    r = run_program(p)
    assert r.error.type == "IndexError"
    assert r.error.line == 3
    assert r.error.in_library


def test_syntax_error_has_position(tmp_path):
    r = run_program(write(tmp_path, "x = 1\nif x == 1\n    print(x)\n"))
    assert r.outcome == "error"
    assert r.error.type == "SyntaxError"
    assert r.error.line == 2
    assert r.error.offset is not None
    assert "if x == 1" in (r.error.text or "")


def test_null_byte_in_source_is_reported(tmp_path):
    p = tmp_path / "prog.py"
    p.write_bytes(b"print(1)\n\0\n")
    r = run_program(p)
    assert r.outcome == "error" and r.error.type == "SyntaxError"


def test_exception_whose_str_raises(tmp_path):
    p = write(
        tmp_path,
        """\
        class Grumpy(Exception):
            def __str__(self):
                raise RuntimeError("no!")
        raise Grumpy()
        """,
    )
    r = run_program(p)
    assert r.outcome == "error"
    assert r.error.type == "Grumpy"
    assert r.error.line == 4
    assert "could not be shown" in r.error.message


def test_keyboard_interrupt_raised_by_program(tmp_path):
    r = run_program(write(tmp_path, "print('a')\nraise KeyboardInterrupt\n"))
    assert r.outcome == "error"
    assert r.error.type == "KeyboardInterrupt" and r.error.line == 2


def test_sys_exit_codes(tmp_path):
    r = run_program(write(tmp_path, "import sys\nsys.exit(3)\n"))
    assert r.outcome == "exit" and r.exit_code == 3 and r.error is None
    r = run_program(write(tmp_path, "import sys\nsys.exit(0)\n"))
    assert r.outcome == "ok"
    r = run_program(write(tmp_path, "import sys\nsys.exit('bye!')\n"))
    assert r.outcome == "exit" and r.exit_code == 1 and "bye!" in r.stderr


def test_os_exit_zero(tmp_path):
    r = run_program(write(tmp_path, "import os\nprint('x', flush=True)\nos._exit(0)\n"))
    assert r.outcome == "ok" and r.stdout == "x\n"


def test_deep_recursion(tmp_path):
    p = write(tmp_path, "def down(n):\n    return down(n + 1)\ndown(0)\n")
    r = run_program(p, limits=QUICK)
    assert r.outcome == "error"
    assert r.error.type == "RecursionError"
    assert r.error.line == 2
    assert r.error.frames[0].function == "<module>"


def test_invalid_utf8_on_stdout(tmp_path):
    p = write(tmp_path, "import sys\nsys.stdout.buffer.write(b'ok \\xff\\xfe end\\n')\nprint('after')\n")
    r = run_program(p)
    assert r.outcome == "ok"
    assert r.stdout.startswith("ok ") and "\ufffd" in r.stdout and "after" in r.stdout


def test_unclosed_file_is_flushed_at_exit(tmp_path):
    p = write(tmp_path, "f = open('scores.txt', 'w')\nf.write('10')\n")
    r = run_program(p)
    assert r.outcome == "ok"
    assert (tmp_path / "scores.txt").read_text() == "10"


# -- limits --------------------------------------------------------------------------------------


def test_silent_endless_loop_times_out_with_a_stuck_record(tmp_path):
    p = write(tmp_path, "n = 0\nwhile n < 10:\n    total = n * 2\nprint('done')\n")
    r = run_program(p, limits=QUICK)
    assert r.outcome == "timeout" and r.limit == "time"
    assert r.stuck is not None
    assert r.stuck.line in (2, 3)
    assert r.stuck.stack[-1].locals.get("n") == "0"
    assert r.stuck.hits.get(2, 0) > 10 and r.stuck.hits.get(3, 0) > 10
    assert r.stuck.values.get("n") == ["0"]
    assert 1000 <= r.duration_ms < 5000


def test_slowly_printing_endless_loop_times_out(tmp_path):
    p = write(tmp_path, "import time\ni = 0\nwhile True:\n    print(i)\n    time.sleep(0.01)\n")
    r = run_program(p, limits=QUICK)
    assert r.outcome == "timeout"
    assert r.stdout.startswith("0\n")
    assert r.stuck is not None and r.stuck.line in (3, 4, 5)


def test_fast_printing_endless_loop_is_stopped_for_output(tmp_path):
    p = write(tmp_path, "n = 1\nwhile n > 0:\n    print('again', n)\n")
    r = run_program(p, limits=QUICK)
    assert r.outcome == "killed" and r.limit == "output"
    assert r.truncated
    assert r.stuck is not None and r.stuck.line in (2, 3)


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_flood_keeps_memory_bounded(tmp_path, stream):
    p = write(tmp_path, f"import sys\nwhile True:\n    sys.{stream}.write('x' * 10000 + '\\n')\n")
    limits = Limits(timeout=5, max_output_bytes=200_000, sample_seconds=0.05, grace_seconds=0.2)
    r = run_program(p, limits=limits)
    assert r.outcome == "killed" and r.limit == "output" and r.truncated
    assert len(r.stdout) + len(r.stderr) <= 200_000


def test_one_enormous_line_without_newline(tmp_path):
    p = write(tmp_path, "import sys\nwhile True:\n    sys.stdout.write('y' * 100000)\n")
    limits = Limits(timeout=5, max_output_bytes=300_000, sample_seconds=0.05, grace_seconds=0.2)
    r = run_program(p, limits=limits)
    assert r.outcome == "killed" and r.limit == "output"
    assert len(r.stdout) <= 300_000
    assert "\n" not in r.stdout


def test_memory_bomb(tmp_path):
    p = write(tmp_path, "big = []\nwhile True:\n    big.append('x' * 10_000_000)\n")
    r = run_program(p, limits=Limits(timeout=10, memory_mb=256))
    assert r.outcome == "killed" and r.limit == "memory"


def test_ignores_sigterm_and_sigint(tmp_path):
    p = write(
        tmp_path,
        """\
        import signal, os
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGUSR1, signal.SIG_IGN)
        open("pid.txt", "w").write(str(os.getpid()))
        while True:
            pass
        """,
    )
    r = run_program(p, limits=QUICK)
    assert r.outcome == "timeout"
    pid = int((tmp_path / "pid.txt").read_text())
    assert not alive(pid)


def test_child_process_is_stopped_too(tmp_path):
    p = write(
        tmp_path,
        """\
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time\\nwhile True: time.sleep(0.1)"])
        open("child.txt", "w").write(str(child.pid))
        while True:
            pass
        """,
    )
    r = run_program(p, limits=QUICK)
    assert r.outcome == "timeout"
    assert r.started_processes
    pid = int((tmp_path / "child.txt").read_text())
    time.sleep(0.05)
    assert not alive(pid)


def test_process_that_escapes_the_group_is_stopped(tmp_path):
    p = write(
        tmp_path,
        """\
        import subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time\\nwhile True: time.sleep(0.1)"],
                                 start_new_session=True)
        open("child.txt", "w").write(str(child.pid))
        print("left it running")
        """,
    )
    r = run_program(p, limits=QUICK)
    assert r.outcome == "ok"
    pid = int((tmp_path / "child.txt").read_text())
    time.sleep(0.05)
    assert not alive(pid)


def test_too_many_processes(tmp_path):
    p = write(tmp_path, "import subprocess, sys\nfor i in range(50):\n    subprocess.Popen([sys.executable, '-c', 'pass'])\n")
    r = run_program(p, limits=Limits(timeout=10, max_processes=3))
    assert r.outcome == "killed" and r.limit == "processes"
    assert r.error.line == 3


def test_forked_child_cannot_fork_again(tmp_path):
    p = write(
        tmp_path,
        """\
        import os
        pid = os.fork()
        if pid == 0:
            try:
                os.fork()
                print("grandchild made")
            except PermissionError:
                print("blocked")
            os._exit(0)
        os.waitpid(pid, 0)
        """,
    )
    r = run_program(p, limits=QUICK)
    assert "blocked" in r.stdout and "grandchild made" not in r.stdout


# -- streaming and interaction -------------------------------------------------------------------


def test_output_streams_while_running(tmp_path):
    p = write(tmp_path, "import time\nprint('first')\ntime.sleep(0.5)\nprint('second')\n")
    seen: list[tuple[float, str]] = []
    start = time.monotonic()
    r = run_program(p, on_output=lambda stream, text: seen.append((time.monotonic() - start, text)))
    assert r.stdout == "first\nsecond\n"
    assert seen[0][1].startswith("first")
    assert seen[0][0] < 0.45  # the first line arrived before the program finished


def test_interactive_input(tmp_path):
    p = write(tmp_path, 'name = input("Name? ")\nage = input("Age? ")\nprint(name, "is", age)\n')
    events: list[str] = []
    running = RunningProgram(p, stdin=INTERACTIVE, limits=QUICK)

    def on_event(kind, data):
        events.append(kind)
        if kind == "input-wait":
            # The person takes a while to type: that time does not count towards the limit.
            threading.Timer(0.9 if data.get("count") == 0 else 0.1, running.send_input, args=("Sam\n" if data.get("count") == 0 else "11\n",)).start()

    running.on_event = on_event
    running.start()
    r = running.wait()
    assert r.outcome == "ok", r
    assert r.stdout == "Name? Age? Sam is 11\n"
    assert events.count("input-wait") == 2
    assert r.inputs == ["Sam", "11"]


def test_stop_button(tmp_path):
    p = write(tmp_path, "while True:\n    pass\n")
    running = RunningProgram(p, stdin=INTERACTIVE, limits=Limits(timeout=30))
    running.start()
    threading.Timer(0.3, running.stop).start()
    r = running.wait()
    assert r.outcome == "killed" and r.limit == "stopped"
    assert r.duration_ms < 5000


def test_source_override_keeps_path_and_folder(tmp_path):
    p = write(tmp_path, "print('old')\n")
    r = run_program(p, source="import os\nprint('new', os.path.basename(__file__))\nx = 1/0\n")
    assert r.stdout == "new prog.py\n"
    assert r.error.line == 3
    assert "x = 1/0" in r.stderr


def test_record_output_lines(tmp_path):
    p = write(tmp_path, "for i in range(2):\n    print('row', i)\nprint('end')\n")
    r = run_program(p, record_output_lines=True)
    assert r.output_lines == [(2, "row 0\n"), (2, "row 1\n"), (3, "end\n")]


def test_ctrl_c_while_waiting_cleans_up(tmp_path):
    p = write(tmp_path, "import os, time\nopen('pid.txt','w').write(str(os.getpid()))\nwhile True:\n    time.sleep(0.05)\n")
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        run_program(p, limits=Limits(timeout=30))
    pid = int((tmp_path / "pid.txt").read_text())
    time.sleep(0.05)
    assert not alive(pid)


def test_exit_behaves_like_python(tmp_path):
    """Threads are waited for, atexit runs, __del__ runs, open files are flushed: as `python prog.py`."""
    p = write(
        tmp_path,
        """\
        import atexit, threading, time

        class Noisy:
            def __del__(self):
                print("goodbye from Noisy")

        def later():
            time.sleep(0.2)
            print("thread done")

        keep = Noisy()
        log = open("log.txt", "w")
        log.write("written")
        atexit.register(lambda: print("atexit ran"))
        threading.Thread(target=later).start()
        print("main done")
        """,
    )
    r = run_program(p)
    assert r.outcome == "ok"
    lines = r.stdout.splitlines()
    assert lines[:3] == ["main done", "thread done", "atexit ran"]
    assert "goodbye from Noisy" in lines
    assert (tmp_path / "log.txt").read_text() == "written"


def test_runs_do_not_share_state(tmp_path):
    """Each run starts clean, even though runs are forked from one waiting Python."""
    p = write(tmp_path, "import sys\nprint('seen' if hasattr(sys, 'marker') else 'fresh')\nsys.marker = 1\nimport json\njson.mark = 2\n")
    assert run_program(p).stdout == "fresh\n"
    p2 = write(tmp_path, "import json\nprint(hasattr(json, 'mark'))\n", name="q.py")
    assert run_program(p).stdout == "fresh\n"
    assert run_program(p2).stdout == "False\n"


def test_environment_and_folder_per_run(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    p = write(sub, "import os\nprint(os.getcwd() == os.path.dirname(os.path.abspath(__file__)), os.environ.get('KID'))\n")
    assert run_program(p, env={"KID": "Mo"}).stdout == "True Mo\n"
    assert run_program(p).stdout == "True None\n"
