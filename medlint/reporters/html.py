"""`medlint report`: one self-contained HTML page of findings, readability and structure.

The page loads nothing: its style sheet and script are inline and named by hash in a strict
Content-Security-Policy. Every piece of text from a file, a path or a message is escaped here.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Any, Iterable, Sequence

from .. import __version__
from ..finding import Finding
from ..linter import FileResult
from ..structure.checklist import Checklist
from .html_assets import SCRIPT, STYLE


@dataclass
class ArticleReport:
    """One file of the report: its result, the text it was linted as, and its checklist."""

    path: str
    result: FileResult
    text: str | None  # None: unreadable (binary)
    checklist: Checklist | None = None  # None: the structure rules did not run


# C0 controls (but tab) and DEL show as their Unicode control pictures: one character for one,
# so columns still line up, and no character HTML forbids reaches the page.
_TEXT = {c: chr(0x2400 + c) for c in range(32) if c != 9}
_TEXT[0x7F] = "\u2421"
_TEXT.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})


def _text(value: str) -> str:
    return value.translate(_TEXT)


def _attr(value: Any) -> str:
    return escape(str(value).translate({c: chr(0x2400 + c) for c in range(32) if c != 9}), quote=True)


def is_document_level(finding: Finding) -> bool:
    """A finding about the whole file: an empty span at 1:1."""
    return (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 1)


def render(articles: Sequence[ArticleReport], title: str = "medlint report") -> str:
    """The whole page."""
    ids = [f"a{i + 1}" for i in range(len(articles))]
    parts = [_head(title), "<body>", f"<h1>{_text(title)}</h1>", _overall(articles)]
    if not articles:
        parts.append('<p class="empty">No files to report.</p>')
    if len(articles) > 1:
        parts.append(_summary(articles, ids))
    parts.extend(_article(article, aid) for article, aid in zip(articles, ids))
    parts.append('<pre id="page-errors" hidden></pre>')
    parts.append(f"<script>{SCRIPT}</script></body></html>\n")
    return "\n".join(parts)


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _head(title: str) -> str:
    policy = (f"default-src 'none'; style-src {_sha(STYLE)}; script-src {_sha(SCRIPT)}; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_attr(policy)}\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<meta name=\"generator\" content=\"medlint {_attr(__version__)}\">"
            f"<title>{_text(title)}</title><style>{STYLE}</style></head>")


def _counts(findings: Iterable[Finding]) -> Counter:
    return Counter(str(f.severity) for f in findings)


def _overall(articles: Sequence[ArticleReport]) -> str:
    counts = _counts(f for a in articles for f in a.result.findings)
    files = len(articles)
    return (f'<p class="meta">{files} file{"" if files == 1 else "s"}: {counts["error"]} errors, '
            f'{counts["warning"]} warnings, {counts["info"]} info. Made by medlint {_text(__version__)}.</p>')


def _grade(result: FileResult) -> tuple[float | None, float | None]:
    readability = result.metrics.get("readability") or {}
    return readability.get("grade"), readability.get("target_grade")


def _number(value: Any, digits: int = 1) -> str:
    return f"{value:.{digits}f}" if isinstance(value, (int, float)) else ""


def _sortable_head(columns: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f'<th data-type="{kind}"{" class=num" if kind == "num" else ""}>'
                    f'<button type="button">{_text(name)}</button></th>' for name, kind in columns)
    return f"<thead><tr>{cells}</tr></thead>"


def _summary(articles: Sequence[ArticleReport], ids: Sequence[str]) -> str:
    rows = []
    for article, aid in zip(articles, ids):
        counts = _counts(article.result.findings)
        grade, target = _grade(article.result)
        missing = sum(not item.present for item in article.checklist.items) if article.checklist else None
        rows.append(
            f'<tr><td data-sort="{_attr(article.path)}"><a href="#{aid}">{_text(article.path)}</a></td>'
            f'<td class="num">{len(article.result.findings)}</td><td class="num">{counts["error"]}</td>'
            f'<td class="num">{counts["warning"]}</td><td class="num">{counts["info"]}</td>'
            f'<td class="num" data-sort="{_number(grade, 3) or -1}">{_number(grade)}</td>'
            f'<td class="num" data-sort="{_number(target, 3) or -1}">{_number(target)}</td>'
            f'<td class="num" data-sort="{-1 if missing is None else missing}">{"" if missing is None else missing}</td></tr>')
    files = ('<h2>Files</h2><div class="scroll"><table class="sortable" id="file-table">'
             + _sortable_head([("File", "text"), ("Findings", "num"), ("Errors", "num"), ("Warnings", "num"),
                               ("Info", "num"), ("Grade", "num"), ("Target", "num"), ("Missing sections", "num")])
             + "<tbody>" + "".join(rows) + "</tbody></table></div>")
    rules = Counter(f.rule for a in articles for f in a.result.findings)
    rule_options = "".join(f'<option value="{_attr(rule)}">{_text(rule)} ({count})</option>'
                           for rule, count in sorted(rules.items()))
    severity_options = "".join(f'<option value="{name}">{name}</option>' for name in ("error", "warning", "info"))
    finding_rows = []
    for article, aid in zip(articles, ids):
        for index, finding in enumerate(article.result.findings):
            fid = f"{aid}-f{index + 1}"
            where = "file" if is_document_level(finding) else f"{finding.line}:{finding.column}"
            finding_rows.append(
                f'<tr data-rule="{_attr(finding.rule)}" data-severity="{finding.severity}">'
                f'<td data-sort="{_attr(article.path)}">{_text(article.path)}</td>'
                f'<td class="num" data-sort="{finding.line * 100000 + finding.column}">'
                f'<a class="loc" data-for="{fid}" href="#{fid}">{where}</a></td>'
                f'<td data-sort="{int(finding.severity)}" class="sev-{finding.severity}"><span class="sev">'
                f'{finding.severity}</span></td><td><code>{_text(finding.rule)}</code></td>'
                f'<td>{_text(finding.message)}</td></tr>')
    findings = ('<h2>Findings</h2><div class="filters">'
                f'<label>Rule <select id="filter-rule"><option value="">all rules</option>{rule_options}</select></label>'
                f'<label>Severity <select id="filter-severity"><option value="">all</option>{severity_options}'
                '</select></label><span id="filter-count" class="muted"></span></div>'
                '<div class="scroll"><table class="sortable" id="finding-table">'
                + _sortable_head([("File", "text"), ("Line", "num"), ("Severity", "num"), ("Rule", "text"),
                                  ("Message", "text")])
                + "<tbody>" + "".join(finding_rows) + "</tbody></table></div>")
    return f'<section class="summary">{files}{findings}</section>'


def _article(article: ArticleReport, aid: str) -> str:
    result = article.result
    counts = _counts(result.findings)
    fids = {id(f): f"{aid}-f{i + 1}" for i, f in enumerate(result.findings)}
    placed, unplaced, pieces = _layout(article.text or "", result.findings) if article.text is not None \
        else (set(), list(result.findings), {})
    head = (f'<article class="file" id="{aid}" data-path="{_attr(article.path)}"><h2>{_text(article.path)}</h2>'
            f'<p class="meta">{len(result.findings)} findings: {counts["error"]} errors, {counts["warning"]} warnings, '
            f'{counts["info"]} info</p>')
    overview = f'<div class="overview">{_checklist(article.checklist)}{_chart(result)}</div>'
    whole = ""
    if unplaced:
        items = "".join(_finding_item(f, fids[id(f)], placed=False) for f in unplaced)
        whole = f'<h3>About the whole file</h3><ul class="findings doc-findings">{items}</ul>'
    if article.text is None:
        body = '<p class="muted">The file could not be read as text.</p>'
    else:
        anchored: set[str] = set()
        lines = "".join(_line(n, text, pieces.get(n, ()), fids, anchored)
                        for n, text in enumerate(_lines(article.text), 1))
        items = "".join(_finding_item(f, fids[id(f)], placed=True) for f in result.findings if id(f) in placed)
        side = f'<ol class="findings">{items}</ol>' if items else '<p class="muted">No findings in the text.</p>'
        body = f'<div class="body"><div class="source">{lines}</div>{side}</div>'
    return head + overview + whole + body + "</article>"


def _lines(text: str) -> list[str]:
    """The lines as shown: a CRLF's carriage return is part of the line break, not the text."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


