"""The parents' report as one standalone HTML page.

Everything is inside the page: the CSS in a ``<style>`` element, the charts as inline SVG, the
child's code coloured by pygments with inline styles. Nothing is loaded from anywhere (a Content
Security Policy says so to the browser too), so the page can be saved, e-mailed or printed, and
opened with no internet.

Every piece of text from the log (the child's explanations, file names, exercise titles) is
escaped: whatever a child types shows exactly as typed and can never break the page.
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from .report import (
    NOT_YET,
    WITH_CLUES,
    ExerciseLine,
    Report,
    SessionInfo,
    format_duration,
    format_when,
    mismatch_words,
    safe_text,
    status_words,
)

# colours for kinds of errors in the chart (readable on white and in print)
PALETTE = ("#d1495b", "#edae49", "#00798c", "#30638e", "#8e6c8a", "#66a182", "#e07a5f", "#3d405b")
OTHER_COLOUR = "#9aa0a6"
STATUS_COLOURS = {"fixed alone": "#2a9d5c", WITH_CLUES: "#3c78d8", NOT_YET: "#e0a030"}
MAX_KINDS_IN_CHART = 6
MAX_SESSIONS_IN_CHART = 12
MAX_EXERCISES_IN_CHART = 30


def esc(value: Any) -> str:
    """Text made safe for HTML (element content and quoted attributes)."""
    return html.escape(safe_text("" if value is None else value), quote=True)


_CSS = """
:root { --ink:#1f2430; --soft:#5b6270; --line:#e3e6ea; --card:#f7f8fa; --accent:#3c78d8; --good:#2a9d5c;
        --warn:#c0392b; --paper:#fff; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif;
       color: var(--ink); background: var(--paper); }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.8rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
