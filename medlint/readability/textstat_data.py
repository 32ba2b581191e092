"""What medlint takes from textstat's files, kept in the build cache.

medlint counts and scores the way textstat 0.7.8 does, with three pieces of its data: the
Dale-Chall list of easy words, the pattern of the apostrophes its punctuation removal drops, and
the Flesch reading-ease constants. Importing textstat to read them costs about 30 ms of a cold
run, so they are read through textstat once and stored in the build cache
(``medlint.buildcache``), under the contents of the textstat files that hold them.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

from .. import buildcache

LANG = "en_US"
#: textstat's files that hold or read the data, relative to its package folder
_SOURCES = ("resources/en/easy_words.txt", "backend/utils/constants.py", "backend/utils/_get_lang_easy_words.py",
            "backend/utils/_get_lang_root.py")


@functools.lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """``easy``: the easy words; ``apostrophe``: the regex of apostrophes that start no
    contraction; ``flesch``: (base, weight of sentence length, weight of syllables per word)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        return _build()  # no textstat to key by: read it (and fail) the usual way
    root = Path(next(iter(spec.submodule_search_locations)))
    key = (str(root), tuple(buildcache.file_hash(root / name) for name in _SOURCES), buildcache.file_hash(__file__))
    return buildcache.cached("textstat-data", key, _build, _valid)


def _build() -> dict[str, Any]:
    from textstat.backend.utils import get_lang_easy_words
    from textstat.backend.utils.constants import LANG_CONFIGS, RE_NONCONTRACTION_APOSTROPHE

    english = LANG_CONFIGS["en"]
    return {"easy": sorted(get_lang_easy_words(LANG)), "apostrophe": RE_NONCONTRACTION_APOSTROPHE,
            "flesch": (english["fre_base"], english["fre_sentence_length"], english["fre_syll_per_word"])}


def _valid(value: Any) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("easy"), list)
            and all(isinstance(word, str) for word in value["easy"])
            and isinstance(value.get("apostrophe"), str)
            and isinstance(value.get("flesch"), tuple) and len(value["flesch"]) == 3)
