"""HTML to Document with the standard library's HTML tokenizer.

Offsets come from the parser's own positions; character references are reported separately
(``convert_charrefs=False``) so that every character of prose maps back to the file.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import Any

from .directives import find_directives
from .model import BlockBuilder, Document, Problem

HEADINGS = {f"h{level}": level for level in range(1, 7)}
BLOCK_TAGS = {"p": "paragraph", "li": "list_item", "td": "table_cell", "th": "table_cell",
              "blockquote": "blockquote", "dd": "paragraph", "dt": "paragraph",
              "figcaption": "paragraph", "caption": "paragraph"}
# Not prose: page furniture, code and machinery.
# The title is read as metadata only (HTML5 lets a page leave out <head>); video, audio and
# canvas hold fallback text for old browsers, kbd and samp computer input and output.
SKIPPED = {"script", "style", "nav", "footer", "aside", "form", "noscript", "template", "svg",
           "pre", "code", "button", "select", "textarea", "head", "iframe", "object", "math",
           "title", "kbd", "samp", "video", "audio", "canvas"}
# Containers whose loose text still forms a paragraph of its own.
BREAKS = {"div", "section", "article", "main", "header", "body", "br", "hr", "ul", "ol", "table",
          "tr", "dl", "figure", "details", "summary", "address", "center", "dialog", "fieldset",
          "legend", "hgroup", "menu", "search"}
VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
        "track", "wbr", "param"}
META_KEYS = {"author", "description", "keywords", "date", "article:published_time",
             "article:modified_time", "dcterms.created", "dcterms.modified", "reviewed-by",
             "last-reviewed", "citation_publication_date"}


class _Reader(HTMLParser):
    def __init__(self, document: Document, first_line: int = 1) -> None:
        super().__init__(convert_charrefs=False)
        self.document = document
        self.line_shift = first_line - 1  # the fed text starts on this line of the file
        self.skip_depth = 0
        self.skip_stack: list[str] = []
        self.block_kind: str | None = None
        self.block_tag: str | None = None
        self.level = 0
        self.builder = BlockBuilder()
        self.in_title = False
        self.title: list[str] = []
        self.json_ld: list[tuple[str, int]] | None = None  # text and offset of an ld+json script

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """"<![" that opens no CDATA or conditional section is text; the standard library's
        parser would stop on it with an AssertionError."""
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            # the base class stepped its position over "<![" before it gave up: step back, or
            # every later offset of the file would be three characters off
            self.lineno, self.offset = position
            line, column = position
            self.document.problems.append(Problem(
                "document.parse-error", line + self.line_shift, column + 1,
                "'<![' opens no CDATA or conditional section; read as text (write &lt;![ to show it)"))
            self.handle_data(self.rawdata[i:i + 3])
            return i + 3

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.document.offset_of_line(line + self.line_shift) + column

    def _flush(self) -> None:
        kind = self.block_kind or "paragraph"
        block = self.builder.build(kind, self.level if kind == "heading" else 0)
        if block is not None:
            self.document.blocks.append(block)
        self.document.links.extend(self.builder.links)
        self.builder = BlockBuilder()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(attributes)
        if tag == "title":
            self.in_title = True
        if tag == "script" and attributes.get("type", "").strip().lower() == "application/ld+json":
            self.json_ld = []
        if tag in SKIPPED:
            if tag not in VOID:
                self.skip_stack.append(tag)
            return
        if self.skip_stack:
            return
        if tag == "a" and attributes.get("href"):
            self.builder.links.append(attributes["href"])
        if tag in HEADINGS or tag in BLOCK_TAGS:
            self._flush()
            self.block_tag = tag
            self.block_kind = "heading" if tag in HEADINGS else BLOCK_TAGS[tag]
            self.level = HEADINGS.get(tag, 0)
        elif tag in BREAKS:
            if self.block_tag is None:
                self._flush()
            else:
                self.builder.space(self._offset())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script" and self.json_ld is not None:
            self._structured_data(self.json_ld)
            self.json_ld = None
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag == self.block_tag or (tag in HEADINGS and self.block_kind == "heading"):
            self._flush()
            self.block_tag, self.block_kind, self.level = None, None, 0
        elif tag in BREAKS and self.block_tag is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            self.json_ld.append((data, self._offset()))
        if self.in_title:
            self.title.append(data)
        if self.skip_stack:
            return
        self.builder.add_prose(data, self._offset())

    def _reference(self, text: str) -> None:
        if self.in_title:
            self.title.append(text)
        if not self.skip_stack:
            self.builder.add_mapped(text, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._reference(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._reference(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        comment = f"<!--{data}-->"
        self.document.directives.extend(find_directives(comment, start, self.document.position))

    def _meta(self, attributes: dict[str, str]) -> None:
        name = (attributes.get("name") or attributes.get("property") or "").lower()
        if name in META_KEYS and attributes.get("content"):
            key = name.split(":")[-1].split(".")[-1]
            line, column = self.getpos()
            self._set(key, attributes["content"], line + self.line_shift, column + 1)

    def _set(self, key: str, value: Any, line: int, column: int) -> None:
        if key in self.document.metadata:
            return
        self.document.metadata[key] = value
        self.document.metadata_lines[key] = line
        self.document.metadata_columns[key] = column

    def _structured_data(self, pieces: list[tuple[str, int]]) -> None:
        """schema.org JSON-LD: dates, author and medical reviewer of the page (the first value of
        each key, in any object of the script), with the position of the key in the file."""
        if not pieces:
            return
        text, start = "".join(p for p, _ in pieces), pieces[0][1]
        try:
            data = json.loads(text)
        except ValueError:
            return  # a broken script is the site's problem, not a prose finding
        for key in JSON_LD_KEYS:
            value = _first_value(data, key)
            if value is None:
                continue
            found = re.search(rf'"{re.escape(key)}"\s*:', text)
            offset = start + (found.start() if found else 0)
            line, column = self.document.position(offset)
            self._set(key, _person_name(value) if key in ("author", "reviewedBy") else value, line, column)

    def close(self) -> None:
        super().close()
        self._flush()
        if self.title and "title" not in self.document.metadata:
            self.document.metadata["title"] = " ".join("".join(self.title).split())


JSON_LD_KEYS = ("datePublished", "dateModified", "lastReviewed", "author", "reviewedBy")


def _first_value(data: Any, key: str) -> Any:
    """The first value of ``key`` in nested JSON (objects, lists, @graph)."""
    if isinstance(data, dict):
        if key in data and data[key] not in (None, "", []):
            return data[key]
        values = data.values()
    elif isinstance(data, list):
        values = data
    else:
        return None
    for item in values:
        found = _first_value(item, key)
        if found is not None:
            return found
    return None


def _person_name(value: Any) -> Any:
    """{"@type": "Person", "name": "Ann Lee", "honorificSuffix": "MD"} as 'Ann Lee, MD'."""
    if isinstance(value, list):
        return [_person_name(v) for v in value]
    if isinstance(value, dict):
        parts = [str(value.get(k, "")).strip() for k in ("name", "honorificSuffix", "jobTitle")]
        return ", ".join(p for p in parts[:2] if p) or None
    return value


def parse_html(document: Document, body_start: int = 0) -> None:
    reader = _Reader(document)
    if body_start:
        # Keep line numbers right: feed blank lines in place of the front matter.
        reader.feed("\n" * document.source.count("\n", 0, body_start))
    reader.feed(document.source[body_start:])
    reader.close()


def parse_html_block(document: Document, html_text: str, first_line: int) -> None:
    """Prose of raw HTML inside another format (a Markdown HTML block) that starts at column 1
    of ``first_line`` of the file."""
    reader = _Reader(document, first_line)
    reader.feed(html_text)
    reader.close()
