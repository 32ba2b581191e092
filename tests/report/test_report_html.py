"""The HTML report's renderer (parsed back with html.parser) and the `medlint report` command."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from report_dom import parse

from medlint.finding import Finding, Severity
from medlint.linter import FileResult
from medlint.reporters.html import ArticleReport, render
from medlint.structure.checklist import Checklist, ChecklistItem

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "articles"
TODAY = "2026-11-26"


def finding(rule: str, line: int, column: int, end_line: int, end_column: int, message: str = "a message",
            severity: Severity = Severity.WARNING, evidence: dict | None = None) -> Finding:
    return Finding(rule, severity, line, column, end_line, end_column, message, None, evidence)


def page_of(text: str | None, findings: list[Finding], path: str = "article.md", metrics: dict | None = None,
            checklist: Checklist | None = None):
    page = render([ArticleReport(path, FileResult(path, findings, metrics or {}), text, checklist)])
    root, errors = parse(page)
    assert errors == []
    return page, root


def marked(root, fid: str) -> str:
    """The text a finding's highlights cover, in order."""
    return "".join(m.text for m in root.iter("mark", data_finding=fid))


def source_lines(root) -> list[str]:
    return [line.text for line in root.iter("div", class_="l")]


def test_file_text_paths_and_messages_are_escaped():
    text = 'Say <script>alert("x")</script> & <b>bold</b> \'here\'\n<!-- not a comment -->\n'
    path = 'odd<img src=x onerror=alert(1)>".md'
    message = '<img src=x onerror="alert(2)"> & more'
    page, root = page_of(text, [finding("x.rule", 1, 5, 1, 13, message)], path=path)
    assert len(list(root.iter("script"))) == 1  # the page's own script only
    assert not list(root.iter("img")) and not list(root.iter("b"))
    assert source_lines(root) == text.split("\n")
    assert marked(root, "a1-f1") == text[4:12]
    assert [li.text for li in root.iter("p", class_="msg")] == [message]
    assert list(root.iter("article"))[0].attrs["data-path"] == path
    assert list(root.iter("h2"))[0].text == path
    assert "<!-- not" not in page


def test_a_finding_is_highlighted_at_its_code_point_span():
    text = "# Title\nCafé 😀 naïve words here.\n"
    # "naïve" is at code points 8..12 of line 2 (1-based columns 8 to 13, exclusive end)
    page, root = page_of(text, [finding("x.rule", 2, 8, 2, 13)])
    assert marked(root, "a1-f1") == "naïve"
    mark = next(root.iter("mark", data_finding="a1-f1"))
    assert (mark.attrs["data-rule"], mark.attrs["data-line"], mark.attrs["id"]) == ("x.rule", "2", "m-a1-f1")
    item = next(root.iter("li", id="a1-f1"))
    assert next(item.iter("a", class_="loc")).attrs["href"] == "#m-a1-f1"


def test_overlapping_and_nested_spans_are_split_into_segments():
    text = "abcdefghijklmnopqrstuvwxyz\n"
    spans = [(1, 11), (5, 16), (6, 9), (5, 16)]  # overlap, nesting, and two identical spans
    findings = [finding(f"r{i}", 1, start, 1, end) for i, (start, end) in enumerate(spans)]
    page, root = page_of(text, findings)  # parse() has checked that every mark closes in order
    for i, (start, end) in enumerate(spans):
        assert marked(root, f"a1-f{i + 1}") == text[start - 1:end - 1]
        assert len([m for m in root.iter("mark", data_finding=f"a1-f{i + 1}") if "id" in m.attrs]) == 1
    assert source_lines(root)[0] == text.rstrip("\n")
    # "fgh" lies under three findings: nested marks, one per finding
    inner = next(m for m in root.iter("mark", data_finding="a1-f3"))
    assert {a.attrs["data-finding"] for a in inner.ancestors() if a.tag == "mark"} == {"a1-f1", "a1-f2", "a1-f4"}


