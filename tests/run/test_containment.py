"""Hostile programs: nothing a run starts outlives it, and files outside its folder stay safe.

Each escape is tried the way a curious child (or a copied snippet) would: fork, double fork,
``setsid``, ``ctypes`` (libc's own fork and exec, past Python's audit hooks), killing the
supervisor. A process counts as gone when it no longer exists or is a zombie.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tutor.run import Limits, run_program
from tutor.run.runner import protection

QUICK = Limits(timeout=2.0, sample_seconds=0.1, grace_seconds=0.2)


def write(folder: Path, code: str, name: str = "prog.py") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("State:"):
                    return "Z" not in line.split()[1]
    except FileNotFoundError:
        return False
    return True


def gone_within(pids: list[int], seconds: float = 1.0) -> bool:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.02)
    return not any(alive(p) for p in pids)


def pids_in(folder: Path) -> list[int]:
    return [int(p.read_text()) for p in folder.glob("pid-*.txt") if p.read_text().strip()]


# Each escapee writes its pid to pid-<n>.txt, then sleeps for a long time and would write late.txt.
SLEEPER = "open('pid-%s.txt' % tag, 'w').write(str(os.getpid())); time.sleep(20); open('late.txt', 'w').write('x')"

ESCAPES = {
    "fork+setsid": """\
        import os, time
        tag = 'a'
        if os.fork() == 0:
            os.setsid()
            SLEEPER
            os._exit(0)
        time.sleep(0.4)
        print("done")
        """,
    "ctypes double fork + setsid": """\
        import os, time, ctypes
        libc = ctypes.CDLL(None)
        if libc.fork() == 0:
            os.setsid()
            if libc.fork() == 0:
                tag = 'b'
                SLEEPER
            os._exit(0)
        time.sleep(0.4)
        print("done")
        """,
    "ctypes fork + exec": """\
        import os, sys, time, ctypes
        libc = ctypes.CDLL(None)
        if libc.fork() == 0:
            os.setsid()
            code = "import os, time; tag = 'c'; " + %r
            args = (ctypes.c_char_p * 4)(sys.executable.encode(), b"-c", code.encode(), None)
            libc.execv(sys.executable.encode(), args)
            os._exit(1)
        time.sleep(0.8)
        print("done")
        """,
    "subprocess in a new session": """\
        import subprocess, sys, time
        code = "import os, time; tag = 'd'; " + %r
        subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
        time.sleep(0.8)
        print("done")
        """,
    "kill the supervisor first": """\
        import os, signal, time, ctypes
        try:
            os.kill(os.getppid(), signal.SIGKILL)
        except OSError:
            pass
        libc = ctypes.CDLL(None)
        if libc.fork() == 0:
            os.setsid()
            tag = 'e'
            SLEEPER
        time.sleep(0.4)
        print("done")
        """,
}


def _program(code: str) -> str:
    code = textwrap.dedent(code)
    if "%r" in code:
        return code.replace("%r", repr(SLEEPER))
    return code.replace("SLEEPER", SLEEPER)


@pytest.mark.parametrize("zygote", [True, False], ids=["zygote", "subprocess"])
@pytest.mark.parametrize("name", list(ESCAPES))
def test_nothing_outlives_the_run(tmp_path, name, zygote):
    prog = write(tmp_path, _program(ESCAPES[name]))
    result = run_program(prog, limits=QUICK, use_zygote=zygote)
    started = pids_in(tmp_path)
    assert started, (result.outcome, result.stdout, result.stderr)
    assert gone_within(started, 1.0)
    assert not (tmp_path / "late.txt").exists()


@pytest.mark.parametrize("zygote", [True, False], ids=["zygote", "subprocess"])
def test_escapees_of_an_endless_program_are_stopped_at_the_time_limit(tmp_path, zygote):
    prog = write(
        tmp_path,
        """\
        import os, time, ctypes
        libc = ctypes.CDLL(None)
        if libc.fork() == 0:
            os.setsid()
            open('pid-x.txt', 'w').write(str(os.getpid()))
            while True:
                time.sleep(0.05)
        while True:
            pass
        """,
    )
    result = run_program(prog, limits=Limits(timeout=1.0, sample_seconds=0.05, grace_seconds=0.1), use_zygote=zygote)
    assert result.outcome == "timeout"
    assert gone_within(pids_in(tmp_path), 1.0)


def test_a_ctypes_fork_bomb_is_capped_and_cleaned_up(tmp_path):
    if protection()["process_cap"] == "none":
        pytest.skip("no process cap on this system (neither a control group nor a per-user limit)")
    prog = write(
        tmp_path,
        """\
        import os, time, ctypes
        libc = ctypes.CDLL(None)
        made = 0
        for i in range(400):
            pid = libc.fork()
            if pid == 0:
                open('pid-%d.txt' % os.getpid(), 'w').write(str(os.getpid()))
                time.sleep(20)
                os._exit(0)
            if pid < 0:
                break
            made += 1
        print(made)
        """,
    )
    result = run_program(prog, limits=Limits(timeout=5.0, max_processes=10))
    made = int(result.stdout.split()[0])
    assert made < 400
    assert gone_within(pids_in(tmp_path), 1.0)


# -- files --------------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path):
    folder = tmp_path / "elsewhere"
    (folder / "inner").mkdir(parents=True)
    (folder / "keep.txt").write_text("precious")
    (folder / "inner" / "deep.txt").write_text("also precious")
    return folder


ATTACKS = {
    "rmtree": "import shutil\nshutil.rmtree(OUT)",
    "open-w": "open(OUT + '/keep.txt', 'w').write('gone')",
    "append": "open(OUT + '/keep.txt', 'a').write('more')",
    "remove": "import os\nos.remove(OUT + '/keep.txt')",
    "rename": "import os\nos.rename(OUT + '/keep.txt', OUT + '/moved.txt')",
    "move-in": "import os\nos.rename(OUT + '/keep.txt', 'stolen.txt')",
    "os.open": "import os\nos.open(OUT + '/keep.txt', os.O_WRONLY | os.O_TRUNC)",
    "new file": "open(OUT + '/new.txt', 'w').write('x')",
    "relative": "open('../elsewhere/keep.txt', 'w').write('gone')",
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_files_outside_the_folder_cannot_be_changed(tmp_path, outside, attack):
    home = tmp_path / "kid"
    home.mkdir()
    prog = write(home, f"OUT = {str(outside)!r}\n" + ATTACKS[attack] + "\n")
    result = run_program(prog, limits=QUICK)
    assert result.outcome == "error", (result.stdout, result.stderr)
    assert result.error.type == "PermissionError"
    assert (outside / "keep.txt").read_text() == "precious"
    assert (outside / "inner" / "deep.txt").read_text() == "also precious"
    assert not (outside / "new.txt").exists() and not (outside / "moved.txt").exists()


def test_the_message_is_kind_and_names_the_file(tmp_path, outside):
    home = tmp_path / "kid"
    home.mkdir()
    prog = write(home, f"open({str(outside / 'keep.txt')!r}, 'w')\n")
    result = run_program(prog, limits=QUICK)
    assert "only in its own folder" in result.error.message
    assert "keep.txt" in result.error.message


def test_ctypes_cannot_get_past_the_fence_when_landlock_is_on(tmp_path, outside):
    if protection()["files"] != "landlock":
        pytest.skip("this kernel has no Landlock; the audit hook alone is the fence")
    home = tmp_path / "kid"
    home.mkdir()
    prog = write(
        home,
        f"""\
        import ctypes
        libc = ctypes.CDLL(None)
        print(libc.unlink({str(outside / 'keep.txt').encode()!r}), libc.rmdir({str(outside / 'inner').encode()!r}))
        """,
    )
    result = run_program(prog, limits=QUICK)
    assert result.stdout.split() == ["-1", "-1"]
    assert (outside / "keep.txt").read_text() == "precious"


def test_own_folder_and_temporary_folder_are_free_and_reading_is_allowed(tmp_path, outside):
    home = tmp_path / "kid"
    home.mkdir()
    prog = write(
        home,
        f"""\
        import os, shutil, tempfile
        print(open({str(outside / 'keep.txt')!r}).read())
        os.mkdir('box')
        open('box/a.txt', 'w').write('1')
        os.rename('box/a.txt', 'box/b.txt')
        shutil.rmtree('box')
        with tempfile.NamedTemporaryFile('w', delete=False) as f:
            f.write('scratch')
        os.remove(f.name)
        with open(os.devnull, 'w') as f:
            f.write('nothing')
        print('fine')
        """,
    )
    result = run_program(prog, limits=QUICK)
    assert result.outcome == "ok", result.stderr
    assert result.stdout == "precious\nfine\n"


def test_programs_do_not_learn_where_the_tutor_keeps_its_data(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    prog = write(tmp_path, "import os, tempfile\nprint(os.environ.get('TUTOR_HOME'), tempfile.gettempdir() != '/tmp')\n")
    assert run_program(prog, limits=QUICK).stdout == "None True\n"


# -- as a normal user ----------------------------------------------------------------------------

USER_CHECK = r"""
import os, sys, time
sys.path.insert(0, sys.argv[2])
from tutor.run import Limits, run_program
folder = sys.argv[1]
prog = os.path.join(folder, "prog.py")
r = run_program(prog, limits=Limits(timeout=3))
time.sleep(0.05)
pids = [int(open(os.path.join(folder, n)).read()) for n in os.listdir(folder) if n.startswith("pid-")]
def alive(pid):
    try:
        return "Z" not in open("/proc/%d/status" % pid).read().split("State:")[1].split()[0]
    except OSError:
        return False
