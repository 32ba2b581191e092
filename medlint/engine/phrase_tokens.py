"""Rule phrases as the tokenizer splits them, kept on disk as the hashes the matchers compare.

spaCy's PhraseMatcher compares one attribute per token (ORTH, or LOWER when case is ignored),
as hashes of the token's text. Registering the jargon lexicon, the knowledge base's drug and
condition names and every pack's phrases means splitting several thousand phrases with the
tokenizer and creating a vocabulary entry for each new word: a tenth of a second at each
start-up. The hashes depend only on the phrase and the tokenizer (spaCy's version, medlint's
blank English pipeline), so they are stored in the build cache (``medlint.buildcache``) and
handed to ``PhraseMatcher.add`` as they are, which it accepts in place of Docs (it is how it
unpickles itself). The matches are the same: the matcher sees the same hashes either way.

Only the blank pipeline is cached; a configured spaCy model's tokenizer is the model's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import buildcache

if TYPE_CHECKING:
    from spacy.language import Language

Table = dict[str, tuple[int, ...]]
MAX_PHRASES = 200_000  # per attribute; beyond it the table starts again from this run's phrases
_NAME = "phrase-tokens"
ATTRS = ("ORTH", "LOWER")


def _identity() -> tuple[str, ...]:
    """What the blank pipeline's tokenization depends on: spaCy and medlint's pipeline code."""
    import spacy

    from .. import nlp

    return ("blank-en", spacy.__version__, str(Path(spacy.__file__).parent), buildcache.file_hash(nlp.__file__))


class PhraseTokens:
    """Per attribute, each phrase's token hashes; loaded on first use, saved by ``save``."""

    def __init__(self, nlp: "Language", cached: bool) -> None:
        self.nlp = nlp
        self.cached = cached and not buildcache.disabled()
        self._tables: dict[str, Table] | None = None
        self._added = 0

    def patterns(self, phrases: list[str], attr: str) -> list[tuple[int, ...]]:
        """The token hashes of each phrase for ``attr`` (ORTH or LOWER), in order."""
        table = self._load()[attr]
        missing = [phrase for phrase in dict.fromkeys(phrases) if phrase not in table]
        if missing:
            name = "orth" if attr == "ORTH" else "lower"
            for phrase, doc in zip(missing, self.nlp.tokenizer.pipe(missing)):
                table[phrase] = tuple(getattr(token, name) for token in doc)
            self._added += len(missing)
        return [table[phrase] for phrase in phrases]

    def save(self) -> None:
        """Store the table when this run added phrases to it."""
        if not self.cached or not self._added or self._tables is None:
            return
        tables = self._tables
        if any(len(table) > MAX_PHRASES for table in tables.values()):
            tables = {attr: dict(list(table.items())[-MAX_PHRASES:]) for attr, table in tables.items()}
        buildcache.store(_NAME, _identity(), tables)
        self._added = 0

    def _load(self) -> dict[str, Table]:
        if self._tables is None:
            stored = buildcache.load(_NAME, _identity()) if self.cached else None
            self._tables = stored if _valid(stored) else {attr: {} for attr in ATTRS}
        return self._tables


def _valid(stored: Any) -> bool:
    """A stored table of the expected shape (the checksum of the entry vouches for the rest)."""
    return isinstance(stored, dict) and all(isinstance(stored.get(attr), dict) for attr in ATTRS)
