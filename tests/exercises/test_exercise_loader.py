"""The exercise loader: good files load; each kind of broken file gives a clear problem naming the
file and the field, and never stops the other files from loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor import exercises as ex_mod
from tutor.exercises import LEVEL_NAMES, Check, builtin_dir, find_exercise, load_exercises, load_file

GOOD = """
id = "{id}"
title = "Say hello"
level = {level}
theme = "pets"
instructions = '''
Print **Hello, Sam!**
'''
starter = '''
name = "Sam"
print("Hello, " + nmae + "!")
'''
solution = '''
name = "Sam"
print("Hello, " + name + "!")
'''
clues = ["Look at line 2.", "  "]

[[checks]]
name = "hello"
expected = "Hello, Sam!\\n"

[[checks]]
stdin = "x\\ny\\n"
expected = '''
Hello, Sam!
'''
"""


def good(ex_id: str = "say-hello", level: int = 1) -> str:
    return GOOD.format(id=ex_id, level=level)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def only(folder: Path):
    """Load just this folder (no built-in exercises, no home folder)."""
    result = load_exercises([folder], include_home=False)
    builtin = {e.id for e in load_exercises([], include_home=False).exercises}
    result.exercises = [e for e in result.exercises if e.id not in builtin]
    return result


def test_a_good_file_loads(tmp_path):
    path = write(tmp_path, "say-hello.toml", good())
    exercise, problems = load_file(path)
    assert problems == []
    assert exercise is not None
    assert exercise.id == "say-hello" and exercise.title == "Say hello" and exercise.level == 1
    assert exercise.level_name == LEVEL_NAMES[1]
    assert exercise.theme == "pets"
    assert exercise.instructions == "Print **Hello, Sam!**"
    assert exercise.starter == 'name = "Sam"\nprint("Hello, " + nmae + "!")\n'
    assert exercise.solution.endswith('print("Hello, " + name + "!")\n')
    assert exercise.checks == [Check(stdin="", expected="Hello, Sam!\n", name="hello"),
                               Check(stdin="x\ny\n", expected="Hello, Sam!\n", name="")]
    assert exercise.clues == ["Look at line 2."]  # empty clues are dropped
    assert exercise.tests == "" and exercise.bugs == 1 and exercise.timeout == 3.0
    assert exercise.path == path


def test_level_name_can_be_given_and_defaults_for_unknown_levels(tmp_path):
    write(tmp_path, "a.toml", good("a", 42))
    write(tmp_path, "b.toml", good("b", 2).replace('theme = "pets"', 'level_name = "My own level"'))
    result = only(tmp_path)
    names = {e.id: e.level_name for e in result.exercises}
    assert names == {"a": "Level 42", "b": "My own level"}


def test_sorted_by_level_then_id(tmp_path):
    write(tmp_path, "one.toml", good("zebra", 1))
    write(tmp_path, "two.toml", good("apple", 2))
    write(tmp_path / "sub", "three.toml", good("mango", 1))
    result = only(tmp_path)
    assert [e.id for e in result.exercises] == ["mango", "zebra", "apple"]
    assert result.problems == []


def test_hidden_files_and_other_files_are_skipped(tmp_path):
    write(tmp_path, "README.md", "# not an exercise")
    write(tmp_path, ".draft.toml", "broken = ")
    write(tmp_path / "_old", "x.toml", "broken = ")
    write(tmp_path, "ok.toml", good("ok"))
    result = only(tmp_path)
    assert [e.id for e in result.exercises] == ["ok"] and result.problems == []


def problem_for(tmp_path: Path, text: str | bytes, name: str = "broken.toml"):
    path = write(tmp_path, name, text)
    exercise, problems = load_file(path)
    return exercise, problems, path


@pytest.mark.parametrize(
    "change, field, words",
    [
        (lambda t: t.replace('id = "say-hello"\n', ""), "id", "missing"),
        (lambda t: t.replace('title = "Say hello"\n', ""), "title", "missing"),
        (lambda t: t.replace("level = 1\n", ""), "level", "missing"),
        (lambda t: t.replace("level = 1\n", 'level = "two"\n'), "level", "whole number"),
        (lambda t: t.replace("level = 1\n", "level = true\n"), "level", "whole number"),
        (lambda t: t.replace("level = 1\n", "level = 1.5\n"), "level", "whole number"),
        (lambda t: t.replace("level = 1\n", "level = 0\n"), "level", "from 1 to 99"),
        (lambda t: t.replace('id = "say-hello"', 'id = "Say Hello!"'), "id", "not a usable id"),
        (lambda t: t.replace('id = "say-hello"', 'id = "../../etc"'), "id", "not a usable id"),
        (lambda t: t.replace('id = "say-hello"', "id = 7"), "id", "must be text"),
        (lambda t: t.replace('title = "Say hello"', 'title = "   "'), "title", "empty"),
        (lambda t: t.replace('title = "Say hello"', f'title = "{"x" * 81}"'), "title", "80"),
        (lambda t: t.replace("instructions = '''\nPrint **Hello, Sam!**\n'''\n", ""), "instructions", "missing"),
        (lambda t: t[: t.index("starter")] + t[t.index("solution"):], "starter", "missing"),
        (lambda t: t[: t.index("solution")] + t[t.index("clues"):], "solution", "missing"),
        (lambda t: t.replace('+ name +', '+ nmae +'), "starter", "same as the solution"),
        (lambda t: t.replace('print("Hello, " + name + "!")', 'print("Hello, " + name + "!"'), "solution",
         "line 2"),
        (lambda t: t.replace("clues = [", "tests = 'assert ('\nclues = ["), "tests", "does not run"),
        (lambda t: t[: t.index("[[checks]]")], "checks", "missing"),
        (lambda t: t[: t.index("[[checks]]")] + "checks = []\n", "checks", "empty"),
        (lambda t: t[: t.index("[[checks]]")] + 'checks = "Hello"\n', "checks", "list of tables"),
        (lambda t: t.replace('expected = "Hello, Sam!\\n"', 'expectd = "Hello, Sam!\\n"'), "checks[1].expected",
         "missing"),
        (lambda t: t.replace('expected = "Hello, Sam!\\n"', "expected = 12"), "checks[1].expected", "must be text"),
        (lambda t: t.replace('stdin = "x\\ny\\n"', "stdin = 3"), "checks[2].stdin", "must be text"),
        (lambda t: t.replace('name = "hello"', "name = 1"), "checks[1].name", "must be text"),
        (lambda t: t.replace('clues = ["Look at line 2.", "  "]', 'clues = "Look at line 2."'), "clues",
         "list of texts"),
        (lambda t: t.replace('clues = ["Look at line 2.", "  "]', "clues = [1, 2]"), "clues", "list of texts"),
        (lambda t: t.replace("clues = [", "bugs = 4\nclues = ["), "bugs", "1, 2 or 3"),
        (lambda t: t.replace("clues = [", "timeout = -1\nclues = ["), "timeout", "seconds"),
        (lambda t: t.replace("clues = [", "timeout = 100\nclues = ["), "timeout", "seconds"),
        (lambda t: t.replace('theme = "pets"', "theme = ['pets']"), "theme", "must be text"),
        (lambda t: t.replace('title = "Say hello"', 'title = "Say\\u001b[2J hello"'), "title", "control character"),
        (lambda t: t.replace('title = "Say hello"', 'title = "Say\\nhello"'), "title", "one line"),
        (lambda t: t.replace('theme = "pets"', 'theme = "pets\\tand more"'), "theme", "control character"),
    ],
)
def test_each_kind_of_broken_field_is_named(tmp_path, change, field, words):
    text = change(good())
    assert text != good()
    exercise, problems, path = problem_for(tmp_path, text)
    assert exercise is None
    assert len(problems) >= 1
    problem = problems[-1]
    assert problem.path == path
    assert problem.field == field, problems
    assert words in problem.message, problem.message
    line = str(problem)
    assert "broken.toml" in line and repr(field) in line and "\n" not in line


def test_every_broken_field_is_reported_at_once(tmp_path):
    # An author fixes them all in one go instead of one problem per try.
    text = (good().replace('title = "Say hello"', "title = 3").replace("level = 1\n", 'level = "one"\n')
            .replace('print("Hello, " + name + "!")\n\'\'\'\nclues', 'print("Hello, " + name + "!"\n\'\'\'\nclues')
            .replace('expected = "Hello, Sam!\\n"', "expected = 12").replace('stdin = "x\\ny\\n"', "stdin = 3")
            .replace("clues = [", "bugs = 9\nclues = ["))
    exercise, problems, path = problem_for(tmp_path, text)
    assert exercise is None
    fields = [p.field for p in problems]
    assert fields == ["title", "level", "solution", "checks[1].expected", "checks[2].stdin", "bugs"], problems
    assert all(p.path == path and "\n" not in str(p) for p in problems)


def test_invalid_toml_names_the_file_and_the_place(tmp_path):
    exercise, problems, path = problem_for(tmp_path, good().replace('title = "Say hello"', 'title = "Say hello'))
    assert exercise is None
    [problem] = problems
    assert problem.field is None
    assert "not valid TOML" in problem.message and "line 3" in problem.message
    assert str(problem).startswith(str(path)) or "broken.toml" in str(problem)


def test_not_utf8(tmp_path):
    exercise, problems, _ = problem_for(tmp_path, good().encode("utf-8").replace(b"Sam", b"S\xe9m"))
    assert exercise is None
    assert "not UTF-8" in problems[0].message and "position" in problems[0].message


def test_too_big(tmp_path):
    text = good() + "# " + "x" * (ex_mod.MAX_FILE_BYTES + 10) + "\n"
    exercise, problems, _ = problem_for(tmp_path, text)
    assert exercise is None and "too big" in problems[0].message


def test_unreadable_file(tmp_path):
    path = tmp_path / "folder.toml"
    path.mkdir()
    (path / "inner.toml").write_text(good("inner"))
    # A folder called x.toml is searched as a folder, not read as a file.
    result = only(tmp_path)
    assert [e.id for e in result.exercises] == ["inner"]


def test_unknown_fields_are_reported_but_the_exercise_loads(tmp_path):
    text = good().replace("clues = [", 'solutoin = "x"\nclues = [').replace('name = "hello"', 'nmae = "hello"')
    exercise, problems, _ = problem_for(tmp_path, text)
    assert exercise is not None
    fields = {p.field: p.message for p in problems}
    assert "did you mean 'solution'" in fields["solutoin"]
    assert "did you mean 'name'" in fields["checks[1].nmae"]


def test_a_broken_file_does_not_stop_the_others(tmp_path):
    write(tmp_path, "a-good.toml", good("good-one"))
    write(tmp_path, "b-broken.toml", "id = ")
    write(tmp_path, "c-missing.toml", good("bad").replace("level = 1\n", ""))
    write(tmp_path, "d-good.toml", good("good-two"))
    result = only(tmp_path)
    assert [e.id for e in result.exercises] == ["good-one", "good-two"]
    assert sorted(p.path.name for p in result.problems) == ["b-broken.toml", "c-missing.toml"]


def test_duplicate_ids_are_a_problem_naming_both_files(tmp_path):
    write(tmp_path, "first.toml", good("twin"))
    write(tmp_path, "second.toml", good("twin").replace("Say hello", "Another"))
    result = only(tmp_path)
    assert [e.title for e in result.exercises] == ["Say hello"]
    [problem] = result.problems
    assert problem.path.name == "second.toml" and problem.field == "id"
    assert "first.toml" in problem.message


def test_a_parent_cannot_reuse_a_builtin_id(tmp_path):
    some_builtin = load_exercises(include_home=False).exercises[0]
    write(tmp_path, "mine.toml", good(some_builtin.id))
    result = load_exercises([tmp_path], include_home=False)
    assert any(p.path.name == "mine.toml" and p.field == "id" for p in result.problems)
    assert next(e for e in result.exercises if e.id == some_builtin.id).path == some_builtin.path


def test_home_folder_is_loaded(tmp_path, monkeypatch):
    home = tmp_path / "tutor-home"
    write(home / "exercises", "mine.toml", good("from-home"))
    assert find_exercise("from-home") is not None
    assert all(e.id != "from-home" for e in load_exercises(include_home=False).exercises)


def test_missing_extra_folder_is_a_problem(tmp_path):
    result = load_exercises([tmp_path / "nope"], include_home=False)
    assert any("no such folder" in p.message for p in result.problems)
    assert result.exercises  # the built-in ones still load


def test_the_same_folder_twice_is_loaded_once(tmp_path):
    write(tmp_path, "one.toml", good("only-once"))
    result = load_exercises([tmp_path, tmp_path / "."], include_home=False)
    assert [e.id for e in result.exercises].count("only-once") == 1
    assert not result.problems


def test_find_exercise(tmp_path):
    write(tmp_path, "one.toml", good("findable"))
    assert find_exercise("findable", [tmp_path]).title == "Say hello"
    assert find_exercise("not-there", [tmp_path]) is None


def test_builtin_dir_is_the_course():
    assert builtin_dir().is_dir()
    assert (builtin_dir() / "README.md").is_file()


def test_a_folder_that_links_to_itself_does_not_hang(tmp_path):
    write(tmp_path, "one.toml", good("looped"))
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = load_exercises([tmp_path], include_home=False)
    assert [e.id for e in result.exercises].count("looped") == 1
    # The copies seen through the link are reported as duplicates, not loaded twice.
    assert all(p.field == "id" for p in result.problems)


def test_a_deeply_nested_file_is_one_clear_problem_and_hides_no_other_exercise(tmp_path):
    """A hostile or broken file nesting lists 100 000 deep must not crash the loader (tomllib
    would recurse until Python gives up) nor hide the other exercises in the folder."""
    from tutor.exercises import load_exercises as load

    good = builtin_dir() / "1-one-letter"
    first = sorted(good.glob("*.toml"))[0]
    import re

    text = re.sub(r'(?m)^id = ".*"$', 'id = "my-own-copy"', first.read_text(encoding="utf-8"))
    (tmp_path / first.name).write_text(text, encoding="utf-8")
    (tmp_path / "deep.toml").write_text('id = "deep"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n")
    (tmp_path / "deep-table.toml").write_text('id = "deep2"\nx = ' + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    result = load([tmp_path], include_home=False)
    mine = [p for p in result.problems if p.path.parent == tmp_path]
    assert sorted(p.path.name for p in mine) == ["deep-table.toml", "deep.toml"]
    assert all("nested" in p.message for p in mine)
    assert any(e.path.parent == tmp_path for e in result.exercises)  # the good one still loads


def test_the_validate_command_survives_a_deeply_nested_file(tmp_path, capsys):
    from tutor.cli import main

    (tmp_path / "deep.toml").write_text('id = "deep"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n")
    code = main(["exercises", "--validate", "--dir", str(tmp_path), "--json"])
    out = capsys.readouterr()
    assert "RecursionError" not in out.out + out.err and "Traceback" not in out.err
    assert code != 0 and "deep.toml" in out.out
