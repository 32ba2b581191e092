"""Reading source files into Documents."""

from __future__ import annotations

import re
from pathlib import PurePath

from .frontmatter import split_front_matter
from .markdown import parse_markdown
from .model import Block, Directive, Document, Problem, Section, attach_sections
from .plaintext import parse_text

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdx", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES


def detect_format(path: str, text: str) -> str:
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def parse_document(text: str, path: str = "<stdin>", format: str | None = None) -> Document:
    """Parse article text into a Document. Never raises on malformed input."""
    front = split_front_matter(text)  # before the BOM goes: front matter may follow it
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep offsets; a BOM is not prose
    document = Document(path=path, source=text, format=format or detect_format(path, text))
    document.metadata.update(front.data)
    document.metadata_lines.update(front.key_lines)
    document.metadata_columns.update(front.key_columns)
    document.front_matter_prose = front.prose
    if front.problem is not None:
        document.problems.append(front.problem)
    try:
        if document.format == "markdown":
            parse_markdown(document, front.body_start)
        elif document.format == "html":
            from .html import parse_html  # here: html.parser is no Markdown file's cost

            parse_html(document, front.body_start)
        else:
            parse_text(document, front.body_start)
    except Exception as exc:  # noqa: BLE001 - a parser bug must cost one file's structure, not the run
        document.blocks.clear()
        parse_text(document, front.body_start)  # the plain-text reader splits lines; it does not fail
        document.problems.append(Problem(
            "document.parse-error", 1, 1,
            f"the {document.format} parser failed ({type(exc).__name__}: {exc}); the file was read as plain text"))
    if front.data:  # a site generator's page: its template tags are not prose
        _drop_template_tags(document)
    attach_sections(document)
    return document


#: Liquid and Jinja tags ({% include x.html %}, {{ page.title }}) and Hugo shortcodes ({{< x >}})
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


def _drop_template_tags(document: Document) -> None:
    kept = []
    for block in document.blocks:
        if "{" in block.text and _TEMPLATE_TAG.search(block.text):
            pieces, offsets, at = [], [], 0
            for match in _TEMPLATE_TAG.finditer(block.text):  # keep what lies between the tags
                pieces.append(block.text[at:match.start()])
                offsets.extend(block.offsets[at:match.start()])
                at = match.end()
            pieces.append(block.text[at:])
            offsets.extend(block.offsets[at:])
            text = "".join(pieces)
            if not text.strip():
                continue  # the block was nothing but template code
            lead = len(text) - len(text.lstrip())
            block.text, block.offsets = text.strip(), offsets[lead:lead + len(text.strip())]
        kept.append(block)
    document.blocks[:] = kept


__all__ = [
    "Block", "Directive", "Document", "Problem", "Section", "parse_document", "detect_format",
    "SUPPORTED_SUFFIXES",
]