.sub { color: var(--soft); margin: 0 0 1rem; }
.note { background:#fff6e0; border-left: 4px solid #e0a030; padding:.5rem .8rem; margin:.5rem 0; }
.cards { display:grid; grid-template-columns: repeat(auto-fit, minmax(9rem,1fr)); gap:.7rem; margin: 1rem 0; }
.card { background: var(--card); border-radius: .6rem; padding: .7rem .9rem; }
.card b { display:block; font-size: 1.6rem; line-height:1.2; }
.card span { color: var(--soft); font-size: .9rem; }
ol.next { padding:0; list-style:none; counter-reset: n; display:grid; gap:.7rem; }
ol.next li { counter-increment: n; background: #eef4ff; border-radius:.6rem; padding:.8rem 1rem .8rem 3rem;
             position:relative; }
ol.next li::before { content: counter(n); position:absolute; left:1rem; top:.75rem; width:1.5rem; height:1.5rem;
             border-radius:50%; background: var(--accent); color:#fff; text-align:center; font-weight:700;
             line-height:1.5rem; }
ol.next .topic { font-weight: 700; display:block; }
ol.next .why { color: var(--soft); font-size:.9rem; display:block; margin-top:.2rem; }
table { border-collapse: collapse; width:100%; margin:.5rem 0; font-size:.95rem; }
th, td { text-align:left; padding:.4rem .5rem; border-bottom:1px solid var(--line); vertical-align: top; }
th { color: var(--soft); font-weight:600; font-size:.85rem; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
.id { color: var(--soft); font-size:.8rem; }
.status { white-space: nowrap; font-weight:600; }
.status.fixed-alone { color: var(--good); } .status.with-clues { color: var(--accent); }
.status.not-solved-yet { color: #a86d00; }
figure { margin: 1rem 0; }
figcaption { color: var(--soft); font-size:.9rem; }
svg { max-width:100%; height:auto; font-family: inherit; }
.kinds { list-style:none; padding:0; }
.kinds li { margin: .8rem 0; }
.kinds .name { font-weight:700; }
.kinds .key { color: var(--soft); font-size:.85rem; }
.kinds ul { margin:.3rem 0 0; color: var(--soft); }
.swatch { display:inline-block; width:.8rem; height:.8rem; border-radius:.2rem; margin-right:.35rem;
          vertical-align: baseline; }
.duck { border-left: 4px solid #f2c94c; background:#fffbea; border-radius:.4rem; padding:.6rem .9rem;
        margin:.7rem 0; }
.duck .where { color: var(--soft); font-size:.85rem; }
.duck pre { margin:.3rem 0; padding:.3rem .5rem; background:#f6f6f6; border-radius:.3rem; overflow-x:auto;
            font: .9rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.duck .q { margin:.2rem 0; }
.duck blockquote { margin:.3rem 0; padding:.2rem .6rem; background:#fff; border-radius:.3rem;
                   white-space: pre-wrap; overflow-wrap: anywhere; }
.ok { color: var(--good); } .no { color: var(--warn); }
.settings li { margin:.2rem 0; }
footer { margin-top: 3rem; color: var(--soft); font-size:.85rem; }
@media print { h2 { break-after: avoid; } .duck, ol.next li, figure { break-inside: avoid; }
               main { max-width: none; } }
"""


def render_html(report: Report) -> str:
    """The whole page, as text (UTF-8 when saved)."""
    name = esc(report.profile)
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        '<meta name="generator" content="tutor">',
        f"<title>Tutor report for {name}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>How {name} is getting on</h1>",
        f'<p class="sub">Report made {esc(format_when(report.generated))}</p>',
    ]
    for problem in report.problems:
        parts.append(f'<p class="note">{esc(problem)}</p>')
    if report.empty:
        parts.append(f'<p class="note">Nothing yet: {name} has not tried any exercises. '
                     "Sit together for the first one!</p>")
    parts.append(_summary(report))
    parts.append(_suggestions(report))
    if report.exercises:
        parts.append(_exercises(report.exercises))
    if report.errors:
        parts.append(_errors(report))
    if report.duck:
        parts.append(_duck(report))
    if report.sessions:
        parts.append(_sessions(report.sessions))
    parts.append(_settings(report))
    parts.append("<footer>Made by the tutor. This page is complete in itself: it works offline and "
                 "can be printed or saved.</footer>")
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _summary(report: Report) -> str:
    t = report.totals
    cards = [
        (str(t.get("sessions", 0)), "sessions"),
        (format_duration(report.seconds), "time spent"),
        (f"{t.get('exercises_solved', 0)} of {t.get('exercises_tried', 0)}", "exercises solved"),
        (str(t.get("fixed_alone", 0)), "fixed alone"),
        (str(t.get("tries", 0)), "tries"),
        (str(t.get("errors", 0)), "errors met (each one a clue)"),
    ]
    body = "".join(f'<div class="card"><b>{esc(v)}</b><span>{esc(k)}</span></div>' for v, k in cards)
    return f'<section aria-label="Summary"><div class="cards">{body}</div></section>'


def _suggestions(report: Report) -> str:
    items = "".join(
        f'<li><span class="topic">{esc(s.topic)}</span>{esc(s.say)}<span class="why">{esc(s.why)}</span></li>'
        for s in report.suggestions
    )
    return f'<section><h2>What to talk about next</h2><ol class="next">{items}</ol></section>'


def _exercises(exercises: list[ExerciseLine]) -> str:
    rows = []
    for x in exercises:
        cls = x.status.replace(" ", "-")
        rows.append(
            f'<tr><td>{esc(x.title)}<br><span class="id">{esc(x.id)}</span></td>'
            f'<td class="status {esc(cls)}">{esc(status_words(x))}</td>'
            f'<td class="num">{x.tries}</td><td class="num">{x.clues_used}</td>'
            f'<td class="num">{esc(format_duration(x.seconds))}</td></tr>'
        )
    table = ('<table><thead><tr><th>Exercise</th><th>Result</th><th class="num">Tries</th>'
             '<th class="num">Clues used</th><th class="num">Time</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    chart = tries_chart(exercises)
    return f"<section><h2>Exercises</h2>{chart}{table}</section>"


def tries_chart(exercises: Sequence[ExerciseLine]) -> str:
    """A horizontal bar chart: tries per exercise, coloured by how it ended."""
    shown = [x for x in exercises if x.tries or x.runs][-MAX_EXERCISES_IN_CHART:]
    if not shown:
        return ""
    label_w, bar_w, row_h, top = 230, 380, 26, 10
    most = max(max(x.tries for x in shown), 1)
    height = top + row_h * len(shown) + 40
    width = label_w + bar_w + 90
    out = [
        f'<figure><svg viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="tries-title">',
        '<title id="tries-title">Tries per exercise</title>',
    ]
    for i, x in enumerate(shown):
        y = top + i * row_h
        w = max(2.0, bar_w * x.tries / most) if x.tries else 0
        colour = STATUS_COLOURS.get(x.status, OTHER_COLOUR)
        label = x.title if len(x.title) <= 30 else x.title[:29] + "…"
        out.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="#1f2430">'
                   f"{esc(label)}</text>")
        out.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" rx="3" '
                   f'fill="{colour}"><title>{esc(x.title)}: {x.tries} tries, {esc(x.status)}</title></rect>')
        extra = f" · {x.clues_used} clue{'s' if x.clues_used != 1 else ''}" if x.clues_used else ""
        out.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" font-size="12" fill="#5b6270">'
                   f"{x.tries}{esc(extra)}</text>")
    ly = top + row_h * len(shown) + 18
    lx = label_w
    for status, colour in STATUS_COLOURS.items():
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" rx="2" fill="{colour}"/>')
        out.append(f'<text x="{lx + 17}" y="{ly + 11}" font-size="12" fill="#5b6270">{esc(status)}</text>')
        lx += 30 + 7 * len(status)
    out.append("</svg>")
    out.append("<figcaption>Tries per exercise (a try is a run of changed code).</figcaption></figure>")
    return "".join(out)


def _kind_colours(report: Report) -> dict[str, str]:
    keys = [k.key for k in report.errors[:MAX_KINDS_IN_CHART]]
    return {key: PALETTE[i % len(PALETTE)] for i, key in enumerate(keys)}


def errors_chart(report: Report) -> str:
    """Stacked bars: errors met in each session, by kind (the most common kinds; the rest grey)."""
    sessions = [s for s in report.sessions if s.errors][-MAX_SESSIONS_IN_CHART:]
    if not sessions:
        return ""
    colours = _kind_colours(report)
    names = {k.key: k.name for k in report.errors}
    left, bottom, top, plot_h = 40, 52, 12, 200
    col_w = 84
    bar = 44
    width = left + col_w * len(sessions) + 20
    width = max(width, 320)
    height = top + plot_h + bottom
    most = max(sum(s.errors.values()) for s in sessions)
    scale = plot_h / max(most, 1)
    out = [
        f'<figure><svg viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="errors-title">',
        '<title id="errors-title">Errors met in each session, by kind</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#c9ced6"/>',
    ]
    for tick in _ticks(most):
        y = top + plot_h - tick * scale
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#eef0f3"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#5b6270">{tick}</text>')
    for i, s in enumerate(sessions):
        x = left + 20 + i * col_w
        y = top + plot_h
        order = sorted(s.errors.items(), key=lambda kv: (kv[0] not in colours, -kv[1], kv[0]))
        for key, n in order:
            h = n * scale
            y -= h
            colour = colours.get(key, OTHER_COLOUR)
            out.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{colour}">'
                       f"<title>{esc(names.get(key, key))}: {n}</title></rect>")
        day = format_when(s.start)
        first, _, rest = day.partition(", ")
        out.append(f'<text x="{x + (bar) / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11" '
                   f'fill="#5b6270">{esc(first)}</text>')
        out.append(f'<text x="{x + (bar) / 2:.1f}" y="{top + plot_h + 30}" text-anchor="middle" font-size="11" '
                   f'fill="#5b6270">{esc(rest)}</text>')
    out.append("</svg>")
    legend = "".join(
        f'<span><i class="swatch" style="background:{c}"></i>{esc(names.get(k, k))}</span> &nbsp; '
        for k, c in colours.items()
    )
    if any(key not in colours for s in sessions for key in s.errors):
        legend += f'<span><i class="swatch" style="background:{OTHER_COLOUR}"></i>other kinds</span>'
    out.append(f"<figcaption>Errors met in each session, by kind. {legend}</figcaption></figure>")
    return "".join(out)


def _ticks(most: int) -> list[int]:
    if most <= 5:
        return list(range(1, most + 1))
    step = max(1, round(most / 4))
    return list(range(step, most + 1, step))


def _errors(report: Report) -> str:
    colours = _kind_colours(report)
    items = []
    for k in report.errors:
        colour = colours.get(k.key, OTHER_COLOUR)
        details = "".join(f"<li>{esc(d['plain'])} ({d['count']}×)</li>" for d in k.details[:4])
        items.append(
            f'<li><i class="swatch" style="background:{colour}"></i><span class="name">{esc(k.name)}</span> '
            f'<span class="key">{esc(k.key)} · met {k.count}×</span><br>{esc(k.plain)}'
            + (f"<ul>{details}</ul>" if details else "") + "</li>"
        )
    return ("<section><h2>Errors met, in plain words</h2>"
            "<p>Errors are normal: every one is a clue. Here is what each kind means.</p>"
            + errors_chart(report) + f'<ul class="kinds">{"".join(items)}</ul></section>')


def highlight_code(code: str) -> str:
    """One or a few lines of Python, coloured with inline styles (already escaped)."""
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        return highlight(safe_text(code), PythonLexer(), HtmlFormatter(nowrap=True, noclasses=True, style="default")).rstrip("\n")
    except Exception:  # pygments is a required package, but a report must never fail for colour
        return esc(code)


def _duck(report: Report) -> str:
    notes = []
    for d in report.duck[-60:]:
        where = " · ".join(x for x in (d.file or "", f"line {d.line}" if d.line else "", format_when(d.time)) if x)
        bits = [f'<div class="duck"><div class="where">{esc(where)}</div>']
        if d.code and d.code.strip():
            bits.append(f"<pre><code>{highlight_code(d.code.strip())}</code></pre>")
        if d.question:
            bits.append(f'<div class="q"><b>The duck asked:</b> {esc(d.question)}</div>')
        if d.answer is not None:
            bits.append(f'<div class="q"><b>{esc(report.profile)} said:</b></div><blockquote>{esc(d.answer)}</blockquote>')
        else:
            bits.append(f'<div class="q"><b>{esc(report.profile)}:</b> <i>{esc(d.words)}</i></div>')
        if d.agrees is True:
            bits.append('<div class="ok">✔ That matched what the program really did.</div>')
        elif d.agrees is False:
            bits.append(f'<div class="no">{esc(mismatch_words(d))}</div>')
        bits.append("</div>")
        notes.append("".join(bits))
    return ("<section><h2>What they explained to the duck</h2>"
            "<p>Their own words, exactly as typed. Explaining code out loud is one of the best ways to "
            "find a bug.</p>" + "".join(notes) + "</section>")


def _sessions(sessions: list[SessionInfo]) -> str:
    rows = "".join(
        f'<tr><td>{esc(format_when(s.start))}</td><td class="num">{esc(format_duration(max(s.seconds, 1)))}</td>'
        f'<td class="num">{s.runs}</td><td class="num">{s.checks}</td><td class="num">{s.clues}</td>'
        f'<td class="num">{s.solved}</td></tr>'
        for s in sessions[-30:]
    )
    return ("<section><h2>Sessions</h2><table><thead><tr><th>Started</th><th class=\"num\">Time</th>"
            '<th class="num">Runs</th><th class="num">Checks</th><th class="num">Clues</th>'
            f'<th class="num">Solved</th></tr></thead><tbody>{rows}</tbody></table>'
            "<p class=\"sub\">Time counts only while something was happening: breaks longer than 10 "
            "minutes are left out.</p></section>")


def _settings(report: Report) -> str:
    items = "".join(f"<li>{esc(w)}</li>" for w in report.settings_words)
    return (f'<section><h2>Settings</h2><ul class="settings">{items}</ul>'
            "<p class=\"sub\">Change them in the app: Parent screen, with the parent code.</p></section>")


__all__ = ["errors_chart", "esc", "highlight_code", "render_html", "tries_chart"]
