"""Findings as LSP diagnostics, hover text and edits (lsprotocol types; no server state)."""

from __future__ import annotations

from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from lsprotocol import types as lsp

from ..document.frontmatter import split_front_matter
from ..engine.rule import Rule
from ..finding import Finding, Severity
from ..reporters.sarif import help_uri
from .positions import LineIndex, Position, units

SOURCE = "medlint"
SEVERITIES = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
              Severity.INFO: lsp.DiagnosticSeverity.Information}


def is_whole_document(finding: Finding) -> bool:
    """An empty span at 1:1 is medlint's way of saying "the whole article" (a missing section)."""
    return (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 1, 1, 1)


def finding_range(finding: Finding, index: LineIndex) -> lsp.Range:
    """The finding's span in LSP units; a whole-document finding covers the first line, so that
    editors show it somewhere."""
    if is_whole_document(finding):
        end = index.to_lsp(1, len(index.lines[0]) + 1)
        return lsp.Range(lsp.Position(0, 0), lsp.Position(end.line, end.character))
    start = index.to_lsp(finding.line, finding.column)
    end = index.to_lsp(finding.end_line, finding.end_column)
    return lsp.Range(lsp.Position(start.line, start.character), lsp.Position(end.line, end.character))


def diagnostic(finding: Finding, index: LineIndex, rules: Mapping[str, Rule]) -> lsp.Diagnostic:
    message = finding.message
    if finding.suggestion and finding.suggestion not in message:
        message += f" (suggestion: {finding.suggestion})"
    rule = rules.get(finding.rule)
    href = help_uri(rule, None) if rule is not None else None
    return lsp.Diagnostic(
        range=finding_range(finding, index),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=lsp.CodeDescription(href=href) if href else None,
        source=SOURCE,
    )


def contains(span: lsp.Range, position: lsp.Position) -> bool:
    at = (position.line, position.character)
    return (span.start.line, span.start.character) <= at <= (span.end.line, span.end.character)


def overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return ((a.start.line, a.start.character) <= (b.end.line, b.end.character)
            and (b.start.line, b.start.character) <= (a.end.line, a.end.character))


def hover_markdown(findings: Iterable[Finding], rules: Mapping[str, Rule]) -> str:
    """Each finding's message, its rule's explanation and, for claims, the knowledge-base evidence."""
    parts = []
    for finding in findings:
        rule = rules.get(finding.rule)
        lines = [f"**{finding.rule}** ({finding.severity}): {_escape(finding.message)}"]
        if rule is not None:
            lines.append(_escape(rule.description.strip()))
        if finding.evidence and finding.rule.startswith("claims."):
            lines.append("Evidence from the knowledge base:\n\n" + _evidence_markdown(finding.evidence))
        href = help_uri(rule, None) if rule is not None else None
        if href:
            lines.append(f"[Rule documentation]({href})")
        parts.append("\n\n".join(lines))
    return "\n\n---\n\n".join(parts)


def _evidence_markdown(evidence: Mapping[str, Any]) -> str:
    items = []
    for key, value in evidence.items():
        text = _plain(value)
        if urlsplit(text).scheme in ("http", "https"):
            items.append(f"- {key}: [{'source' if key == 'source' else _escape(text)}]({text.replace(')', '%29')})")
        else:
            items.append(f"- {key}: {_escape(text)}")
    return "\n".join(items)


def _plain(value: Any) -> str:
    """Evidence values as a reader wants them: the claim's slots by the words that filled them."""
    if isinstance(value, dict):
        for key in ("words", "name", "value"):
            if key in value:
                return str(value[key])
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _escape(text: str) -> str:
    """Markdown's inline markup characters, so a message's quotes and asterisks show as typed."""
    return "".join("\\" + ch if ch in "\\`*_[]<>" else ch for ch in text)


# -- edits ------------------------------------------------------------------------------------

def replacement(finding: Finding, index: LineIndex, linted: str, current: str) -> lsp.TextEdit | None:
    """The edit that puts the suggestion in the finding's span, when the suggestion is plain text
    for that span and the span still holds what was linted."""
    suggestion = finding.suggestion
    if not suggestion or "\n" in suggestion or is_whole_document(finding):
        return None
    span = finding_range(finding, index)
    start = index.offset(_position(span.start))
    end = index.offset(_position(span.end))
    if start >= end or linted[start:end] == suggestion:
        return None
    current_index = LineIndex(current, index.encoding) if current is not linted else index
    if current[current_index.offset(_position(span.start)):current_index.offset(_position(span.end))] \
            != linted[start:end]:
        return None  # the text moved since the lint: the next diagnostics will offer it again
    return lsp.TextEdit(range=span, new_text=suggestion)


def disable_edit(finding: Finding, index: LineIndex, text: str, format: str) -> tuple[str, lsp.TextEdit] | None:
    """(title, edit) of the comment that silences this finding: ``disable-next-line`` above its
    line, or ``disable-file`` at the end for a whole-document finding or one in the front matter
    (a comment there would break the YAML). None for MDX, which rejects HTML comments."""
    if format == "mdx":
        return None
    eol = "\r\n" if "\r\n" in text else "\n"
    body_line = text.count("\n", 0, split_front_matter(text).body_start) + 1
    if is_whole_document(finding) or finding.line < body_line:
        last = len(index.lines) - 1
        end = lsp.Position(last, units(index.lines[last], index.encoding))
        lead = "" if not text or text.endswith(("\n", "\r")) else eol
        if text.strip():
            lead += eol  # a blank line first: plain text reads a comment only when it stands alone
        comment = f"{lead}<!-- medlint-disable-file {finding.rule} -->{eol}"
        return f"Disable {finding.rule} for this file", lsp.TextEdit(lsp.Range(end, end), comment)
    row = finding.line - 1
    line = index.lines[row]
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    comment = f"{indent}<!-- medlint-disable-next-line {finding.rule} -->{eol}"
    if format == "text":
        # plain text reads a comment only when it stands alone between blank lines
        above_blank = row == 0 or not index.lines[row - 1].strip()
        comment = ("" if above_blank else eol) + comment + eol
    at = lsp.Position(row, 0)
    return f"Disable {finding.rule} on this line", lsp.TextEdit(lsp.Range(at, at), comment)


def _position(position: lsp.Position) -> Position:
    return Position(position.line, position.character)