print(r.outcome, len(pids), sum(alive(p) for p in pids), os.path.exists(os.path.join(folder, "late.txt")))
"""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to become another user")
def test_as_a_normal_user_nothing_outlives_the_run(tmp_path):
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="tutor-user-"))  # pytest's own folders are root's only
    request_cleanup = lambda: shutil.rmtree(folder, ignore_errors=True)  # noqa: E731
    os.chmod(folder, 0o777)
    write(folder, _program(ESCAPES["ctypes double fork + setsid"]))
    os.chmod(folder / "prog.py", 0o644)

    def become_nobody() -> None:
        os.setgid(65534)
        os.setgroups([])
        os.setuid(65534)

    root = str(Path(__file__).resolve().parents[2])
    env = {k: v for k, v in os.environ.items() if k not in ("TUTOR_HOME",)}
    env["HOME"] = str(folder)
    # The tutor's own Python may sit in root's folder; a system Python is readable by everyone.
    python = next((p for p in ("/usr/bin/python3", sys.executable) if os.access(p, os.X_OK)), sys.executable)
    try:
        out = subprocess.run(
            [python, "-c", USER_CHECK, str(folder), root],
            preexec_fn=become_nobody, capture_output=True, text=True, timeout=60, env=env, cwd=str(folder),
        )
    except PermissionError:
        pytest.skip("cannot run the tutor as another user here")
    if out.returncode != 0 and ("Permission denied" in out.stderr or "SyntaxError" in out.stderr):
        pytest.skip("no Python here that another user can run the tutor with")
    request_cleanup()
    outcome, started, still_alive, late = out.stdout.split()
    assert int(started) >= 1, out.stderr
    assert int(still_alive) == 0 and late == "False"
