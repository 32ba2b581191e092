"""Plain text to Document.

Paragraphs are separated by blank lines. A block that is one short line without end
punctuation, followed by more text, is a heading (the first one at the top is the title).
Lines starting with a list marker are list items.
"""

from __future__ import annotations

import re

from .directives import find_directives
from .model import BlockBuilder, Document

_BLANK_SPLIT = re.compile(r"\n[ \t]*(?:\r?\n[ \t]*)+")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*\u2022]|\d{1,3}[.)])[ \t]+")
_END_PUNCTUATION = ".!?;:,\u2026"
_CLOSERS = "\"')]}\u2019\u201d\u00bb"
MAX_HEADING_WORDS = 14


def parse_text(document: Document, body_start: int = 0) -> None:
    source = document.source
    document.directives.extend(find_directives(source[body_start:], body_start, document.position))
    chunks = _chunks(source, body_start)
    for index, (start, chunk) in enumerate(chunks):
        lines = chunk.split("\n")
        followed = index + 1 < len(chunks)
        if len(lines) == 1 and followed and _looks_like_heading(chunk):
            level = 1 if not document.blocks else 2
            _emit(document, chunk, start, "heading", level)
        elif all(_LIST_ITEM.match(line) for line in lines if line.strip()):
            _emit_items(document, lines, start)
        elif (lead := _lead_in(lines)) is not None:
            head = "\n".join(lines[:lead])
            _emit(document, head, start, "paragraph")
            _emit_items(document, lines[lead:], start + len(head) + 1)
        else:
            _emit(document, chunk, start, "paragraph")


def _lead_in(lines: list[str]) -> int | None:
    """The number of lines before a list that a line ending in a colon introduces ("Call 911 if
    you notice any of these:" and bullets), when every line after it is an item or an indented
    continuation of one; else None."""
    first = next((i for i, line in enumerate(lines) if _LIST_ITEM.match(line)), None)
    if not first or not lines[first - 1].rstrip().endswith(":"):
        return None
    if all(_LIST_ITEM.match(line) or line[:1] in (" ", "\t") for line in lines[first:]):
        return first
    return None


def _emit_items(document: Document, lines: list[str], start: int) -> None:
    """List items, each with the indented lines that continue it."""
    offset = start
    items: list[list[int]] = []  # [start, end] of each item in the file
    for line in lines:
        marker = _LIST_ITEM.match(line)
        if marker:
            items.append([offset + marker.end(), offset + len(line)])
        elif items and line.strip():
            items[-1][1] = offset + len(line)
        offset += len(line) + 1
    for item_start, item_end in items:
        _emit(document, document.source[item_start:item_end].replace("\r", " "), item_start, "list_item")


def _chunks(source: str, start: int) -> list[tuple[int, str]]:
    chunks = []
    position = start
    for match in _BLANK_SPLIT.finditer(source, start):
        _append_chunk(chunks, source, position, match.start())
        position = match.end()
    _append_chunk(chunks, source, position, len(source))
    return chunks


def _append_chunk(chunks: list[tuple[int, str]], source: str, start: int, end: int) -> None:
    text = source[start:end]
    stripped = text.strip()
    if not stripped or stripped.startswith("<!--") and stripped.endswith("-->"):
        return
    lead = len(text) - len(text.lstrip())
    chunks.append((start + lead, text.strip().replace("\r", " ")))


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    # a sentence may close with a quote or bracket after its full stop: 'say: "Eat less."'
    last = stripped.rstrip(_CLOSERS)[-1:]
    return (
        0 < len(stripped.split()) <= MAX_HEADING_WORDS
        and last not in _END_PUNCTUATION
        and not _LIST_ITEM.match(stripped)
        and any(ch.isalpha() for ch in stripped)
    )


def _emit(document: Document, text: str, offset: int, kind: str, level: int = 0) -> None:
    builder = BlockBuilder()
    builder.add_prose(text, offset)
    block = builder.build(kind, level)
    if block is not None:
        document.blocks.append(block)
    document.links.extend(builder.links)
