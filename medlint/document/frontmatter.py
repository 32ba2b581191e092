"""YAML front matter at the top of an article."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ..yamlsource import load_bounded, safe_loader

from .model import Block, BlockBuilder, Problem
from .simple_front_matter import read_simple_front_matter


@functools.lru_cache(maxsize=None)
def _loader() -> type:
    """Safe YAML (LibYAML's when built), except that an impossible date (2026-02-30) stays a
    string for rules to report. PyYAML is imported here: plain front matter does without it."""
    import yaml

    class _Loader(safe_loader()):  # type: ignore[misc]
        def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
    return _Loader


_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_TOML_OPEN = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*\r?$", re.MULTILINE)


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    key_columns: dict[str, int] = field(default_factory=dict)
    body_start: int = 0  # file offset where the article body starts
    #: the title and description as prose, with file offsets inside the front matter
    prose: list[Block] = field(default_factory=list)
    problem: Problem | None = None


def split_front_matter(text: str) -> FrontMatter:
    """Parse a leading ``---`` (YAML) or ``+++`` (TOML, as Hugo writes it) block. Malformed
    front matter is reported, never raised."""
    if _TOML_OPEN.match(text):
        return _toml_front_matter(text)
    opening = _OPEN.match(text)
    if not opening:
        return FrontMatter()
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        return FrontMatter(
            problem=Problem(
                "document.front-matter-invalid", 1, 1,
                "front matter opened with '---' on line 1 is never closed with '---'",
            )
        )
    raw = text[opening.end():closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    data = read_simple_front_matter(raw)
    if data is None:
        data = _load_yaml(raw, body_start)
        if isinstance(data, FrontMatter):  # not valid YAML
            return data
    if not isinstance(data, dict):
        return FrontMatter(
            body_start=body_start,
            problem=Problem("document.front-matter-invalid", 2, 1,
                            f"front matter must be a mapping of keys to values, not a {type(data).__name__}"),
        )
    lines, columns = _key_positions(raw, _YAML_KEY)
    data = {str(k): v for k, v in data.items()}
    return FrontMatter(data=data, key_lines=lines, key_columns=columns, body_start=body_start,
                       prose=_prose_blocks(raw, opening.end(), data, lines, ":"))


def _load_yaml(raw: str, body_start: int) -> Any:
    """The front matter through PyYAML: its data ({} for none), or a FrontMatter with the problem."""
    import yaml

    try:
        data = load_bounded(raw, _loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter(
            body_start=body_start,
            problem=Problem("document.front-matter-invalid", line, column,
                            f"front matter is not valid YAML: {what}"),
        )
    return {} if data is None else data


# a top-level key, bare or quoted: title:, "title":, 'og:title':
_YAML_KEY = re.compile(r"""(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z_][\w:.-]*))\s*:(?:\s|$)""")
_TOML_KEY = re.compile(r"""(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z_][\w-]*))\s*=""")


def _key_positions(raw: str, pattern: re.Pattern[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Line (the opening fence is line 1) and column of each top-level key."""
    lines: dict[str, int] = {}
    columns: dict[str, int] = {}
    for index, line in enumerate(raw.splitlines()):
        match = pattern.match(line)
        if match is None:
            continue
        key = next(g for g in match.groups() if g is not None)
        if key not in lines:
            lines[key] = index + 2
            columns[key] = 1
    return lines, columns


def _toml_front_matter(text: str) -> FrontMatter:
    opening = _TOML_OPEN.match(text)
    assert opening is not None
    closing = _TOML_CLOSE.search(text, opening.end())
    if closing is None:
        return FrontMatter(problem=Problem("document.front-matter-invalid", 1, 1,
                                           "front matter opened with '+++' on line 1 is never closed with '+++'"))
    raw = text[opening.end():closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    try:
        data = _toml_loads(raw)
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        message = str(exc)
        where = re.search(r"line (\d+), column (\d+)", message)
        line, column = (int(where.group(1)) + 1, int(where.group(2))) if where else (1, 1)
        what = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        return FrontMatter(body_start=body_start, problem=Problem(
            "document.front-matter-invalid", line, column, f"front matter is not valid TOML: {what}"))
    lines, columns = _key_positions(raw, _TOML_KEY)
    data = {str(k): v for k, v in data.items()}
    return FrontMatter(data=data, key_lines=lines, key_columns=columns, body_start=body_start,
                       prose=_prose_blocks(raw, opening.end(), data, lines, "="))


def _toml_loads(raw: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib.loads(raw)


#: front matter values that readers see as prose (in a page's heading, a search result, a card)
PROSE_KEYS = ("title", "description", "summary", "excerpt", "subtitle")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _prose_blocks(raw: str, raw_start: int, data: dict[str, Any], key_lines: dict[str, int],
                  separator: str) -> list[Block]:
    """The prose values of the front matter as blocks whose offsets point into the file: the
    text after ``title:`` on its line, and the more-indented lines under it (folded and block
    scalars), without the quotes around it."""
    lines = raw.splitlines(keepends=True)
    starts = [raw_start]
    for line in lines:
        starts.append(starts[-1] + len(line))
    blocks = []
    for key in PROSE_KEYS:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip() or key not in key_lines:
            continue
        index = key_lines[key] - 2
        first = lines[index]
        cut = first.find(separator, first.find(key) + len(key)) + 1
        pieces = [(first[cut:].rstrip("\r\n"), starts[index] + cut)]
        for number in range(index + 1, len(lines)):
            line = lines[number]
            if line.strip() and not line[:1].isspace():
                break  # the next top-level key
            pieces.append((line.rstrip("\r\n"), starts[number]))
        head = pieces[0][0]
        if _BLOCK_SCALAR.match(head.strip()):
            pieces[0] = ("", pieces[0][1])
        builder = BlockBuilder()
        for number, (text, offset) in enumerate(pieces):
            if number == 0:
                lead = len(text) - len(text.lstrip())
                text, offset = text[lead:], offset + lead
                if text[:1] in "\"'":
                    text, offset = text[1:], offset + 1
            if number == len(pieces) - 1 or not any(t.strip() for t, _ in pieces[number + 1:]):
                text = text.rstrip()
                if text[-1:] in "\"'" and pieces[0][0].lstrip()[:1] == text[-1:]:
                    text = text[:-1]
            builder.add(text, offset)
        block = builder.build("paragraph")
        if block is not None:
            blocks.append(block)
    return blocks
