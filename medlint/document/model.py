"""The Document: what a source file says, separated from how it is marked up.

Every prose block keeps, for each character of its text, the offset of that character in the
original file, so any span a rule finds maps back to an exact line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterator, NamedTuple

_NON_SPACE = re.compile(r"\S+")
_FOLDABLE_SPACE = re.compile(r"\s{2,}|[^\S ]")  # runs of white space, or any but a plain space
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")


class OffsetRuns(NamedTuple):
    """The file offsets of a block's text as runs, which is how BlockBuilder finds them: run
    ``i`` begins at text index ``starts[i]``, its first character stands at file offset
    ``origins[i]``, and each next character one further (``steps[i]`` 1: verbatim text) or at
    the same place (0: an entity's characters all stand where the entity does). Tuples of
    numbers: the garbage collector stops tracking them."""

    starts: tuple[int, ...]
    origins: tuple[int, ...]
    steps: tuple[int, ...]
    length: int

    def at(self, index: int) -> int:
        """The file offset of the character at ``index`` (kept inside the text)."""
        index = min(max(index, 0), self.length - 1)
        run = bisect_right(self.starts, index) - 1
        return self.origins[run] + (index - self.starts[run]) * self.steps[run]

    def expand(self) -> list[int]:
        """One offset per character."""
        offsets: list[int] = []
        ends = self.starts[1:] + (self.length,)
        for start, end, origin, step in zip(self.starts, ends, self.origins, self.steps):
            if step:
                offsets.extend(range(origin, origin + end - start))
            else:
                offsets.extend([origin] * (end - start))
        return offsets


class _Offsets:
    """``Block.offsets``, a list; a block that BlockBuilder made keeps its OffsetRuns until the
    list is read. Rules map the few places they report through ``source_offset``, which reads the
    runs, so most blocks never spend a number per character."""

    def __get__(self, block: "Block | None", owner: type | None = None) -> list[int]:
        if block is None:
            raise AttributeError("offsets")  # the dataclass field has no default
        offsets = block.__dict__["_offsets"]
        if isinstance(offsets, OffsetRuns):
            offsets = block.__dict__["_offsets"] = offsets.expand()
        return offsets

    def __set__(self, block: "Block", offsets: "list[int] | OffsetRuns") -> None:
        block.__dict__["_offsets"] = offsets


@dataclass
class Block:
    """A run of prose: a heading, paragraph, list item, block quote paragraph or table cell.

    ``offsets`` holds the file offset of each character of ``text``; a heading with no prose
    text (only code or an image) keeps one offset, where it stands. (It may be given as
    OffsetRuns; reading it gives the list.)
    """

    kind: str
    text: str
    offsets: list[int] = _Offsets()  # type: ignore[assignment]  # a descriptor: see _Offsets
    level: int = 0
    links: list[str] = field(default_factory=list)
    section: "Section | None" = field(default=None, repr=False)
    #: a heading as readers see it, when that differs from its prose text: inline code is not
    #: prose, but "Using `metformin` safely" is titled "Using metformin safely"
    title: str | None = None
    #: page residue (share buttons, a comment form, a cookie notice): kept for the rule that
    #: reports it, skipped by the prose rules; set before the rules run (engine.hooks)
    residue: bool = False

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

    @property
    def label(self) -> str:
        """The text to show for this block in messages and reports."""
        return self.title if self.title is not None else self.text

    def source_offset(self, index: int) -> int:
        """File offset of the character at ``index`` of the block text."""
        offsets = self.__dict__["_offsets"]
        if isinstance(offsets, OffsetRuns):
            return offsets.at(index)
        if not offsets:
            return 0
        return offsets[min(max(index, 0), len(offsets) - 1)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets ``[start, end)`` for block text ``[start, end)``."""
        end = max(end, start + 1)
        return self.source_offset(start), self.source_offset(end - 1) + 1


@dataclass
class Section:
    """A heading and what follows it up to the next heading of the same or a higher level."""

    heading: Block | None
    level: int
    blocks: list[Block] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    parent: "Section | None" = field(default=None, repr=False)

    @property
    def title(self) -> str:
        return self.heading.label if self.heading is not None else ""

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self) -> Iterator[Block]:
        """Blocks of this section and its subsections, headings of subsections included."""
        yield from self.blocks
        for child in self.children:
            if child.heading is not None:
                yield child.heading
            yield from child.all_blocks()


