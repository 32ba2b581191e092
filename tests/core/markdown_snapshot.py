"""Everything rules can read from a Document, as plain data, to compare two readings of a file."""

from __future__ import annotations

from typing import Any

from medlint.document import parse_document
from medlint.document import markdown as markdown_reader
from medlint.document.model import Block, Document, Section


def _block(block: Block) -> tuple:
    return (block.kind, block.text, tuple(block.offsets), block.level, tuple(block.links), block.title,
            block.residue)


def _section(section: Section, index: dict[int, int]) -> tuple:
    return (index.get(id(section.heading)), section.level,
            tuple(index.get(id(block)) for block in section.blocks),
            tuple(_section(child, index) for child in section.children))


def snapshot(document: Document) -> dict[str, Any]:
    index = {id(block): number for number, block in enumerate(document.blocks)}
    return {
        "format": document.format,
        "metadata": repr(document.metadata),
        "metadata_lines": dict(document.metadata_lines),
        "metadata_columns": dict(document.metadata_columns),
        "blocks": [_block(block) for block in document.blocks],
        "sections": _section(document.root, index),
        "block_sections": [index.get(id(block.section.heading)) if block.section else -1
                           for block in document.blocks],
        "directives": list(document.directives),
        "problems": list(document.problems),
        "links": list(document.links),
        "front_matter_prose": [_block(block) for block in document.front_matter_prose],
    }


def both_readings(text: str, path: str = "article.md") -> tuple[dict[str, Any], dict[str, Any]]:
    """The snapshot through the subset reader (where it applies) and through markdown-it alone."""
    fast = snapshot(parse_document(text, path))
    original = markdown_reader.parse_markdown

    def markdown_it_only(document: Document, body_start: int) -> None:
        original(document, body_start, subset=False)

    import medlint.document as documents

    documents.parse_markdown = markdown_it_only
    try:
        reference = snapshot(parse_document(text, path))
    finally:
        documents.parse_markdown = original
    return fast, reference
