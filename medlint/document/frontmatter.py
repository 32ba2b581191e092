"""YAML front matter at the top of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import Problem


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # LibYAML when built
    """Safe YAML, except that an impossible date (2026-02-30) stays a string for rules to report."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    body_start: int = 0  # file offset where the article body starts
    problem: Problem | None = None


def split_front_matter(text: str) -> FrontMatter:
    """Parse a leading ``---`` block. Malformed YAML is reported, never raised."""
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
    try:
        data = yaml.load(raw, Loader=_Loader)
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
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(
            body_start=body_start,
            problem=Problem("document.front-matter-invalid", 2, 1,
                            f"front matter must be a mapping of keys to values, not a {type(data).__name__}"),
        )
    key_lines = _key_lines(raw)
    return FrontMatter(data={str(k): v for k, v in data.items()}, key_lines=key_lines, body_start=body_start)


def _key_lines(raw: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for index, line in enumerate(raw.splitlines()):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = index + 2
    return lines