# A piece of one line: (start, end, finding); start == end marks a point (an empty span).
Piece = tuple[int, int, Finding]


def _layout(text: str, findings: Sequence[Finding]) -> tuple[set[int], list[Finding], dict[int, list[Piece]]]:
    """Which findings sit in the text (ids), which do not (document-level, or out of range), and
    the pieces of each line: a span over several lines is cut at each line end."""
    lines = _lines(text)
    placed: set[int] = set()
    unplaced: list[Finding] = []
    pieces: dict[int, list[Piece]] = {}
    for finding in findings:
        if is_document_level(finding):
            unplaced.append(finding)
            continue
        found: list[tuple[int, Piece]] = []
        last = min(finding.end_line, len(lines))
        for number in range(max(finding.line, 1), last + 1):
            width = len(lines[number - 1])
            start = finding.column - 1 if number == finding.line else 0
            end = finding.end_column - 1 if number == finding.end_line else width
            start, end = max(0, min(start, width)), max(0, min(end, width))
            if end > start:
                found.append((number, (start, end, finding)))
        if not found and (finding.line, finding.column) == (finding.end_line, finding.end_column) \
                and 1 <= finding.line <= len(lines) and finding.column <= len(lines[finding.line - 1]) + 1:
            column = max(finding.column - 1, 0)
            found.append((finding.line, (column, column, finding)))
        if not found:
            unplaced.append(finding)
            continue
        placed.add(id(finding))
        for number, piece in found:
            pieces.setdefault(number, []).append(piece)
    return placed, unplaced, pieces


