"""What a patient reads: the prose that readability scores and plain-language rules look at.

The document layer already drops front matter, code, raw HTML, image targets, link URLs and
bare URLs. On top of that, scoring leaves out headings, table cells, and every block under a
references heading ("References", "Sources", "Further reading", ...) including its subsections.

Each block becomes one piece of the scored text, and the pieces are joined with a blank line. A
block that does not end in ``.``, ``!`` or ``?`` (a list item, a paragraph ending in ``:``) gets a
``.`` appended, because textstat splits sentences only at those marks: without it a bullet would
run into the next block as one long sentence. ``Prose.text`` is exactly the string whose
textstat scores medlint reports.

Sections: the top-level sections are the children of the title (a lone top heading with
subsections, as in ``# Title`` + ``## ...``), otherwise the top-level headings themselves. Text
before the first of them (the introduction under the title) is a section without a heading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..document import Block, Document, Section
from ..document.headings import is_references_heading

END_MARKS = (".", "!", "?")


def scoring_text(block: Block) -> str:
    """A block's text as it enters the scored string (with a closing ``.`` if it had none)."""
    text = block.text.rstrip()
    if not text.endswith(END_MARKS):
        text += "."
    return text


@dataclass
class ProseSection:
    heading: Block | None  # None: text before the first top-level section
    blocks: list[Block] = field(default_factory=list)  # scored blocks, document order


@dataclass
class Prose:
    """The prose of one document, with the section each block belongs to."""

    blocks: list[Block]  # scored blocks (no headings, table cells or references), in order
    sections: list[ProseSection]
    section_index: dict[int, int]  # id(block) -> index in sections, for every non-reference block
    references: set[int]  # id(block) of every block (headings included) in a references section

    @property
    def text(self) -> str:
        return "\n\n".join(scoring_text(block) for block in self.blocks)

    def in_references(self, block: Block) -> bool:
        return id(block) in self.references

    def section_of(self, block: Block) -> int | None:
        return self.section_index.get(id(block))


def _is_references(section: Section) -> bool:
    return section.heading is not None and is_references_heading(section.heading.text)


def _top_sections(document: Document) -> tuple[list[Block], list[Section]]:
    """(blocks before the top-level sections, the top-level sections)."""
    root = document.root
    tops = root.children
    content = [top for top in tops if not _is_references(top)]
    if len(content) == 1 and content[0].children:  # "# Title" over "## ..." (maybe "# References")
        title = content[0]
        return root.blocks + title.blocks, title.children + [t for t in tops if t is not title]
    return root.blocks, tops


def _walk(section: Section) -> Iterator[Block]:
    """Blocks of a section and its subsections in document order, minus references parts."""
    yield from section.blocks
    for child in section.children:
        if _is_references(child):
            continue
        if child.heading is not None:
            yield child.heading
        yield from _walk(child)


def analyse(document: Document) -> Prose:
    references = set(document.references_ids())
    intro, tops = _top_sections(document)
    sections = [ProseSection(None)]
    section_index: dict[int, int] = {}
    members: list[list[Block]] = [list(intro)]
    for top in tops:
        if _is_references(top):
            continue
        sections.append(ProseSection(top.heading))
        members.append(([top.heading] if top.heading is not None else []) + list(_walk(top)))
    for index, blocks in enumerate(members):
        for block in blocks:
            section_index[id(block)] = index
            if not block.is_heading and block.kind != "table_cell":
                sections[index].blocks.append(block)
    # the document title (and headings above the top sections) belong to the introduction
    for block in document.blocks:
        if id(block) not in section_index and id(block) not in references:
            section_index[id(block)] = 0
    order = {id(block): position for position, block in enumerate(document.blocks)}
    scored = sorted((b for s in sections for b in s.blocks), key=lambda b: order[id(b)])
    return Prose(scored, sections, section_index, references)
