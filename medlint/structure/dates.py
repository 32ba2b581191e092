"""Reading article dates: YAML dates, ISO strings and month-name forms.

Numeric day/month forms such as 03/02/2026 are refused on purpose: a reader in the US and one in
the UK read them as different days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"

ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                 r"(?:Z|[+-]\d{2}:?\d{2})?)?")
YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
MONTH_DAY_YEAR = re.compile(rf"({_MONTH})\s+({_DAY}),?\s+(\d{{4}})", re.IGNORECASE)
DAY_MONTH_YEAR = re.compile(rf"({_DAY})\s+(?:of\s+)?({_MONTH}),?\s+(\d{{4}})", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"({_MONTH}),?\s+(\d{{4}})", re.IGNORECASE)
NUMERIC = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")

#: Anything that looks like a date at the start of a string, readable or not (for bylines).
DATE_TOKEN = re.compile("|".join(f"(?:{p.pattern})" for p in (
    ISO, YEAR_FIRST, MONTH_DAY_YEAR, DAY_MONTH_YEAR, MONTH_YEAR, NUMERIC)), re.IGNORECASE)

HOW_TO_WRITE = "write it as 2026-03-02 or March 2, 2026"


@dataclass(frozen=True)
class ParsedDate:
    value: date | None
    problem: str | None = None  # why it cannot be read


def parse_date(raw: object) -> ParsedDate:
    """A date from front matter or article text, or the reason it is not one."""
    if isinstance(raw, datetime):
        return ParsedDate(raw.date())
    if isinstance(raw, date):
        return ParsedDate(raw)
    if not isinstance(raw, str):
        return ParsedDate(None, f"is not a date ({HOW_TO_WRITE})")
    text = " ".join(raw.split())
    for pattern, build in ((ISO, _ymd), (YEAR_FIRST, _ymd), (MONTH_DAY_YEAR, _mdy),
                           (DAY_MONTH_YEAR, _dmy), (MONTH_YEAR, _my)):
        match = pattern.fullmatch(text)
        if match:
            try:
                return ParsedDate(build(*match.groups()))
            except ValueError:
                return ParsedDate(None, "is not a real calendar date")
    if NUMERIC.fullmatch(text):
        return ParsedDate(None, f"is ambiguous (day and month can be read either way; {HOW_TO_WRITE})")
    return ParsedDate(None, f"is not a date medlint can read ({HOW_TO_WRITE})")


def _number(day: str) -> int:
    return int(re.match(r"\d+", day).group())  # type: ignore[union-attr]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _ymd(year: str, month: str, day: str) -> date:
    return date(int(year), int(month), int(day))


def _mdy(month: str, day: str, year: str) -> date:
    return date(int(year), _month(month), _number(day))


def _dmy(day: str, month: str, year: str) -> date:
    return date(int(year), _month(month), _number(day))


def _my(month: str, year: str) -> date:
    return date(int(year), _month(month), 1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months