def _line(number: int, text: str, pieces: Sequence[Piece], fids: dict[int, str], anchored: set[str]) -> str:
    """One source line, cut into segments at every span boundary; each segment is wrapped in one
    <mark> per finding covering it, outermost the one starting first (then the longest). The first
    mark of each finding carries the anchor its list entry links to (``anchored`` holds those)."""
    if not pieces:
        return f'<div class="l" data-n="{number}">{_text(text)}</div>'
    bounds = sorted({0, len(text), *(p[0] for p in pieces), *(p[1] for p in pieces)})
    points = sorted((p for p in pieces if p[0] == p[1]), key=lambda p: fids[id(p[2])])
    spans = sorted((p for p in pieces if p[1] > p[0]), key=lambda p: (p[0], -p[1], fids[id(p[2])]))
    out = []
    for start, end in zip(bounds, bounds[1:] + [None]):
        for point in points:
            if point[0] == start:
                out.append(_mark(point[2], fids, anchored, point=True) + "</mark>")
        if end is None:
            break
        covering = [p for p in spans if p[0] <= start and p[1] >= end]
        out.extend(_mark(p[2], fids, anchored) for p in covering)
        out.append(_text(text[start:end]))
        out.append("</mark>" * len(covering))
    return f'<div class="l" data-n="{number}">{"".join(out)}</div>'


def _mark(finding: Finding, fids: dict[int, str], anchored: set[str], point: bool = False) -> str:
    fid = fids[id(finding)]
    anchor = "" if fid in anchored else f' id="m-{fid}"'
    anchored.add(fid)
    return (f'<mark class="hl sev-{finding.severity}{" point" if point else ""}"{anchor} data-finding="{fid}" '
            f'data-rule="{_attr(finding.rule)}" data-severity="{finding.severity}" data-line="{finding.line}" '
            f'title="{_attr(finding.rule + ": " + finding.message)}">')


def _finding_item(finding: Finding, fid: str, placed: bool) -> str:
    span = f"{finding.line}:{finding.column}\u2013{finding.end_line}:{finding.end_column}"
    where = (f'<a class="loc" data-for="{fid}" href="#m-{fid}">{span}</a>' if placed
             else ("whole file" if is_document_level(finding) else f"{span} (outside the text)"))
    parts = [f'<li class="finding sev-{finding.severity}" id="{fid}" data-rule="{_attr(finding.rule)}" '
             f'data-severity="{finding.severity}">',
             f'<span class="sev">{finding.severity}</span> <code class="rule">{_text(finding.rule)}</code> '
             f'<span class="muted">{where}</span>',
             f'<p class="msg">{_text(finding.message)}</p>']
    if finding.suggestion:
        parts.append(f'<p class="suggestion">Suggestion: {_text(finding.suggestion)}</p>')
    evidence = finding.evidence or {}
    if evidence:
        parts.append("<dl class=\"evidence\">" + "".join(
            f"<dt>{_text(str(key))}</dt><dd>{_evidence_value(key, value)}</dd>" for key, value in evidence.items())
            + "</dl>")
    parts.append("</li>")
    return "".join(parts)


