"""The language server's pure parts: positions, diagnostics, edits, document paths, the command."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("lsprotocol", reason="the lsp extra (pygls) is not installed")

from lsprotocol import types as lsp  # noqa: E402

from medlint.finding import Finding, Severity  # noqa: E402
from medlint.lsp.diagnostics import diagnostic, disable_edit, finding_range, replacement  # noqa: E402
from medlint.lsp.documents import DocumentLinter, document_path, format_of  # noqa: E402
from medlint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, Position  # noqa: E402


def _finding(line: int, column: int, end_line: int, end_column: int, rule: str = "x.y",
             suggestion: str | None = None) -> Finding:
    return Finding(rule, Severity.WARNING, line, column, end_line, end_column, "message", suggestion)


@pytest.mark.parametrize("encoding, start, end", [(UTF16, 3, 7), (UTF8, 5, 9), (UTF32, 2, 6)])
def test_columns_count_code_units_of_the_encoding(encoding: str, start: int, end: int) -> None:
    index = LineIndex("first\n\U0001f600 word here\n", encoding)  # 'word' at code points 3-6 of line 2
    assert index.to_lsp(2, 3) == Position(1, start)
    assert index.to_lsp(2, 7) == Position(1, end)
    assert index.offset(Position(1, start)) == len("first\n\U0001f600 ")


def test_lines_end_at_crlf_and_lone_cr_and_a_bom_is_skipped() -> None:
    index = LineIndex("\ufeffab\r\ncd\ref")
    assert index.to_lsp(1, 2) == Position(0, 2)  # medlint's column 2 is 'b', after the BOM
    assert index.to_lsp(2, 2) == Position(1, 1)
    assert index.to_lsp(3, 1) == Position(2, 0)
    assert index.offset(Position(2, 1)) == len("\ufeffab\r\ncd\re")


def test_positions_past_the_text_clamp() -> None:
    index = LineIndex("ab\ncd")
    assert index.to_lsp(9, 1) == Position(1, 2)
    assert index.to_lsp(1, 40) == Position(0, 2)


def test_whole_document_finding_covers_the_first_line() -> None:
    index = LineIndex("# T\U0001fa7ale\n\nText.\n")
    span = finding_range(_finding(1, 1, 1, 1), index)
    assert (span.start.line, span.start.character, span.end.line, span.end.character) == (0, 0, 0, 7)


def test_diagnostic_without_a_known_rule_has_no_link() -> None:
    made = diagnostic(_finding(1, 1, 1, 2, suggestion="plain"), LineIndex("ab"), {})
    assert made.code == "x.y" and made.source == "medlint" and made.code_description is None
    assert made.message == "message (suggestion: plain)"


def test_replacement_only_when_the_span_still_holds_the_linted_text() -> None:
    text = "We utilize it.\n"
    index = LineIndex(text)
    finding = _finding(1, 4, 1, 11, suggestion="use")
    edit = replacement(finding, index, text, text)
    assert edit.new_text == "use" and (edit.range.start.character, edit.range.end.character) == (3, 10)
    assert replacement(finding, index, text, "Now we utilize it.\n") is None
    assert replacement(_finding(1, 4, 1, 11, suggestion="two\nlines"), index, text, text) is None


def _apply(text: str, edit: lsp.TextEdit) -> str:
    index = LineIndex(text)
    start = index.offset(Position(edit.range.start.line, edit.range.start.character))
    end = index.offset(Position(edit.range.end.line, edit.range.end.character))
    return text[:start] + edit.new_text + text[end:]


@pytest.mark.parametrize("path, text", [
    ("draft.md", "# Title\n\nIntro line.\nWe utilize insulin.\n"),
    ("draft.txt", "Title here\n\nIntro line.\nWe utilize insulin.\n"),
    ("draft.html", "<html><body><p>Intro line.\nWe utilize insulin.</p></body></html>\n"),
    ("draft.md", "# Title\r\n\r\nIntro line.\r\nWe utilize insulin.\r\n"),
])
def test_disable_comment_silences_the_finding(path: str, text: str, tmp_path: Path) -> None:
    linter = DocumentLinter()
    uri = (tmp_path / path).as_uri()
    linted = linter.lint(uri, text)
    jargon = [f for f in linted.findings if f.rule == "plain-language.jargon"]
    assert jargon, linted.findings
    title, edit = disable_edit(jargon[0], LineIndex(text), text, linted.format)
    assert title == "Disable plain-language.jargon on this line"
    changed = _apply(text, edit)
    assert "<!-- medlint-disable-next-line plain-language.jargon -->" in changed
    again = linter.lint(uri, changed)
    assert not [f for f in again.findings if f.rule == "plain-language.jargon"]
    assert ("\r\n" in text) == ("\r\n" in edit.new_text)


def test_front_matter_and_whole_document_findings_are_disabled_for_the_file(tmp_path: Path) -> None:
    text = "---\ntitle: Flu\npublished: 2010-01-01\n---\n# Flu\n\nGet a shot."
    linter = DocumentLinter()
    uri = (tmp_path / "flu.md").as_uri()
    linted = linter.lint(uri, text)
    for finding in [f for f in linted.findings if f.line < 5][:3]:
        title, edit = disable_edit(finding, LineIndex(text), text, "markdown")
        assert title == f"Disable {finding.rule} for this file"
        changed = _apply(text, edit)
        assert changed.startswith(text + "\n\n<!-- medlint-disable-file ")
        assert finding not in linter.lint(uri, changed).findings


def test_mdx_gets_no_html_comment() -> None:
    assert disable_edit(_finding(1, 1, 1, 2), LineIndex("ab"), "ab", "mdx") is None


def test_language_id_picks_the_format_of_a_name_without_a_known_suffix(tmp_path: Path) -> None:
    uri = (tmp_path / "notes").as_uri()
    assert document_path(uri, "markdown") == str(tmp_path / "notes.md")
    assert document_path(uri, "plaintext") == str(tmp_path / "notes.txt")
    assert document_path((tmp_path / "a.html").as_uri(), "markdown") == str(tmp_path / "a.html")
    assert format_of(str(tmp_path / "a.mdx"), "") == "mdx"
    assert document_path("untitled:Untitled-1", "html").endswith("Untitled-1.html")


def test_configuration_errors_are_one_line(tmp_path: Path) -> None:
    from medlint.lsp.documents import SetupError

    (tmp_path / ".medlint.yaml").write_text("select: [no-such-rule]\n", encoding="utf-8")
    with pytest.raises(SetupError, match=r"\.medlint\.yaml:1: unknown rule or rule family 'no-such-rule'"):
        DocumentLinter().lint((tmp_path / "a.md").as_uri(), "# A\n\nText.\n")


def test_excluded_documents_get_no_findings(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yaml").write_text("exclude: [drafts/]\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    linter = DocumentLinter()
    assert linter.lint((tmp_path / "drafts" / "a.md").as_uri(), "We utilize it.\n").findings == []
    assert linter.lint((tmp_path / "a.md").as_uri(), "We utilize it.\n").findings != []


def test_server_command_without_pygls_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from medlint import cli_server
    from medlint.cli import main

    monkeypatch.setattr(cli_server.importlib.util, "find_spec", lambda name: None)
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert "medlint: the language server needs pygls" in result.output
