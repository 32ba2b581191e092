"""Light normalisation of heading text, shared by the rules that look for sections."""

from __future__ import annotations

import functools
import re

_NOISE = re.compile(r"[^\w\s&/-]+")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)])\s+", re.IGNORECASE)

REFERENCES_HEADINGS = (
    "references", "reference", "sources", "source", "citations", "bibliography", "works cited",
    "further reading", "sources and references", "references and sources", "notes",
)


def normalize_heading(text: str) -> str:
    """'2. Risks & Side-Effects:' -> 'risks & side-effects'"""
    text = _NUMBERING.sub("", text.strip())
    text = _NOISE.sub(" ", text.lower())
    return " ".join(text.split())


# Longer forms of the same: "Selected references", "References and further reading", "Reference
# list", "Sources used in this article". A bare "sources" still has to stand alone: "Sources of
# vitamin D" is a section about food.
_REFERENCES_FORM = re.compile(
    r"^(?:(?:selected|key|additional|our|article|list of)\s)?"
    r"(?:references?|sources?|citations?|bibliography|works cited|literature cited|further reading"
    r"|reading list|reference list|notes)"
    r"(?:\s(?:and|&)\s(?:further reading|additional reading|sources|references|resources|notes"
    r"|citations|links))?"
    r"(?:\s(?:used|cited|consulted))?"
    r"(?:\s(?:in|for)\s(?:this|the)\s(?:article|page|post|story|guide))?$")


@functools.lru_cache(maxsize=2048)  # the same few headings recur across a whole repository
def is_references_heading(text: str) -> bool:
    key = normalize_heading(text)
    return key in REFERENCES_HEADINGS or _REFERENCES_FORM.match(key) is not None
