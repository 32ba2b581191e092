"""Recognise ``<!-- medlint-disable ... -->`` style comments."""

from __future__ import annotations

import re
from typing import Callable

from .model import Directive

DIRECTIVE = re.compile(
    # the kind must end where the rule list starts: "disable-line" is not "disable" of "-line"
    r"<!--\s*medlint-(disable-next-line|disable-line|disable-file|disable|enable)(?=[\s,]|-->)([^>]*?)\s*-->",
)


def find_directives(text: str, base: int, position: Callable[[int], tuple[int, int]]) -> list[Directive]:
    """Directives inside ``text``, which stands at file offset ``base``."""
    found = []
    for match in DIRECTIVE.finditer(text):
        rules = tuple(r for r in re.split(r"[\s,]+", match.group(2).strip()) if r)
        line, column = position(base + match.start())
        end_line, end_column = position(base + match.end())
        found.append(Directive(match.group(1), rules, line, column, end_line, end_column))
    return found