def _evidence_value(key: Any, value: Any) -> str:
    if isinstance(value, str):
        if key == "source" and value.startswith(("https://", "http://")):  # never a javascript: link
            return (f'<a class="source-link" href="{_attr(value)}" rel="noopener noreferrer" '
                    f'target="_blank">{_text(value)}</a>')
        return _text(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return _text(json.dumps(value, ensure_ascii=False, default=str))


def _checklist(checklist: Checklist | None) -> str:
    if checklist is None:
        return '<div class="sections"><h3>Sections</h3><p class="muted">The structure rules did not run.</p></div>'
    items = []
    for item in checklist.items:
        if item.present:
            detail = (f'"{_text(item.heading)}"' + (f", line {item.line}" if item.line else "")
                      if item.heading is not None else _text(item.note))
            extra = f" ({_text(item.note)})" if item.note and item.heading is not None else ""
            items.append(f'<li class="has" data-section="{_attr(item.key)}">{_text(item.name)}: '
                         f'<span class="muted">{detail}{extra}</span></li>')
        else:
            extra = f' <span class="muted">({_text(item.note)})</span>' if item.note else ""
            items.append(f'<li class="missing" data-section="{_attr(item.key)}">{_text(item.name)}: '
                         f'missing{extra}</li>')
    body = f'<ul class="checklist">{"".join(items)}</ul>' if items else '<p class="muted">No section is required.</p>'
    return (f'<div class="sections"><h3>Sections of a {_text(checklist.article_type)} article '
            f'<span class="muted">({_text(checklist.type_source)} type)</span></h3>{body}</div>')


def _chart(result: FileResult) -> str:
    """Horizontal bars: each section's reading grade, and a dashed line at the target."""
    readability = result.metrics.get("readability") or {}
    sections = [s for s in readability.get("sections") or [] if isinstance(s.get("grade"), (int, float))]
    target = readability.get("target_grade")
    target = target if isinstance(target, (int, float)) else None
    if not sections:
        return '<figure class="chart"><h3>Reading grade by section</h3><p class="muted">No readability figures.</p></figure>'
    label_width, bar_width, row, top = 230, 380, 24, 24
    scale = max([s["grade"] for s in sections] + [target or 0, 1.0])
    scale = float(int(scale) + 2 - int(scale) % 2)  # round up to an even grade, with room
    height = top + row * len(sections) + 10

    def x(grade: float) -> float:
        return label_width + max(grade, 0) / scale * bar_width

    shapes = []
    for grade in range(0, int(scale) + 1, 2):
        shapes.append(f'<line class="axis" x1="{x(grade):.1f}" y1="{top - 6}" x2="{x(grade):.1f}" y2="{top - 2}"/>'
                      f'<text x="{x(grade):.1f}" y="{top - 10}" text-anchor="middle">{grade}</text>')
    for i, section in enumerate(sections):
        y = top + i * row
        grade = section["grade"]
        heading = section.get("heading") or "(before the first heading)"
        label = heading if len(heading) <= 32 else heading[:31] + "\u2026"
        classes = "bar" + (" over" if target is not None and grade > target else "") + \
            ("" if section.get("reliable", True) else " unreliable")
        note = "" if section.get("reliable", True) else " (too short to be reliable)"
        tip = f"{heading}, line {section.get('line')}: grade {grade:.1f}, {section.get('words')} words{note}"
        shapes.append(f'<g class="section"><title>{_text(tip)}</title>'
                      f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{_text(label)}</text>'
                      f'<rect class="{classes}" x="{label_width}" y="{y + 3}" height="{row - 8}" '
                      f'width="{max(x(grade) - label_width, 1):.1f}" data-grade="{grade:.2f}"/>'
                      f'<text x="{x(grade) + 4:.1f}" y="{y + 15}">{grade:.1f}</text></g>')
    if target is not None:
        shapes.append(f'<line class="target" x1="{x(target):.1f}" y1="{top - 2}" x2="{x(target):.1f}" '
                      f'y2="{height - 6}"><title>target grade {target:g}</title></line>')
    audience = readability.get("audience")
    caption = (f"Target: grade {target:g}" + (f" for a {_text(str(audience))} audience" if audience else "")
               if target is not None else "No target grade")
    overall = readability.get("grade")
    if isinstance(overall, (int, float)):
        caption += f"; the whole article: grade {overall:.1f}"
    label = f"Reading grade of {len(sections)} sections against the target"
    return (f'<figure class="chart"><h3>Reading grade by section</h3>'
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_attr(label)}" '
            f'viewBox="0 0 {label_width + bar_width + 50} {height}" width="{label_width + bar_width + 50}" '
            f'height="{height}">{"".join(shapes)}</svg><figcaption class="muted">{caption}.</figcaption></figure>')

