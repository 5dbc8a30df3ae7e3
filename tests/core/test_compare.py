from tutor.compare import first_difference, normalise, outputs_match


def test_trailing_spaces_and_final_newlines_are_forgiven():
    assert outputs_match("Hello\nWorld\n", "Hello   \nWorld")
    assert outputs_match("a\n", "a\n\n\n")
    assert outputs_match("a\r\nb\r\n", "a\nb\n")


def test_everything_else_counts():
    assert not outputs_match("Hello", "hello")
    assert not outputs_match("a b", "a  b")
    assert not outputs_match("  indented", "indented")
    assert not outputs_match("a\n\nb", "a\nb")


def test_first_difference_positions():
    d = first_difference("Score: 10\nBye\n", "Score: 12\nBye\n")
    assert (d.line, d.column, d.expected, d.actual) == (1, 9, "Score: 10", "Score: 12")
    d = first_difference("1\n2\n3\n", "1\n2\n")
    assert (d.line, d.expected, d.actual) == (3, "3", None)
    d = first_difference("1\n", "1\n2\n")
    assert (d.line, d.expected, d.actual) == (2, None, "2")
    assert first_difference("x \n", "x") is None


def test_normalise():
    assert normalise("a  \n\n") == ["a"]
    assert normalise("") == []
