"""`medlint kb`: knowledge base information and importers."""

from __future__ import annotations

from .cli import main


@main.group()
def kb() -> None:
    """The regulatory knowledge base."""