@dataclass(frozen=True)
class Directive:
    """A ``<!-- medlint-... -->`` comment: its kind, rule list and place."""

    kind: str  # disable | enable | disable-next-line | disable-file
    rules: tuple[str, ...]
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file itself, found while reading it."""

    rule: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None


@dataclass
class Document:
    path: str
    source: str
    format: str  # markdown | html | text
    metadata: dict[str, Any] = field(default_factory=dict)
    metadata_lines: dict[str, int] = field(default_factory=dict)
    #: 1-based column of each metadata key where it is written (1 when unknown)
    metadata_columns: dict[str, int] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    root: Section = field(default_factory=lambda: Section(heading=None, level=0))
    directives: list[Directive] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    #: the front matter's title and description as prose (not part of ``blocks``: the article's
    #: structure and readability are its body's); rules with ``front-matter: true`` read them
    front_matter_prose: list[Block] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = line_starts(self.source)

    def with_blocks(self, blocks: list[Block]) -> "Document":
        """The same file seen through other blocks (the front matter's prose), sharing its
        metadata and line table."""
        view = Document.__new__(Document)
        view.__dict__.update(self.__dict__)
        view.blocks = blocks
        view.root = Section(heading=None, level=0)
        return view

    @property
    def line_table(self) -> list[int]:
        """The file offset where each line starts (index 0: line 1); read, never change it."""
        return self._line_starts

    def close(self) -> None:
        """Untie the section tree (blocks name their section, sections their parent), for a
        caller that reads the document no more: freed at once when dropped, instead of waiting,
        with everything it holds, for the cycle collector's next full pass."""
        for section in self.root.walk():
            section.parent = None
        for block in self.blocks:
            block.section = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a file offset, kept inside the file whatever a rule asks."""
        offset = min(max(offset, 0), len(self.source))
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def offset_of_line(self, line: int) -> int:
        return self._line_starts[min(max(line - 1, 0), len(self._line_starts) - 1)]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def references_ids(self) -> frozenset[int]:
        """``id`` of every block (headings included) under a references heading, subsections too."""
        from .headings import is_references_heading

        found: set[int] = set()
        for section in self.root.walk():
            if section.heading is not None and is_references_heading(section.heading.text):
                found.add(id(section.heading))
                found.update(id(block) for block in section.all_blocks())
        return frozenset(found)

    def prose_blocks(self) -> list[Block]:
        return [b for b in self.blocks if not b.is_heading]

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.is_heading]


_NEWLINE = re.compile("\n")


def line_starts(text: str) -> list[int]:
    """The offset where each line starts (the scan in C: one match per line, no Python loop)."""
    return [0, *[match.end() for match in _NEWLINE.finditer(text)]]


class BlockBuilder:
    """Accumulates prose text with its file offsets, folding runs of white space."""

    __slots__ = ("chars", "links", "_pending_space", "_size", "_starts", "_origins", "_steps", "_next")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.links: list[str] = []
        self._pending_space: int | None = None
        self._size = 0  # characters in ``chars``
        # the offsets, as OffsetRuns holds them, and the file offset that goes on the last run
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._steps: list[int] = []
        self._next = -1

    def _verbatim(self, text: str, offset: int) -> None:
        """Append ``text`` whose characters stand at ``offset`` and on, one by one."""
        if offset != self._next:  # not where the last run goes on: a new run
            self._starts.append(self._size)
            self._origins.append(offset)
            self._steps.append(1)
        self.chars.append(text)
        self._size += len(text)
        self._next = offset + len(text)

    def add(self, text: str, offset: int) -> None:
        """Append ``text`` that starts at file ``offset`` and stands there verbatim."""
        stripped = text.strip()
        if not stripped:
            if text:
                self.space(offset)
            return
        lead = len(text) - len(text.lstrip())
        if lead:
            self.space(offset)
        start = offset + lead
        # (a printable text holds no white space but the plain space: a cheap test first)
        if ("  " not in stripped and stripped.isprintable()) or _FOLDABLE_SPACE.search(stripped) is None:
            # the common case: words separated by single spaces stand in the text as they are
            # (what _flush_space and _verbatim do, written out: this runs for most texts)
            chars = self.chars
            if self._pending_space is not None:
                if self._pending_space != self._next:
                    self._starts.append(self._size)
                    self._origins.append(self._pending_space)
                    self._steps.append(1)
                chars.append(" ")
                self._size += 1
                self._next = self._pending_space + 1
                self._pending_space = None
            if start != self._next:
                self._starts.append(self._size)
                self._origins.append(start)
                self._steps.append(1)
            chars.append(stripped)
            self._size += len(stripped)
            self._next = start + len(stripped)
        else:
            pos = 0
            for match in _NON_SPACE.finditer(stripped):
                if match.start() > pos:
                    self.space(start + pos)
                self._flush_space()
                self._verbatim(match.group(), start + match.start())
                pos = match.end()
        if lead + len(stripped) < len(text) and self._pending_space is None:
            self._pending_space = start + len(stripped)  # (chars is not empty here)

    def add_prose(self, text: str, offset: int) -> None:
        """Like :meth:`add`, but bare URLs become links instead of prose."""
        if "://" not in text and "www." not in text:
            self.add(text, offset)
            return
        pos = 0
        for match in URL.finditer(text):
            self.add(text[pos:match.start()], offset + pos)
            self.links.append(match.group())
            self.space(offset + match.start())
            pos = match.end()
        self.add(text[pos:], offset + pos)

    def add_mapped(self, text: str, offset: int) -> None:
        """Append ``text`` that stands for source at ``offset`` but not verbatim (an entity)."""
        if text.isspace():
            if self.chars and self._pending_space is None:
                self._pending_space = offset
            return
        self._flush_space()
        if len(text) == 1:
            self._verbatim(text, offset)
            return
        self._starts.append(self._size)
        self._origins.append(offset)
        self._steps.append(0)
        self.chars.append(text)
        self._size += len(text)
        self._next = -1  # no verbatim text goes on from here

    def space(self, offset: int) -> None:
        if self.chars and self._pending_space is None:
            self._pending_space = offset

    def _flush_space(self) -> None:
        if self._pending_space is not None:
            self._verbatim(" ", self._pending_space)
            self._pending_space = None

    def build(self, kind: str, level: int = 0) -> Block | None:
        text = "".join(self.chars)
        if not text.strip():
            return None
        runs = OffsetRuns(tuple(self._starts), tuple(self._origins), tuple(self._steps), self._size)
        return Block(kind=kind, text=text, offsets=runs, level=level, links=self.links)


def attach_sections(document: Document) -> None:
    """Build the section tree from the flat block list (headings open sections)."""
    root = document.root
    stack = [root]
    for block in document.blocks:
        if block.is_heading:
            while stack[-1] is not root and stack[-1].level >= block.level:
                stack.pop()
            section = Section(heading=block, level=block.level, parent=stack[-1])
            stack[-1].children.append(section)
            stack.append(section)
            block.section = section
        else:
            stack[-1].blocks.append(block)
            block.section = stack[-1]