def test_spans_over_crlf_lines_tabs_and_control_characters():
    text = "one\ttwo\r\nthree\x00four\r\nfive\r\n"
    findings = [finding("multi", 1, 5, 2, 3), finding("ctl", 2, 6, 2, 7)]
    page, root = page_of(text, findings)
    lines = source_lines(root)
    assert lines[:3] == ["one\ttwo", "three\u2400four", "five"]  # no carriage return shown; NUL pictured
    assert "\r" not in page and "\x00" not in page
    assert marked(root, "a1-f1") == "two" + "th"
    assert marked(root, "a1-f2") == "\u2400"


def test_a_very_long_line_keeps_every_character():
    text = "word " * 20000 + "end\n"
    page, root = page_of(text, [finding("long", 1, 99996, 1, 100001)])
    assert source_lines(root)[0] == text.rstrip("\n")
    assert marked(root, "a1-f1") == "word "


def test_document_level_findings_are_listed_above_the_text_not_highlighted():
    text = "Some text.\n"
    findings = [finding("sections.missing", 1, 1, 1, 1, "missing section 'Causes'"),
                finding("x.rule", 1, 6, 1, 10),
                finding("beyond", 9, 1, 9, 4, "past the end")]
    page, root = page_of(text, findings)
    whole = next(root.iter("ul", class_="doc-findings"))
    assert [li.attrs["id"] for li in whole.iter("li")] == ["a1-f1", "a1-f3"]
    assert {m.attrs["data-finding"] for m in root.iter("mark")} == {"a1-f2"}
    side = next(root.iter("ol", class_="findings"))
    assert [li.attrs["id"] for li in side.iter("li")] == ["a1-f2"]
    assert page.index('class="findings doc-findings"') < page.index('class="source"')


def test_an_empty_span_inside_the_text_is_a_point_marker():
    page, root = page_of("abc def\n", [finding("point", 1, 4, 1, 4)])
    mark = next(root.iter("mark", data_finding="a1-f1"))
    assert "point" in mark.attrs["class"] and mark.text == ""
    assert source_lines(root)[0] == "abc def"


def test_evidence_source_is_a_link_only_when_it_is_a_web_address():
    good = finding("claims.x", 1, 1, 1, 4, evidence={"source": "https://example.org/a?b=1&c=<2>", "date": "2021-05-18",
                                                     "claim": {"age": {"value": "old"}}, "score": 0.123456})
    bad = finding("claims.y", 1, 1, 1, 4, evidence={"source": "javascript:alert(1)"})
    page, root = page_of("abc\n", [good, bad])
    links = list(root.iter("a", class_="source-link"))
    assert [a.attrs["href"] for a in links] == ["https://example.org/a?b=1&c=<2>"]
    first = next(root.iter("li", id="a1-f1"))
    assert [dd.text for dd in first.iter("dd")] == ["https://example.org/a?b=1&c=<2>", "2021-05-18",
                                                   '{"age": {"value": "old"}}', "0.12"]
    assert "javascript:alert(1)" in next(root.iter("li", id="a1-f2")).text


def test_empty_corpus():
    page = render([])
    root, errors = parse(page)
    assert errors == []
    assert "No files to report." in root.text
    assert not list(root.iter("article")) and not list(root.iter("table"))


