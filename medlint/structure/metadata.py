"""Who wrote and reviewed an article, and when: from front matter, HTML and byline text.

Sources in order of trust: front matter keys (and HTML ``<meta>``, which the document layer puts
in the same place), then byline text in the body ("Medically reviewed by Ann Lee, MD"), then
``<time itemprop=...>`` elements in HTML.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Any, Iterable

from ..document import Block, Document
from . import data
from .dates import DATE_TOKEN, ParsedDate, parse_date

FIELDS = ("author", "reviewer", "published", "last-reviewed")
DATE_FIELDS = ("published", "last-reviewed")
FIELD_NAMES = {"author": "author", "reviewer": "medical reviewer", "published": "published date",
               "last-reviewed": "last reviewed date"}

_TOKEN = re.compile(r"[^\s,;|()\u2022\u00b7]+|[,;|()\u2022\u00b7]")
# A capitalised word with lower-case letters ("Lee", "O'Neil") or an initial ("J."); not "HIV".
_NAME_WORD = re.compile(r"^[A-Z](?=[A-Za-z'\u2019.\-]*[a-z])[A-Za-z'\u2019.\-]*$|^[A-Z]\.$")
_PARTICLES = {"de", "van", "von", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "y"}
_NOT_NAMES = {"the", "a", "an", "on", "in", "at", "and", "for", "with", "our", "staff", "editors", "team"}
_MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                "friday", "saturday", "sunday"}
#: between the blocks' texts in ``_Bylines._labelled_blocks``
_BLOCK_BREAK = "\x00"
_TIME = re.compile(r"<time\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


@dataclass
class Found:
    """One metadata value and where it was written."""

    field: str
    value: Any
    origin: str  # "'last_reviewed'" for a key, "byline", "<time itemprop=...>"
    line: int
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    parsed: ParsedDate | None = None  # dates only
    credentials: tuple[str, ...] = ()  # reviewer only
    name: str = ""  # reviewer/author name
    fallback: bool = False  # an update date standing in for a review date

    @property
    def text(self) -> str:
        return self.value.isoformat() if isinstance(self.value, date) else str(self.value)


@dataclass
class Metadata:
    fields: dict[str, Found] = field(default_factory=dict)

    def get(self, name: str) -> Found | None:
        return self.fields.get(name)


@dataclass(frozen=True)
class MetadataSettings:
    keys: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    max_age_months: int
    credentials: frozenset[str]


@functools.lru_cache(maxsize=32)
def metadata_settings(frozen: Any = ()) -> MetadataSettings:
    """Defaults from rules/structure/metadata.yaml, overridden by the ``metadata`` config key."""
    defaults = data.load("metadata")
    config = dict(frozen or ())
    keys = {name: tuple(defaults.get("fields", {}).get(name, ())) for name in FIELDS}
    keys.update({name: tuple(value) for name, value in dict(config.get("fields", ())).items()})
    credentials = set(defaults.get("credentials", [])) | set(config.get("credentials", ()))
    return MetadataSettings(
        keys=keys,
        required=tuple(config.get("required", FIELDS)),
        max_age_months=int(config.get("max-review-age-months", defaults.get("max-review-age-months", 24))),
        credentials=frozenset(c.replace(".", "") for c in credentials),
    )


def extract(document: Document, settings: MetadataSettings) -> Metadata:
    result = Metadata()
    for name in FIELDS:
        found = _from_keys(document, name, settings)
        if found is not None:
            result.fields[name] = found
    bylines = _Bylines(document, settings)
    for name in FIELDS:
        if name not in result.fields:
            found = bylines.best(name)
            if found is not None:
                result.fields[name] = found
    return result


# -- front matter and <meta> ----------------------------------------------------------------------

def _from_keys(document: Document, name: str, settings: MetadataSettings) -> Found | None:
    for key in settings.keys.get(name, ()):
        if key not in document.metadata:
            continue
        value = document.metadata[key]
        if isinstance(value, dict) and name in DATE_FIELDS:  # Docusaurus: last_update: {date:, author:}
            value = value.get("date")
        if value is None or value == "" or value == []:
            continue
        line = document.metadata_lines.get(key, 1)
        column = document.metadata_columns.get(key, 1)
        found = Found(name, value, f"'{key}'", line, column, line, column + len(key),
                      fallback=_is_update_key(key))
        if name in DATE_FIELDS:
            found.parsed = parse_date(value)
        elif name == "reviewer":
            found.name, found.credentials = _person_value(value, settings.credentials)
        else:
            found.name = _person_value(value, settings.credentials)[0]
        return found
    return None


def _is_update_key(key: str) -> bool:
    return any(word in key.lower() for word in ("update", "modified", "lastmod"))


def _person_value(value: Any, credentials: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    """Name and credentials from 'Ann Lee, MD', a list of such, or {name:, credentials:}."""
    if isinstance(value, dict):
        parts = [str(value.get(k, "")) for k in ("name", "credentials", "credential", "title")]
        return _person_value(", ".join(p for p in parts if p), credentials)
    if isinstance(value, (list, tuple)):
        people = [_person_value(v, credentials) for v in value]
        with_credentials = [p for p in people if p[1]]
        return (with_credentials or people or [("", ())])[0]
    text = str(value)
    creds = []
    for token in _TOKEN.findall(text):
        bare = token.replace(".", "")
        if bare in credentials and bare != "Dr":
            creds.append(bare)
    if _DOCTOR_FIRST.match(text):
        creds.append("Dr")
    name = _NAME_END.split(text, maxsplit=1)[0].strip()
    name = _DOCTOR_TITLE.sub("", name)
    return name, tuple(dict.fromkeys(creds))


_DOCTOR_FIRST = re.compile(r"\s*Dr\.?\s")
_NAME_END = re.compile(r",|\s\(")
_DOCTOR_TITLE = re.compile(r"^Dr\.?\s+")


# -- byline text ---------------------------------------------------------------------------------

def _label_regex(labels: Iterable[str]) -> re.Pattern[str] | None:
    return _compiled_labels(tuple(sorted(sorted(set(labels)), key=len, reverse=True)))


@functools.lru_cache(maxsize=64)
def _compiled_labels(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    if not labels:
        return None
    # A capital first letter, any case after it ("Last Reviewed", "LAST REVIEWED"): a case-sensitive
    # first character lets the scan skip most of the text quickly.
    body = "|".join(_first_capital(r"\s+".join(re.escape(w) for w in label.split())) for label in labels)
    return re.compile(rf"(?:{body})(?![\w-])")


def _first_capital(pattern: str) -> str:
    first, rest = pattern[0], pattern[1:]
    return f"{re.escape(first.upper())}(?i:{rest})" if first.isalpha() and rest else pattern


_KINDS = ("author", "reviewer", "published", "last-reviewed", "updated")


@functools.lru_cache(maxsize=1)
def _byline_labels() -> tuple[dict[str, re.Pattern[str] | None], re.Pattern[str] | None, frozenset[str],
                              dict[str, set[str]]]:
    """Each kind's label regex; one regex of every label, which matches wherever a kind's does;
    the words that end a name (label words, months); the itemprops per kind."""
    config = data.load("metadata")
    labels = config.get("bylines", {})
    kinds = {kind: _label_regex(labels.get(kind, [])) for kind in _KINDS}
    any_label = _label_regex([label for kind in _KINDS for label in labels.get(kind, [])])
    label_words = {w.lower() for ls in labels.values() for label in ls for w in label.split()}
    itemprops = {kind: set(names) for kind, names in config.get("itemprops", {}).items()}
    return kinds, any_label, frozenset(label_words | _NOT_NAMES | _MONTH_WORDS), itemprops


class _Bylines:
    """Finds byline labels in the prose and reads the names and dates after them."""

    def __init__(self, document: Document, settings: MetadataSettings) -> None:
        self.document = document
        self.settings = settings
        self.kinds, self.any_label, self.stop_words, self.itemprops = _byline_labels()
        self.times = _time_elements(document)
        self.found: dict[str, list[Found]] = {}
        self._scan()

    def best(self, name: str) -> Found | None:
        if name == "last-reviewed":
            for kind in ("last-reviewed", "updated"):
                if self.found.get(kind):
                    return self.found[kind][0]
            return None
        items = self.found.get(name)
        return items[0] if items else None

    def _add(self, found: Found) -> None:
        self.found.setdefault(found.field, []).append(found)

    def _scan(self) -> None:
        # Headings too: in plain text a lone byline line ("By Ann Lee") reads as a heading.
        for block in self._labelled_blocks():  # no label of any kind elsewhere
            for kind, regex in self.kinds.items():
                if regex is None:
                    continue
                for match in regex.finditer(block.text):
                    if not match.group()[0].isupper() or not self._at_boundary(block, match.start()):
                        continue
                    if kind in ("author", "reviewer"):
                        self._person(block, kind, match.end())
                    else:
                        self._date(block, kind, match.end())
        self._itemprop_times()
        self._closing_date()

    def _closing_date(self) -> None:
        """A date standing alone at the end of the page ("September 2014"): its last update."""
        count = int(data.load("metadata").get("closing-date-blocks", 0))
        for block in _last_prose(self.document.blocks, count):
            text = block.text.strip()
            if text and DATE_TOKEN.fullmatch(text):
                start = block.text.index(text)
                line, column, end_line, end_column = self._position(block, start, start + len(text))
                self._add(Found("updated", text, "a date line at the end of the page", line, column,
                                end_line, end_column, parsed=parse_date(text), fallback=True))

    def _labelled_blocks(self) -> list[Block]:
        """The blocks where some label matches: one search of all the blocks' texts, joined by a
        character that no label matches, neither as a letter nor as white space, and that ends a
        label's word as the end of a text does."""
        if self.any_label is None:
            return []
        blocks = self.document.blocks
        starts = list(accumulate((len(block.text) + 1 for block in blocks), initial=0))
        hits: dict[int, None] = {}
        for match in self.any_label.finditer(_BLOCK_BREAK.join(block.text for block in blocks)):
            hits[bisect_right(starts, match.start()) - 1] = None
        return [blocks[index] for index in hits]

    def _at_boundary(self, block: Block, index: int) -> bool:
        """Start of the block or a line, or after a sentence end or a separator."""
        if index == 0:
            return True
        before = block.text[:index].rstrip()
        if not before or before[-1] in ".!?|\u2022\u00b7\u2014\u2013:;-":
            return True
        gap = self.document.source[block.source_offset(len(before) - 1) + 1:block.source_offset(index)]
        return "\n" in gap or "<br" in gap.lower()

    def _position(self, block: Block, start: int, end: int) -> tuple[int, int, int, int]:
        first, last = block.source_span(start, end)
        line, column = self.document.position(first)
        end_line, end_column = self.document.position(last)
        return line, column, end_line, end_column

    def _person(self, block: Block, kind: str, index: int) -> None:
        text = block.text
        tokens = list(_TOKEN.finditer(text, index))
        pos = 0
        if tokens and tokens[0].group() == ":":
            pos = 1
        name: list[str] = []
        creds: list[str] = []
        start = tokens[pos].start() if pos < len(tokens) else index
        doctor = pos < len(tokens) and bool(re.fullmatch(r"Dr\.?", tokens[pos].group()))
        pos += int(doctor)
        end = index
        while pos < len(tokens):
            token = tokens[pos].group()
            bare = token.replace(".", "")
            if token in (",", "(", ")") and name:
                pos += 1
                continue
            if name and bare in self.settings.credentials:
                creds.append(bare)
                end = tokens[pos].end()
            elif not creds and len(name) < 5 and _NAME_WORD.match(token) \
                    and token.lower().rstrip(".") not in self.stop_words:
                name.append(token.rstrip(".") if len(bare) > 1 else token)
                end = tokens[pos].end()
                if token.endswith(".") and len(bare) > 1 and bare not in ("Jr", "Sr", "St"):
                    pos += 1
                    break  # a full stop after a word ends the sentence
            elif name and not creds and token.lower() in _PARTICLES:
                name.append(token)
            else:
                break
            pos += 1
        if not name:
            return
        line, column, end_line, end_column = self._position(block, start, end)
        shown = ("Dr. " if doctor else "") + " ".join(name) + "".join(", " + c for c in creds)
        self._add(Found(kind, shown, "byline", line, column, end_line, end_column,
                        credentials=tuple(creds + ["Dr"] * doctor), name=" ".join(name)))
        if kind == "reviewer":
            on = re.match(r"[\s,]*(?:on\s+|,\s*)", text[end:])
            if on:
                self._date(block, "last-reviewed", end + on.end(), require_label_gap=False)

    def _date(self, block: Block, kind: str, index: int, *, require_label_gap: bool = True) -> None:
        text = block.text
        gap = re.match(r"\s*(?::|-|\u2014|\u2013)?\s*(?:on\s+|:\s*)?", text[index:])
        start = index + (gap.end() if gap else 0)
        element = self._time_at(block, index, start)
        if element is not None:
            value, tag_line = element
            line, column = tag_line
            self._add(Found(_field(kind), value, "byline", line, column, parsed=parse_date(value),
                            fallback=kind == "updated"))
            return
        match = DATE_TOKEN.match(text, start)
        if not match or (match.end() < len(text) and text[match.end()].isalnum()):
            return
        line, column, end_line, end_column = self._position(block, start, match.end())
        self._add(Found(_field(kind), match.group(), "byline", line, column, end_line, end_column,
                        parsed=parse_date(match.group()), fallback=kind == "updated"))

    def _time_at(self, block: Block, label_end: int, start: int) -> tuple[str, tuple[int, int]] | None:
        """The datetime of a <time> element between a label and the text after it."""
        if not self.times or start >= len(block.text):
            return None
        low = block.source_offset(label_end - 1)
        high = block.source_offset(start)
        for offset, attributes in self.times:
            if low < offset <= high and attributes.get("datetime"):
                return attributes["datetime"], self.document.position(offset)
        return None

    def _itemprop_times(self) -> None:
        for offset, attributes in self.times:
            prop = attributes.get("itemprop", "")
            value = attributes.get("datetime")
            if not prop or not value:
                continue
            for kind, names in self.itemprops.items():
                if prop in names:
                    line, column = self.document.position(offset)
                    self._add(Found(_field(kind), value, f"<time itemprop=\"{prop}\">", line, column,
                                    parsed=parse_date(value), fallback=kind == "updated"))


def _last_prose(blocks: list[Block], count: int) -> list[Block]:
    """The last ``count`` blocks that are not headings, in document order."""
    found: list[Block] = []
    for block in reversed(blocks):
        if len(found) >= count:
            break
        if not block.is_heading:
            found.append(block)
    return found[::-1]


def _field(kind: str) -> str:
    return "last-reviewed" if kind == "updated" else kind


def _time_elements(document: Document) -> list[tuple[int, dict[str, str]]]:
    """Offsets and attributes of ``<time>`` tags in HTML that sit inside article prose."""
    if document.format != "html" or "<time" not in document.source.lower():
        return []
    spans = [(b.source_offset(0), b.source_offset(len(b.text) - 1)) for b in document.blocks]
    found = []
    for match in _TIME.finditer(document.source):
        if not any(start <= match.start() <= end for start, end in spans):
            continue  # in skipped markup (nav, footer, script) or outside any prose
        attributes = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                      for m in _ATTR.finditer(match.group(1))}
        found.append((match.start(), attributes))
    return found
