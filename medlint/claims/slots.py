"""The small records of the claim model: a mention of a named thing, a regimen, a slot."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    id: str
    start: int
    end: int


@dataclass
class Regimen:
    drugs: frozenset[str]
    start: int  # block offsets of the mention(s) naming it
    end: int


@dataclass(frozen=True)
class Slot:
    """One part of a claim and the words of the sentence that gave it ("" when defaulted)."""

    value: str
    words: str = ""

    def as_json(self) -> dict[str, str]:
        return {"value": self.value, "words": self.words} if self.words else {"value": self.value}
