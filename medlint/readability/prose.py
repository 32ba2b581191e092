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

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from ..document import Block, Document, Section

END_MARKS = (".", "!", "?")
#: Between the blocks of a ``Joined`` text: neither white space nor a word character, so that no
#: pattern of this family (``\s``, ``\w``, ``\b``, literal words) matches across two blocks.
BLOCK_BREAK = "\x00"
#: Between the pieces of the scored text (see the module docstring).
PIECE_BREAK = "\n\n"
_NO_SECTION = object()  # not yet any section, not even None


def scoring_text(block: Block) -> str:
    """A block's text as it enters the scored string (with a closing ``.`` if it had none)."""
    text = block.text.rstrip()
    if not text.endswith(END_MARKS):
        text += "."
    return text


@dataclass(frozen=True)
class Joined:
    """The texts of several blocks as one string, ``BLOCK_BREAK`` between them, so that a rule
    scans a document with one call per pattern instead of one per block."""

    text: str
    starts: list[int]  # where each block's text begins in ``text``
    indices: list[int]  # the index of each block in ``document.blocks``

    @classmethod
    def of(cls, blocks: list[Block], indices: list[int]) -> Joined:
        texts = [blocks[index].text for index in indices]
        starts = [0, *accumulate(len(text) + 1 for text in texts)]  # one past the block before
        starts.pop()
        return cls(BLOCK_BREAK.join(texts), starts, indices)

    def locate(self, offset: int) -> tuple[int, int]:
        """(index in ``document.blocks``, offset in that block's text) of an offset in ``text``."""
        part = bisect_right(self.starts, offset) - 1
        return self.indices[part], offset - self.starts[part]


@dataclass
class ProseSection:
    heading: Block | None  # None: text before the first top-level section
    blocks: list[Block] = field(default_factory=list)  # scored blocks, document order
    indices: list[int] = field(default_factory=list)  # their indices in ``document.blocks``


@dataclass
class Prose:
    """The prose of one document, with the section each block belongs to."""

    blocks: list[Block]  # scored blocks (no headings, table cells or references), in order
    indices: list[int]  # their indices in ``document.blocks``
    sections: list[ProseSection]
    #: id(section) -> index in ``sections`` of its top-level section; None inside references
    section_numbers: dict[int, int | None]
    #: indices (in ``document.blocks``) of the blocks outside references sections, headings included
    readable: list[int]
    #: the same without headings: where findings about the running text may go
    body: list[int]

    @property
    def text(self) -> str:
        return PIECE_BREAK.join(scoring_text(block) for block in self.blocks)

    def section_of(self, block: Block) -> int | None:
        """Index in ``sections`` of the top-level section holding ``block``; None in references."""
        return self.section_numbers.get(id(block.section))


def _is_references(section: Section, references: frozenset[int]) -> bool:
    """Whether ``section`` is under a references heading (its own heading is in ``references``)."""
    return section.heading is not None and id(section.heading) in references


def _top_sections(document: Document, references: frozenset[int]) -> list[Section]:
    """The top-level sections: the children of a lone title, or else the top headings."""
    content = [top for top in document.root.children if not _is_references(top, references)]
    if len(content) == 1 and content[0].children:  # "# Title" over "## ..." (maybe "# References")
        return [top for top in content[0].children if not _is_references(top, references)]
    return content


def _number_sections(section: Section, number: int | None, tops: dict[int, int],
                     references: frozenset[int], numbers: dict[int, int | None]) -> None:
    """Give ``section`` and its subsections the number of their top-level section (the
    introduction is 0); None under a references heading."""
    numbers[id(section)] = number
    for child in section.children:
        child_number = None if _is_references(child, references) else tops.get(id(child), number)
        _number_sections(child, child_number, tops, references, numbers)


def analyse(document: Document) -> Prose:
    references = document.references_ids()
    sections = [ProseSection(None)]
    tops: dict[int, int] = {}
    for top in _top_sections(document, references):
        tops[id(top)] = len(sections)
        sections.append(ProseSection(top.heading))
    numbers: dict[int, int | None] = {}
    _number_sections(document.root, 0, tops, references, numbers)
    # one pass in document order, looking a number up only where the section changes (blocks of
    # one section come together); the title and text above the top sections are the introduction
    scored: list[Block] = []
    indices: list[int] = []
    readable: list[int] = []
    body: list[int] = []
    current: object = _NO_SECTION
    number: int | None = None
    for position, block in enumerate(document.blocks):
        if block.section is not current:
            current = block.section
            number = 0 if current is None else numbers.get(id(current))
        if number is None or block.residue:  # references and page residue are not prose
            continue
        readable.append(position)
        kind = block.kind
        if kind != "heading":
            body.append(position)
            if kind != "table_cell":
                section = sections[number]
                section.blocks.append(block)
                section.indices.append(position)
                scored.append(block)
                indices.append(position)
    return Prose(scored, indices, sections, numbers, readable, body)
