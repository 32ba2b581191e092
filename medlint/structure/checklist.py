"""The section checklist of one article, as the HTML report shows it: each section its type
requires, and the heading that stands for it or nothing.

It repeats the analysis the structure rules made (parsing is cheap; no spaCy), so that the
report can list the sections an article has, which no finding or metric records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..document import parse_document
from ..engine.hooks import annotate
from .analysis import _analyze


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    name: str  # the section's name, as messages show it
    present: bool
    heading: str | None = None  # the heading that stands for it, when one does
    line: int | None = None  # that heading's line
    note: str = ""  # why a conditional section is required; "the opening text" when that counts


@dataclass(frozen=True)
class Checklist:
    article_type: str
    type_source: str  # declared | inferred | default
    items: tuple[ChecklistItem, ...]


def section_checklist(text: str, path: str, settings: dict[str, Any]) -> Checklist:
    """The checklist of ``text`` under the file's settings (``Settings.values`` as a dict)."""
    document = parse_document(text, path)
    annotate(document)  # page residue marked as before the rules ran
    analysis = _analyze(document, settings)
    items = []
    for key in analysis.required:
        definition = analysis.section(key)
        headings = analysis.matches.get(key) or []
        note = analysis.why_required.get(key, "")
        if headings:
            heading = headings[0]
            line = document.position(heading.source_offset(0))[0] if heading.offsets else None
            items.append(ChecklistItem(key, definition.name, True, heading.label, line, note))
        elif key in analysis.intro_sections:
            items.append(ChecklistItem(key, definition.name, True, None, None, note or "the opening text"))
        else:
            items.append(ChecklistItem(key, definition.name, False, None, None, note))
    return Checklist(analysis.type_name, analysis.article_type.source_kind, tuple(items))