def test_content_security_policy_names_the_inline_style_and_script_by_hash():
    page, root = page_of("abc\n", [])
    policy = next(root.iter("meta", http_equiv="Content-Security-Policy")).attrs["content"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = next(root.iter(tag)).text
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing loaded from anywhere
    assert " style=" not in page  # inline style attributes would break the policy


def test_chart_has_a_bar_per_section_and_the_target_line():
    metrics = {"readability": {"grade": 9.0, "target_grade": 8, "audience": "patient", "sections": [
        {"heading": None, "line": 1, "grade": 3.0, "words": 20, "reliable": False},
        {"heading": "Causes <and> risks", "line": 5, "grade": 11.5, "words": 300, "reliable": True}]}}
    page, root = page_of("abc\n", [], metrics=metrics)
    bars = list(root.iter("rect"))
    assert [b.attrs["data-grade"] for b in bars] == ["3.00", "11.50"]
    assert "over" in bars[1].attrs["class"] and "over" not in bars[0].attrs["class"]
    assert "unreliable" in bars[0].attrs["class"]
    assert len(list(root.iter("line", class_="target"))) == 1
    assert "Causes <and> risks" in [t.text for t in root.iter("text")]


def test_checklist_shows_present_and_missing_sections():
    checklist = Checklist("condition", "inferred", (
        ChecklistItem("symptoms", "Symptoms", True, "Signs <& symptoms>", 12),
        ChecklistItem("causes", "Causes", False)))
    page, root = page_of("abc\n", [], checklist=checklist)
    assert [(li.attrs["data-section"], li.attrs["class"]) for li in root.iter("li", data_section=True)] == [
        ("symptoms", "has"), ("causes", "missing")]
    assert "Signs <& symptoms>" in root.text


def test_summary_table_and_filters_for_several_files():
    one = ArticleReport("a.md", FileResult("a.md", [finding("r.one", 1, 1, 1, 2), finding("r.two", 1, 1, 1, 1)]), "ab\n")
    two = ArticleReport("b.md", FileResult("b.md", [finding("r.one", 1, 2, 1, 3, severity=Severity.ERROR)]), "ab\n")
    root, errors = parse(render([one, two]))
    assert errors == []
    rows = list(next(root.iter("table", id="finding-table")).iter("tr", data_rule=True))
    assert [(r.attrs["data-rule"], r.attrs["data-severity"]) for r in rows] == [
        ("r.one", "warning"), ("r.two", "warning"), ("r.one", "error")]
    options = [o.attrs["value"] for o in next(root.iter("select", id="filter-rule")).iter("option")]
    assert options == ["", "r.one", "r.two"]
    assert len(list(next(root.iter("table", id="file-table")).iter("tbody"))[0].children) == 2
    assert all(th.iter("button") for th in root.iter("th"))


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "articles"
    target.mkdir()
    shutil.copy(CORPUS / "lung-screening-news.md", target)
    shutil.copy(CORPUS / "colorectal-screening.html", target)
    return target


def test_report_command_writes_the_page_and_the_checklist_matches_the_findings(cli, corpus_copy, tmp_path):
    result = cli("report", str(corpus_copy), "-o", "out.html", "--today", TODAY)
    assert result.exit_code == 0, result.output
    root, errors = parse((tmp_path / "out.html").read_text(encoding="utf-8"))
    assert errors == []
    checked = json.loads(cli("check", str(corpus_copy), "--format", "json", "--today", TODAY).output)
    articles = {a.attrs["data-path"]: a for a in root.iter("article")}
    assert set(articles) == {f["path"] for f in checked["files"]}
    for file in checked["files"]:
        article = articles[file["path"]]
        missing = {li.attrs["data-section"] for li in article.iter("li", class_="missing")}
        reported = {f["evidence"]["section"] for f in file["findings"] if f["rule"] == "sections.missing"}
        assert missing == reported and missing
        assert len(list(article.iter("li", class_="has"))) >= 1
        assert len(list(article.iter("li", class_="finding"))) == len(file["findings"])
        assert len(list(article.iter("rect"))) == len(file["metrics"]["readability"]["sections"])


@pytest.mark.parametrize("output, why", [("missing/out.html", "no folder"), (".", "")])
def test_report_command_unwritable_output_is_one_line_and_exit_2(cli, corpus_copy, output, why):
    result = cli("report", str(corpus_copy), "-o", output)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    if why:
        assert result.output.strip().count("\n") == 0 and why in result.output


def test_report_command_unknown_rule_is_a_usage_error(cli, corpus_copy, tmp_path):
    result = cli("report", str(corpus_copy), "-o", "out.html", "--select", "no-such-rule")
    assert result.exit_code == 2 and "no-such-rule" in result.output
    assert not (tmp_path / "out.html").exists()


def test_report_of_the_corpus_stays_under_two_megabytes(cli, tmp_path):
    result = cli("report", str(CORPUS), "-o", "corpus.html", "--today", TODAY)
    assert result.exit_code == 0
    page = (tmp_path / "corpus.html").read_bytes()
    assert len(list(parse(page.decode("utf-8"))[0].iter("article"))) == 10
    assert len(page) < 2_000_000
