import json
import os
import subprocess
import sys

from tutor import storage


def test_data_home_uses_tutor_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    assert storage.data_home() == tmp_path / "home"
    assert (tmp_path / "home").is_dir()


def test_atomic_write_replaces_whole_file(tmp_path):
    target = tmp_path / "f.json"
    storage.atomic_write_json(target, {"a": 1})
    storage.atomic_write_json(target, {"a": 2})
    assert json.loads(target.read_text()) == {"a": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]  # no temporary files left


def test_corrupt_json_is_set_aside_not_lost(tmp_path):
    target = tmp_path / "progress.json"
    target.write_text('{"half": ')
    loaded = storage.load_json(target, default={})
    assert loaded.data == {} and loaded.problem and "damaged" in loaded.problem
    assert not target.exists()
    assert loaded.moved_to.read_text() == '{"half": '
    # A second corrupt file gets its own name: nothing is overwritten.
    target.write_text("nope")
    again = storage.load_json(target, default=[])
    assert again.moved_to != loaded.moved_to and again.moved_to.exists() and loaded.moved_to.exists()


def test_missing_file_gives_default(tmp_path):
    assert storage.load_json(tmp_path / "none.json", default={"x": 1}).data == {"x": 1}


def test_kill_during_writes_leaves_old_or_new(tmp_path):
    """A writer killed at a random moment never leaves a half-written file."""
    target = tmp_path / "work.py"
    code = (
        "import sys\nsys.path.insert(0, sys.argv[2])\nfrom tutor import storage\n"
        "i = 0\nwhile True:\n    i += 1\n"
        "    storage.atomic_write_text(sys.argv[1], ('# version %d\\n' % i) + 'x = 1\\n' * 20000)\n"
    )
    root = os.path.dirname(os.path.dirname(storage.__file__))
    for delay in (0.15, 0.3, 0.45):
        proc = subprocess.Popen([sys.executable, "-c", code, str(target), root])
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if target.exists():
            text = target.read_text()
            assert text.startswith("# version ") and text.count("x = 1\n") == 20000
