"""Markdown (CommonMark + tables) to Document: the everyday subset through medlint's own line
scanner (markdown_subset), everything else through markdown-it-py, with the same result."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Iterator

from .directives import find_directives
from .markdown_subset import has_markup, plain_lines, read_blocks, read_inline
from .model import _FOLDABLE_SPACE, Block, BlockBuilder, Document, OffsetRuns

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@functools.lru_cache(maxsize=None)
def parser() -> "MarkdownIt":
    """markdown-it (CommonMark and tables), imported when first needed: the subset scanner reads
    most articles without it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


class _Parser:
    """Stands for :func:`parser` where the subset reader may need it (some links, emphasis)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(parser(), name)


_LAZY_PARSER = _Parser()


_FOOTNOTE = re.compile(r"[ \t]{0,3}\[\^[^\]\s]+\]:")
_MDX_ESM = re.compile(r"(?:import|export)[ \t{*]")
_TITLE_PARTS = ("text", "code_inline", "image", "softbreak", "hardbreak")
_HEADING_START = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?")


def parse_markdown(document: Document, body_start: int, *, subset: bool = True) -> None:
    """Fill ``document`` with the blocks of the Markdown that starts at ``body_start``.

    A body in the everyday subset (markdown_subset) is read by its line scanner, and markdown-it
    reads the rest; ``subset=False`` sends every body to markdown-it (the tests compare the two).
    """
    if subset and _read_subset(document, body_start):
        return
    source = document.source
    body = source[body_start:]
    first_line = source.count("\n", 0, body_start)
    cursor_region: tuple[int, int] | None = None
    cursor = 0
    mdx = document.path.lower().endswith(".mdx")
    for run in _markdown_it_runs(body):
        kind, map_start, map_end, payload, block_kind, heading_level, contained = run
        if kind == "html":
            line = first_line + map_start + 1
            if contained:  # markers stripped from its lines: offsets would not map back
                start = document.offset_of_line(line)
                document.directives.extend(find_directives(payload, start, document.position))
            else:  # "<p>...</p>" or a callout <div> in a Markdown article is read too
                from .html import parse_html_block  # here: html.parser only for such blocks

                parse_html_block(document, payload, line)
            continue
        region = (
            document.offset_of_line(first_line + map_start + 1),
            document.offset_of_line(first_line + map_end + 1)
            if first_line + map_end < document.line_count else len(source),
        )
        if region != cursor_region:
            cursor_region, cursor = region, region[0]
        if block_kind == "paragraph" and not contained:
            if mdx and _MDX_ESM.match(source, region[0]):
                continue  # MDX's import/export statements are code
            if _FOOTNOTE.match(source, region[0]):
                continue  # a footnote ("[^1]: Smith J. ...") is a reference, like the references section
        builder = BlockBuilder()
        start = cursor
        cursor = _inline(document, payload, builder, cursor, region[1])
        block = builder.build(block_kind, heading_level)
        if heading_level:
            block = _titled(block, payload, heading_level, _first_text(source, start, region[1]))
        if block is not None:
            document.blocks.append(block)
        document.links.extend(builder.links)


#: One run of a Markdown body: ("inline", first line, end line, inline tokens, block kind, heading
#: level, inside a list or quote) or ("html", first line, end line, HTML text, "", 0, inside ...)
Run = tuple[str, int, int, Any, str, int, bool]


def _markdown_it_runs(body: str) -> Iterator[Run]:
    containers: list[str] = []
    heading_level = 0
    cell = False
    for token in parser().parse(body):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open"):
            containers.append(kind)
        elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
            if containers:
                containers.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("th_open", "td_open"):
            cell = True
        elif kind in ("th_close", "td_close"):
            cell = False
        elif kind == "html_block" and token.map:
            yield "html", token.map[0], token.map[1], token.content, "", 0, bool(containers)
        elif kind == "inline" and token.map:
            if heading_level:
                block_kind = "heading"
            elif cell:
                block_kind = "table_cell"
            elif "list_item_open" in containers:
                block_kind = "list_item"
            elif "blockquote_open" in containers:
                block_kind = "blockquote"
            else:
                block_kind = "paragraph"
            yield ("inline", token.map[0], token.map[1], token.children or [], block_kind, heading_level,
                   bool(containers))


def _read_subset(document: Document, body_start: int) -> bool:
    """Fill ``document`` from a body in the everyday subset, as the run loop of
    :func:`parse_markdown` would from markdown-it's tokens; False (nothing done) for any other
    body. Each of its runs stands on lines of its own, so its cursor starts where its lines do."""
    source = document.source
    blocks = read_blocks(source[body_start:])
    if blocks is None:
        return False
    first_line = source.count("\n", 0, body_start)
    table = document.line_table
    lines = len(table)
    mdx = document.path.lower().endswith(".mdx")
    for block in blocks:
        start = table[first_line + block.start]
        end = first_line + block.end
        limit = table[end] if end < lines else len(source)
        kind = block.kind
        if kind == "paragraph":
            if mdx and _MDX_ESM.match(source, start):
                continue  # MDX's import/export statements are code
            if source.startswith("[^", start) and _FOOTNOTE.match(source, start):  # (no indent here)
                continue  # a footnote is a reference, like the references section
        texts = None
        if not block.level and not has_markup(block.content):
            # words and single spaces, each line where it stands: no builder
            built = _verbatim_block(source, block.content, start, limit, kind)
            if built is None:
                texts = plain_lines(block.content)
                built = _plain_block(source, texts, start, limit, kind)  # type: ignore[arg-type]
            if built is not _NOT_PLAIN:
                if built is not None:
                    document.blocks.append(built)
                continue
        builder = BlockBuilder()
        if texts is not None:  # text and line breaks only: no tokens to make
            _place_lines(source, texts, start, limit, builder)
            built = builder.build(kind)
        else:
            children = read_inline(block.content, _LAZY_PARSER)
            if children is None:  # markup the subset leaves to markdown-it: this run only
                children = parser().parseInline(block.content)[0].children or []
            made = _text_block(source, children, start, limit, kind, block.level)
            if made is _NOT_PLAIN:
                _inline(document, children, builder, start, limit)
                built = builder.build(kind, block.level)
            else:
                built, builder.links = made  # type: ignore[misc]
            if block.level:
                built = _titled(built, children, block.level, _first_text(source, start, limit))
        if built is not None:
            document.blocks.append(built)
        document.links.extend(builder.links)
    return True


_NOT_PLAIN = object()


def _verbatim_block(source: str, content: str, cursor: int, limit: int, kind: str) -> Block | None:
    """The block of plain lines that stand in the file exactly as the run holds them (no
    indent, no spaces at a line's ends, words between single spaces, no URL): its text is the
    run with spaces for newlines, in one run of offsets. None for any other run."""
    if ("  " in content or "\n " in content or " \n" in content or "\n\n" in content
            or "://" in content or "www." in content or not content):
        return None
    at = cursor
    if not source.startswith(content, cursor):  # a list item's text, after its marker
        newline = content.find("\n")
        at = source.find(content if newline == -1 else content[:newline], cursor, limit)
        if at == -1 or _SKIPPED_PROSE.search(source, cursor, at) or not source.startswith(content, at):
            return None  # (where _place_lines puts the first line, the rest must follow)
    runs = OffsetRuns((0,), (at,), (1,), len(content))
    return Block(kind=kind, text=content.replace("\n", " "), offsets=runs, level=0, links=[])


class _Runs:
    """A block's offset runs, written text by text as ``BlockBuilder`` would: a pending space
    (a line break's newline, or white space between tokens) goes in before the next text."""

    __slots__ = ("starts", "origins", "size", "after", "space")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.size = 0
        self.after = -1  # the file offset that continues the last run
        self.space = -1  # the file offset of a space waiting for the next text

    def put(self, at: int, length: int) -> bool:
        """The text of ``length`` characters at file offset ``at``; True when a space went first."""
        spaced = self.space != -1
        if spaced:
            if self.space != self.after:
                self.starts.append(self.size)
                self.origins.append(self.space)
            self.size += 1
            self.after = self.space + 1
            self.space = -1
        if at != self.after:
            self.starts.append(self.size)
            self.origins.append(at)
        self.size += length
        self.after = at + length
        return spaced

    def offsets(self) -> OffsetRuns:
        return OffsetRuns(tuple(self.starts), tuple(self.origins), (1,) * len(self.starts), self.size)


def _plain_block(source: str, texts: list[str], cursor: int, limit: int, kind: str) -> Block | None | object:
    """The block that :func:`_place_lines` and ``BlockBuilder.build`` make of plain lines, made
    in one loop, when every line is words between single spaces, holds no URL and stands
    verbatim where the cursor reaches it (most paragraphs and list items); ``_NOT_PLAIN``
    otherwise, for the builder to do. An unindented paragraph is one run of offsets."""
    runs = _Runs()
    last = len(texts) - 1
    for number, text in enumerate(texts):
        if text:
            if "  " in text or "://" in text or "www." in text:
                return _NOT_PLAIN
            at = source.find(text, cursor, limit)
            if at == -1 or (at != cursor and _SKIPPED_PROSE.search(source, cursor, at)):
                return _NOT_PLAIN
            runs.put(at, len(text))
            cursor = at + len(text)
        if number == last:
            break
        newline = source.find("\n", cursor, limit)
        if newline == -1:
            return _NOT_PLAIN
        if runs.size and runs.space == -1:
            runs.space = newline
        cursor = newline + 1
    if not runs.size:
        return None
    return Block(kind=kind, text=" ".join(filter(None, texts)), offsets=runs.offsets(), level=0, links=[])


#: inline tokens that carry no text: the words inside emphasis are text tokens of their own
_MARKS = frozenset({"em_open", "em_close", "strong_open", "strong_close"})


def _text_block(source: str, children: list[Any], cursor: int, limit: int, kind: str,
                level: int) -> tuple[Block | None, list[str]] | object:
    """What :func:`_inline` and ``BlockBuilder.build`` make of the tokens of a run of text,
    emphasis, line breaks and links (the block and its links), made in one loop when every text
    stands verbatim where the cursor reaches it and holds no URL nor white space to fold;
    ``_NOT_PLAIN`` otherwise, for the builder to do (nothing is changed before that is known)."""
    chars: list[str] = []
    links: list[str] = []
    runs = _Runs()
    for child in children:
        kind_of = child.type
        if kind_of == "text":
            content = child.content
            if not content:
                continue
            at = source.find(content, cursor, limit)
            if at == -1 or (at != cursor and _SKIPPED_PROSE.search(source, cursor, at)):
                return _NOT_PLAIN
            cursor = at + len(content)
            stripped = content.strip()
            if not stripped:  # (BlockBuilder.add of white space: a space)
                if runs.size and runs.space == -1:
                    runs.space = at
                continue
            if "://" in content or "www." in content or not (
                    ("  " not in stripped and stripped.isprintable()) or _FOLDABLE_SPACE.search(stripped) is None):
                return _NOT_PLAIN
            lead = len(content) - len(content.lstrip())
            if lead and runs.size and runs.space == -1:
                runs.space = at
            if runs.put(at + lead, len(stripped)):
                chars.append(" ")
            chars.append(stripped)
            if lead + len(stripped) < len(content):
                runs.space = runs.after
        elif kind_of == "softbreak" or kind_of == "hardbreak":
            newline = source.find("\n", cursor, limit)
            if newline != -1:
                if runs.size and runs.space == -1:
                    runs.space = newline
                cursor = newline + 1
        elif kind_of in _MARKS:
            continue
        elif kind_of == "link_open" and child.markup != "autolink":
            href = child.attrs.get("href")
            if isinstance(href, str):
                links.append(href)
        elif kind_of == "link_close":
            cursor = _skip_link_target(source, cursor, limit)
        else:
            return _NOT_PLAIN
    text = "".join(chars)
    if not text.strip():
        return None, links
    return Block(kind=kind, text=text, offsets=runs.offsets(), level=level, links=links), links


def _place_lines(source: str, texts: list[str], cursor: int, limit: int, builder: BlockBuilder) -> int:
    """What :func:`_inline` does with the tokens of plain lines: each text placed, each line
    break a space at its newline."""
    last = len(texts) - 1
    for number, text in enumerate(texts):
        if text:
            cursor = _place(source, text, cursor, limit, builder)
        if number == last:
            break
        newline = source.find("\n", cursor, limit)
        if newline != -1:
            builder.space(newline)
            cursor = newline + 1
    return cursor


def _titled(block: Block | None, children: list[Any], level: int, start: int) -> Block | None:
    """A heading with its code and image text in its title. A heading made only of those still
    opens a section: it becomes a heading with no prose text, placed at its first character."""
    shown = [" " if child.type in ("softbreak", "hardbreak") else child.content
             for child in children if child.type in _TITLE_PARTS]
    title = " ".join("".join(shown).split())
    if block is None:
        return Block(kind="heading", text="", offsets=[start], level=level, title=title) if title else None
    if title != block.text:
        block.title = title
    return block


def _first_text(source: str, start: int, limit: int) -> int:
    """Offset of a heading's first character after its '#' marks."""
    match = _HEADING_START.match(source, start, limit)
    return match.end() if match else start


def _inline(document: Document, children: list[Any], builder: BlockBuilder, cursor: int, limit: int) -> int:
    """Walk an inline token's children, mapping prose text to file offsets; returns the cursor."""
    source = document.source
    in_autolink = False
    for child in children:
        kind = child.type
        if kind == "text":
            if in_autolink:
                cursor = _skip_past(source, child.content, cursor, limit)
            else:
                cursor = _place(source, child.content, cursor, limit, builder)
        elif kind in ("softbreak", "hardbreak"):
            newline = source.find("\n", cursor, limit)
            if newline != -1:
                builder.space(newline)
                cursor = newline + 1
        elif kind == "code_inline":
            builder.space(cursor)
            cursor = _skip_code_span(source, child.markup or "`", cursor, limit)
        elif kind == "html_inline":
            at = source.find(child.content, cursor, limit)
            if at != -1:
                document.directives.extend(find_directives(child.content, at, document.position))
                cursor = at + len(child.content)
        elif kind == "link_open":
            href = child.attrs.get("href")
            if isinstance(href, str):
                builder.links.append(href)
            in_autolink = child.markup == "autolink"
        elif kind == "link_close":
            if in_autolink:
                in_autolink = False
                closing = source.find(">", cursor, limit)
                cursor = closing + 1 if closing != -1 else cursor
            else:
                cursor = _skip_link_target(source, cursor, limit)
        elif kind == "image":
            builder.space(cursor)
            start = source.find("![", cursor, limit)
            close = source.find("]", start, limit) if start != -1 else -1
            if close != -1:
                cursor = _skip_link_target(source, close, limit)
    return cursor


def _place(source: str, content: str, cursor: int, limit: int, builder: BlockBuilder) -> int:
    at = source.find(content, cursor, limit) if content else -1
    if at != -1 and (at == cursor or not _SKIPPED_PROSE.search(source, cursor, at)):
        if "://" in content or "www." in content:
            builder.add_prose(content, at)
        else:  # what add_prose does for text without a URL
            builder.add(content, at)
        return at + len(content)
    # Escapes and entities make the text differ from the source: map character by character.
    for char in content:
        found = _locate(source, char, cursor, limit)
        if char.isspace():
            if found is not None:
                builder.space(found[0])
                cursor = found[1]
            else:
                builder.space(cursor)
            continue
        if found is None:
            builder.add_mapped(char, cursor)
        else:
            builder.add_mapped(char, found[0])
            cursor = found[1]
    return cursor


# Between the cursor and the next text only markup may stand (emphasis, list and quote markers,
# table pipes): letters, entities or escapes there mean a verbatim match is a later repetition.
_SKIPPED_PROSE = re.compile(r"[^\W\d_]|[&\\]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LOOKAHEAD = 12


def _locate(source: str, char: str, cursor: int, limit: int) -> tuple[int, int] | None:
    """Where ``char`` of inline text stands in the source at or after ``cursor``: the span of the
    character itself, of its backslash escape or of the entity that encodes it."""
    index = cursor
    skipped = 0
    while index < limit and skipped <= _LOOKAHEAD:
        here = source[index]
        if here == "&":
            entity = _ENTITY.match(source, index, limit)
            if entity is not None:
                from html import unescape  # here: few articles hold an entity
            decoded = unescape(entity.group()) if entity is not None else None
            if entity is not None and decoded != entity.group():  # a known entity
                if decoded == char:
                    return index, entity.end()
                index = entity.end()
                skipped += 1
                continue
        if here == "\\" and index + 1 < limit and source[index + 1] == char and char in _ESCAPABLE:
            return index + 1, index + 2
        if here == char or (char.isspace() and here.isspace()):
            return index, index + 1
        index += 1
        skipped += 1
    return None


_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _skip_code_span(source: str, fence: str, cursor: int, limit: int) -> int:
    """Move past a code span: its opening backtick run and the next run of the same length."""
    run = re.compile(rf"(?<!`){re.escape(fence)}(?!`)")
    opening = run.search(source, cursor, limit)
    if opening is None:
        return cursor
    closing = run.search(source, opening.end(), limit)
    return closing.end() if closing is not None else cursor


def _skip_past(source: str, content: str, cursor: int, limit: int) -> int:
    at = source.find(content, cursor, limit) if content else -1
    return at + len(content) if at != -1 else cursor


def _skip_link_target(source: str, cursor: int, limit: int) -> int:
    """From a link text's closing bracket, move past ``](target)`` or ``][ref]``."""
    close = source.find("]", cursor, limit)
    if close == -1:
        return cursor
    after = close + 1
    if source.startswith("(", after):
        depth = 0
        for index in range(after, limit):
            char = source[index]
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return index + 1
        return after
    if source.startswith("[", after):
        end = source.find("]", after, limit)
        return end + 1 if end != -1 else after
    return after


__all__ = ["parse_markdown", "Block"]
