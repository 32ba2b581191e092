"""A line scanner for the everyday subset of Markdown, to spare markdown-it most articles.

Headings (``#``), paragraphs, one-level lists (``-``, ``*``, ``+``, ``1.``) whose items are
paragraphs, and fenced code; inline, text with line breaks, ``[text](target)`` links and plainly
paired ``*em*`` and ``**strong**``. Each reader answers exactly what markdown-it (CommonMark and
tables) answers for what it accepts, and ``None`` for anything it is unsure of (block quotes, HTML,
tables, indented code, nesting, setext headings, rules, reference definitions; escapes, code
spans, ``_`` and nested emphasis, images, entities, raw HTML), so the caller hands that file or
that inline run to markdown-it. The subset is defined by what markdown-it does;
tests/core/test_markdown_subset.py compares the two on adversarial and random documents.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

# Tabs, carriage returns, NUL and white space other than the plain space change how markdown-it
# counts indentation, splits lines or trims text: such a file goes to markdown-it whole.
_UNSUPPORTED = re.compile(r"[^\S \n]|\x00")
_UNSUPPORTED_ASCII = "\t\r\x00\x0b\x0c\x1c\x1d\x1e\x1f"
#: first characters of a line that may open something other than a paragraph
_MARKUP_STARTS = frozenset(" ><|=#`~-*+_0123456789")
_ATX = re.compile(r"(#{1,6})(?: |$)")
_ORDERED = re.compile(r"([0-9]{1,9})[.)](?: |$)")
_CLOSING_FENCE = re.compile(r" {0,3}(`{3,}|~{3,}) *$")

# What a line at the start of a block is (a block's first line, or a paragraph's next line)
TEXT, HEADING, FENCE, BULLET, ORDERED, OTHER = range(6)


class SubsetBlock(NamedTuple):
    """A run of inline Markdown: where it stands (body lines ``[start, end)``) and what it is."""

    kind: str  # heading | paragraph | list_item
    start: int
    end: int
    content: str
    level: int = 0


def read_blocks(body: str) -> list[SubsetBlock] | None:
    """The inline runs of ``body`` in order, or ``None`` when it holds anything outside the subset."""
    if any(char in body for char in _UNSUPPORTED_ASCII) if body.isascii() else _UNSUPPORTED.search(body):
        return None
    lines = body.split("\n")
    if not lines[-1].strip(" "):  # markdown-it counts no line after the last newline
        lines.pop()
    count = len(lines)
    blocks: list[SubsetBlock] = []
    index = 0
    while index < count:
        line = lines[index]
        if not line.strip(" "):
            index += 1
            continue
        if "|" in line:  # a table header needs a pipe; fenced lines below are not looked at
            return None
        kind = _classify(line)
        if kind == HEADING:
            blocks.append(_heading(line, index))
            index += 1
        elif kind == FENCE:
            index = _past_fence(lines, index)
        elif kind == TEXT:
            if line[0] == "[" and not _not_a_definition(line):
                return None
            end = _paragraph_end(lines, index, in_item=False)
            if end < 0:
                return None
            blocks.append(SubsetBlock("paragraph", index, end, "\n".join(lines[index:end]).strip(" \n")))
            index = end
        elif kind in (BULLET, ORDERED):
            item = _item(lines, index)
            if item is None:
                return None
            blocks.append(item)
            index = item.end
        else:
            return None
    return blocks


def _classify(line: str) -> int:
    """What ``line`` (not blank, not indented) opens; OTHER for what this reader leaves alone."""
    first = line[0]
    if first not in _MARKUP_STARTS:
        return TEXT
    if first == " " or first in "><|=":
        return OTHER
    if first == "#":
        return HEADING if _ATX.match(line) else OTHER
    if first in "`~":
        if line.startswith(("```", "~~~")):
            return OTHER if first == "`" and "`" in line.lstrip("`") else FENCE
        return TEXT
    if first in "-*+_":
        if not line.strip(first + " "):  # a rule, a setext underline or an empty item
            return OTHER
        if first == "_":
            return TEXT
        if len(line) == 1 or line[1] == " ":
            return BULLET
        return TEXT
    if first in "0123456789" and _ORDERED.match(line):
        return ORDERED
    return TEXT


def _heading(line: str, index: int) -> SubsetBlock:
    level = len(_ATX.match(line).group(1))  # type: ignore[union-attr]
    end = len(line.rstrip(" "))
    closing = end
    while closing > level and line[closing - 1] == "#":
        closing -= 1
    if closing > level and line[closing - 1] == " ":  # a closing run of '#' after a space
        end = closing
    return SubsetBlock("heading", index, index + 1, line[level:end].strip(" "), level)


def _past_fence(lines: list[str], index: int) -> int:
    """The line after the fence that opens at ``index`` (unclosed: the end of the body)."""
    opening = lines[index]
    marker = opening[0]
    length = len(opening) - len(opening.lstrip(marker))
    for after in range(index + 1, len(lines)):
        match = _CLOSING_FENCE.match(lines[after])
        if match is not None and match.group(1)[0] == marker and len(match.group(1)) >= length:
            return after + 1
    return len(lines)


def _not_a_definition(line: str) -> bool:
    """True when a paragraph that opens with '[' surely is no link reference definition."""
    for position in range(1, len(line)):
        char = line[position]
        if char == "[":
            return True
        if char == "\\":
            return False
        if char == "]":
            return position + 1 == len(line) or line[position + 1] != ":"
    return False  # the label would go on to the next line


def _paragraph_end(lines: list[str], index: int, in_item: bool) -> int:
    """The line after the paragraph that opens at ``index``; -1 when a line is out of the subset."""
    count = len(lines)
    end = index + 1
    while end < count:
        line = lines[end]
        if line and line[0] not in _MARKUP_STARTS and "|" not in line:
            end += 1  # the common case: a line of plain text
            continue
        stripped = line.lstrip(" ")
        if not stripped:
            break
        if "|" in line:
            return -1
        kind = _classify(stripped)
        if line[0] == " ":  # indented: a lazy line when it is plain text
            if kind != TEXT:
                return -1
        elif kind == ORDERED and not in_item and int(_ORDERED.match(line).group(1)) != 1:  # type: ignore[union-attr]
            pass  # only a list that starts at 1 interrupts a paragraph
        elif kind in (HEADING, FENCE, BULLET, ORDERED):
            break
        elif kind != TEXT:
            return -1
        end += 1
    return end


def _item(lines: list[str], index: int) -> SubsetBlock | None:
    """A list item made of one paragraph, which may go on over lazy or indented lines."""
    line = lines[index]
    marker_end = 1 if line[0] in "-*+" else _ORDERED.match(line).end(1) + 1  # type: ignore[union-attr]
    text_start = len(line) - len(line[marker_end:].lstrip(" "))
    spaces = text_start - marker_end
    if text_start >= len(line) or spaces > 4:  # an empty item, or indented code in it
        return None
    text = line[text_start:]
    if _classify(text) != TEXT or (text[0] == "[" and not _not_a_definition(text)):
        return None
    end = _paragraph_end(lines, index, in_item=True)
    if end < 0:
        return None
    parts = [text]
    for following in lines[index + 1:end]:  # markdown-it drops up to the item's indent
        indent = len(following) - len(following.lstrip(" "))
        parts.append(following[min(indent, text_start):])
    return SubsetBlock("list_item", index, end, "\n".join(parts).strip(" \n"))


class _Unsure(Exception):
    """Raised inside the inline reader when markdown-it must decide."""


class Child:
    """An inline token as the Document builder reads it (markdown-it's Token has the same fields)."""

    __slots__ = ("type", "content", "markup", "attrs")

    def __init__(self, type: str, content: str = "", attrs: dict[str, str] | None = None) -> None:
        self.type = type
        self.content = content
        self.markup = ""
        self.attrs = attrs if attrs is not None else {}


_SPECIAL = re.compile(r"[\n\[*!\\`_<&]")
_MARKUP = re.compile(r"[\[*!\\`_<&]")
_LABEL_END = re.compile(r"[\[\]]")
_SOFTBREAK = Child("softbreak")
_HARDBREAK = Child("hardbreak")


def read_inline(content: str, md: Any) -> list[Child] | None:
    """Inline tokens of ``content``, or ``None`` when it holds markup outside the subset.

    ``md`` is the MarkdownIt parser: its link helpers read targets and titles, so they come out
    as its link rule writes them.
    """
    if _MARKUP.search(content) is None:
        return _lines(content)
    children: list[Child] = []
    try:
        _tokenize(content, 0, len(content), children, md)
    except _Unsure:
        return None
    if "*" not in content:
        return children
    joined: list[Child] = []  # emphasis marks left as text join the text beside them
    for child in children:
        if child.type == "text" and joined and joined[-1].type == "text":
            joined[-1] = Child("text", joined[-1].content + child.content)
        else:
            joined.append(child)
    return joined


def has_markup(content: str) -> bool:
    """Whether an inline run holds markup (``plain_lines`` gives None for it)."""
    return _MARKUP.search(content) is not None


def plain_lines(content: str) -> list[str] | None:
    """The text of each line of an inline run without markup, as its text tokens hold it (the
    spaces at both ends gone; a line of none is empty), or ``None`` when the run holds markup."""
    if _MARKUP.search(content) is not None:
        return None
    return [line.strip(" ") for line in content.split("\n")]


def _before_break(text: str) -> tuple[str, Child]:
    """The text before a line break without its trailing spaces, and the break: hard after two
    spaces or more, soft otherwise (markdown-it drops one space before a soft break)."""
    if text.endswith("  "):
        return text.rstrip(" "), _HARDBREAK
    return (text[:-1] if text.endswith(" ") else text), _SOFTBREAK


def _lines(content: str) -> list[Child]:
    """The tokens of text without markup: its lines, and a break after each but the last (hard
    after two spaces; the spaces go, as do those that open the next line)."""
    children: list[Child] = []
    lines = content.split("\n")
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if number:
            line = line.lstrip(" ")
        if number == last:
            if line:
                children.append(Child("text", line))
            break
        line, brk = _before_break(line)
        if line:
            children.append(Child("text", line))
        children.append(brk)
    return children


def _tokenize(src: str, pos: int, limit: int, out: list[Child], md: Any) -> None:
    """Append the tokens of ``src[pos:limit]``, the whole content or a link's text: each is one
    scope for emphasis."""
    pending = ""
    runs: list[tuple[int, int, bool, bool]] = []  # each run of '*': token index, length, opens, closes
    while pos < limit:
        found = _SPECIAL.search(src, pos, limit)
        if found is None:
            pending += src[pos:limit]
            break
        at = found.start()
        pending += src[pos:at]
        char = src[at]
        if char in "\\`_<&" or (char == "!" and src.startswith("[", at + 1)):
            raise _Unsure  # escapes, code, '_' emphasis, HTML, autolinks, entities, images
        if char == "!":
            pending += "!"
            pos = at + 1
        elif char == "*":
            end = at + 1
            while end < limit and src[end] == "*":
                end += 1
            if end - at > 2:
                raise _Unsure
            if pending:
                out.append(Child("text", pending))
                pending = ""
            runs.append((len(out), end - at, *_flanking(src, at, end, limit)))
            out.extend(Child("text", "*") for _ in range(end - at))
            pos = end
        elif char == "[":
            link = _link(src, at, limit, md)
            if link is None:
                pending += "["
                pos = at + 1
                continue
            href, title, label_end, pos = link
            if pending:
                out.append(Child("text", pending))
                pending = ""
            out.append(Child("link_open", attrs={"href": href, "title": title} if title else {"href": href}))
            _tokenize(src, at + 1, label_end, out, md)
            out.append(Child("link_close"))
        else:  # a line break: hard after two spaces
            pending, brk = _before_break(pending)
            if pending:
                out.append(Child("text", pending))
                pending = ""
            out.append(brk)
            pos = at + 1
            while pos < limit and src[pos] == " ":
                pos += 1
    if pending:
        out.append(Child("text", pending))
    if runs:
        _emphasis(runs, out)


def _flanking(src: str, start: int, end: int, limit: int) -> tuple[bool, bool]:
    """Whether a run of '*' may open and may close emphasis (CommonMark's flanking rules, with
    markdown-it's own character classes)."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

    before = src[start - 1] if start > 0 else " "
    after = src[end] if end < limit else " "
    before_punct = isMdAsciiPunct(ord(before)) or isPunctChar(before)
    after_punct = isMdAsciiPunct(ord(after)) or isPunctChar(after)
    before_space = isWhiteSpace(ord(before))
    after_space = isWhiteSpace(ord(after))
    opens = not (after_space or (after_punct and not (before_space or before_punct)))
    closes = not (before_space or (before_punct and not (after_space or after_punct)))
    return opens, closes


def _emphasis(runs: list[tuple[int, int, bool, bool]], out: list[Child]) -> None:
    """Turn paired runs into emphasis; only strictly alternating openers and closers of one length
    are paired here (a run that can do neither stays text), anything else is markdown-it's call."""
    active = [run for run in runs if run[2] or run[3]]
    if len(active) % 2:
        raise _Unsure
    for opener, closer in zip(active[::2], active[1::2]):
        if not (opener[2] and not opener[3] and closer[3] and not closer[2] and opener[1] == closer[1]):
            raise _Unsure
        if opener[1] == 1:
            out[opener[0]] = Child("em_open")
            out[closer[0]] = Child("em_close")
        else:  # markdown-it keeps the outer marks as empty text
            out[opener[0]] = Child("text", "")
            out[opener[0] + 1] = Child("strong_open")
            out[closer[0]] = Child("strong_close")
            out[closer[0] + 1] = Child("text", "")


def _link(src: str, start: int, limit: int, md: Any) -> tuple[str, str, int, int] | None:
    """``(href, title, label end, end)`` of an inline link opening at ``start``, else ``None``."""
    found = _LABEL_END.search(src, start + 1, limit)
    if found is None:
        return None
    if src[found.start()] == "[":  # brackets in brackets: markdown-it weighs nested links
        raise _Unsure
    label_end = found.start()
    pos = label_end + 1
    if pos >= limit or src[pos] != "(":
        return None  # a reference link needs a definition, which this subset has none of
    pos = _skip_blank(src, pos + 1, limit)
    if pos >= limit:
        return None
    title = ""
    plain = _PLAIN_DESTINATION.match(src, pos, limit)
    if plain is not None and (plain.end() == limit or src[plain.end()] in _DESTINATION_ENDS):
        destination: str | None = plain.group()  # what markdown-it's reader returns for it
        pos = plain.end()
    else:
        parsed = md.helpers.parseLinkDestination(src, pos, limit)
        destination = parsed.str if parsed.ok else None
        pos = parsed.pos if parsed.ok else pos
    if destination is not None:
        href = _href(destination, md)
        if href is None:
            return None
        start_title = pos
        pos = _skip_blank(src, pos, limit)
        if pos < limit and start_title != pos:
            parsed = md.helpers.parseLinkTitle(src, pos, limit)
            if parsed.ok:
                title = parsed.str
                pos = _skip_blank(src, parsed.pos, limit)
    else:
        href = ""
    if pos >= limit or src[pos] != ")":
        return None
    return href, title, label_end, pos + 1


# A destination with none of: white space, control characters, parentheses, escapes, entities
# or an angle bracket; it ends where markdown-it's destination reader stops (space, control, ')').
_PLAIN_DESTINATION = re.compile(r"[^\x00-\x20()<\\&\x7f]+")
_DESTINATION_ENDS = frozenset(chr(code) for code in range(0x21)) | {")", "\x7f"}


#: link targets that markdown-it's normalizeLink gives back as they are and validateLink accepts:
#: an http(s) URL with a plain lower-case host name, or a relative path, both of unreserved
#: characters only (tests/core/test_cold_start.py compares the two on many targets)
_UNCHANGED_HREF = re.compile(r"(?:https?://(?:[a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}(?=/|\Z)|(?!//))[A-Za-z0-9._~/-]*\Z")
_UNCHANGED_MAX = 200  # a host name over 255 characters is dropped


@lru_cache(maxsize=4096)
def _href(destination: str, md: Any) -> str | None:
    """The link target as markdown-it writes it, or ``None`` when it refuses it (``javascript:``);
    cached because a site links to the same pages over and over. The everyday target needs no
    markdown-it, which then need not be imported at all."""
    if len(destination) <= _UNCHANGED_MAX and _UNCHANGED_HREF.match(destination):
        return destination
    href = md.normalizeLink(destination)
    return href if md.validateLink(href) else None


def _skip_blank(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in " \t\n":
        pos += 1
    return pos
