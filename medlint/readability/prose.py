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

from dataclasses import dataclass, field

from ..document import Block, Document, Section

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
    #: indices (in ``document.blocks``) of the blocks outside references sections, headings included
    readable: list[int]
    #: the same without headings: where findings about the running text may go
    body: list[int]

    @property
    def text(self) -> str:
        return "\n\n".join(scoring_text(block) for block in self.blocks)

    def section_of(self, block: Block) -> int | None:
        return self.section_index.get(id(block))


def _is_references(section: Section, references: frozenset[int]) -> bool:
    return section.heading is not None and id(section.heading) in references


def _top_sections(document: Document, references: frozenset[int]) -> list[Section]:
    """The top-level sections: the children of a lone title, or else the top headings."""
    tops = document.root.children
    content = [top for top in tops if not _is_references(top, references)]
    if len(content) == 1 and content[0].children:  # "# Title" over "## ..." (maybe "# References")
        return content[0].children
    return content


def _top_of(section: Section | None, top_index: dict[int, int], memo: dict[int, int]) -> int:
    """Index of the top-level section that holds ``section``; 0 (the introduction) for none."""
    key = id(section)
    found = memo.get(key)
    if found is None:
        found = top_index.get(key)
        if found is None:
            found = 0 if section is None else _top_of(section.parent, top_index, memo)
        memo[key] = found
    return found


def analyse(document: Document) -> Prose:
    references = document.references_ids()
    sections = [ProseSection(None)]
    top_index: dict[int, int] = {}
    for top in _top_sections(document, references):
        if not _is_references(top, references):
            top_index[id(top)] = len(sections)
            sections.append(ProseSection(top.heading))
    # one pass in document order; the title and text above the top sections are the introduction
    memo: dict[int, int] = {}
    section_index: dict[int, int] = {}
    scored: list[Block] = []
    readable: list[int] = []
    body: list[int] = []
    known = memo.get
    for position, block in enumerate(document.blocks):
        key = id(block)
        if key in references:
            continue
        readable.append(position)
        index = known(id(block.section))  # blocks of one section come together: mostly known
        if index is None:
            index = _top_of(block.section, top_index, memo)
        section_index[key] = index
        kind = block.kind
        if kind != "heading":
            body.append(position)
            if kind != "table_cell":
                sections[index].blocks.append(block)
                scored.append(block)
    return Prose(scored, sections, section_index, readable, body)
