"""The report as a web page: standalone (nothing loaded from anywhere), well formed, escaped."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_session import HOSTILE, TITLES, event, scripted_session, write_events  # noqa: E402

from tutor.progress import create_profile  # noqa: E402
from tutor.progress.report import build_report  # noqa: E402
from tutor.progress.report_html import render_html  # noqa: E402

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
SVG_EMPTY = {"rect", "line", "path", "circle"}


class Checker(HTMLParser):
    """Collects tags, attributes and text; checks every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture
def page(tmp_path: Path) -> str:
    home = tmp_path / "home"
    scripted_session(home)
    return render_html(build_report("Ada", home, titles=TITLES))


def parse(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    return checker


def test_the_page_is_well_formed(page):
    checker = parse(page)
    assert checker.problems == []
    assert checker.stack == []
    assert page.startswith("<!DOCTYPE html>")


def test_nothing_is_loaded_from_anywhere(page):
    checker = parse(page)
    assert not {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "source"} & set(checker.tags)
    for tag, name, value in checker.attrs:
        assert name not in ("src", "href", "srcset", "action", "xlink:href", "data", "poster"), (tag, name, value)
        assert not name.startswith("on"), (tag, name)
        if name == "style":
            assert "url(" not in (value or "")
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "https://" not in page and "http://x" not in page.replace(html.escape("http://x"), "")
    csp = next(v for t, k, v in checker.attrs if t == "meta" and k == "content" and v and "default-src" in v)
    assert "default-src 'none'" in csp


def test_the_childs_words_are_escaped_and_shown_exactly(page):
    checker = parse(page)
    assert "script" not in checker.tags and "<b>bold</b>" not in page
    text = "".join(checker.text)
    assert HOSTILE in text  # what the child typed, exactly, as text
    assert html.escape(HOSTILE) in page
    assert "It adds one to my age\nand prints it" in text


def test_charts_are_inline_svg(page):
    checker = parse(page)
    assert checker.tags.count("svg") == 2  # tries per exercise, errors by kind over sessions
    bars = [a for a in checker.attrs if a[0] == "rect" and a[1] == "fill"]
    assert len(bars) >= 3 + 5  # one bar per exercise, one block per kind per session
    assert "Tries per exercise" in page and "Errors met in each session" in page


def test_code_is_highlighted_with_inline_styles(page):
    # pygments' colours are inline, so the page needs no stylesheet
    assert re.search(r'<span style="[^"]*color: #[0-9A-Fa-f]{3,6}[^"]*">input</span>', page)
    assert 'class="k"' not in page and 'class="nb"' not in page


def test_the_sections_a_parent_needs(page):
    for words in ("How Ada is getting on", "What to talk about next", "Exercises", "Errors met, in plain words",
                  "What they explained to the duck", "Sessions", "Settings", "fixed alone", "with clues",
                  "not solved yet", "19 minutes"):
        assert words in page


def test_hostile_names_everywhere(tmp_path):
    home = tmp_path / "home"
    evil = '"><svg onload=alert(1)><style>body{display:none}</style>'
    write_events(home, "Ada", [
        event(0, "check", exercise_id=evil, passed=False, outcome="error", error_type=evil, hint_diagnoser=evil),
        event(1, "duck", path=f"/x/{evil}.py", line=1, question=evil, answer=evil, actual=evil, agrees=False,
              code=evil + "\x1b[2J"),
        event(2, "run", exercise_id="ok-id", outcome="error", error_type="NameError"),
    ])
    page = render_html(build_report("Ada", home, titles={"ok-id": evil}))
    checker = parse(page)
    assert checker.problems == [] and checker.stack == []
    assert checker.tags.count("style") == 1
    assert checker.tags.count("svg") == 2
    assert not any(name.startswith("on") for _, name, _ in checker.attrs)
    assert "\x1b" not in page


def test_an_empty_report_is_a_page_too(tmp_path):
    home = tmp_path / "home"
    create_profile("Sam", home)
    page = render_html(build_report("Sam", home, titles={}))
    checker = parse(page)
    assert checker.problems == [] and "Nothing yet" in page
    assert "svg" not in checker.tags
