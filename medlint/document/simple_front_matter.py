"""The everyday front matter read without PyYAML: one ``key: value`` per line.

Most articles' front matter is a handful of lines such as ``title: "A guide to ..."``,
``author: Fatima Haddad`` and ``date: 2025-08-03``. Importing PyYAML costs a cold run about a
hundredth of a second, more than reading such lines. This reader takes only lines whose YAML
meaning leaves no doubt: a top-level key of letters, digits, ``_`` and ``-`` (not one YAML reads
as true, false or null); a value that is a quoted string without escapes, a plain string that
starts with a letter and holds no character YAML gives a meaning to there, a whole number
without a leading zero, or a date. For anything else (comments, nesting, lists, block scalars,
anchors, tags, duplicate keys, an empty value, another character) it answers ``None`` and
PyYAML reads the front matter, as it did before. tests/core/test_cold_start.py compares the two
on many generated front matters.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

#: plain scalars that YAML 1.1 (PyYAML's safe loader) reads as booleans or null
_SPECIAL_WORDS = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split())

_KEY = r"([A-Za-z_][A-Za-z0-9_-]*)"
#: characters of a value that PyYAML's reader accepts and that mean nothing inside a quoted
#: string; control characters, byte order marks and surrogates are left to PyYAML
_TEXT = "[^\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufeff\\ufffe\\uffff"
_LINE = re.compile(
    _KEY + r":[ ]+(?:"
    + r'"(' + _TEXT + r'"\\]*)"'          # "double-quoted", no escapes
    + r"|'(" + _TEXT + r"']*)'"           # 'single-quoted', no doubled quotes
    + r"|([A-Za-z][A-Za-z0-9 ,.'()/&+?!-]*?)"  # a plain string that starts with a letter
    + r"|([1-9][0-9]{0,17}|0)"            # a whole number
    + r"|([0-9]{4})-([0-9]{2})-([0-9]{2})"  # a date
    + r")[ ]*")


def read_simple_front_matter(raw: str) -> dict[str, Any] | None:
    """The mapping PyYAML's safe loader (with impossible dates kept as strings) reads from
    ``raw``, or ``None`` when ``raw`` is not in the simple form described above."""
    data: dict[str, Any] = {}
    for line in raw.split("\n"):
        if not line.strip(" "):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key, double, single, plain, number, year, month, day = match.groups()
        if key in data or key in _SPECIAL_WORDS:
            return None
        if double is not None:
            data[key] = double
        elif single is not None:
            data[key] = single
        elif plain is not None:
            if plain in _SPECIAL_WORDS:
                return None
            data[key] = plain
        elif number is not None:
            data[key] = int(number)
        else:
            try:
                data[key] = date(int(year), int(month), int(day))
            except ValueError:  # 2026-02-30: the loader keeps such a date as its text
                data[key] = f"{year}-{month}-{day}"
    return data or None
