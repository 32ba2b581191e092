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


@functools.lru_cache(maxsize=2048)  # the same few headings recur across a whole repository
def is_references_heading(text: str) -> bool:
    return normalize_heading(text) in REFERENCES_HEADINGS
