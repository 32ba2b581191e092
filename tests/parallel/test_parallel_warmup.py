"""The fork server's warm-up builds, once, what every worker would otherwise build again on first
use: the claim patterns, the approval index and the syllable dictionary's index."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from medlint.claims.lazyre import compile_all, lazy_compile
from medlint.readability import syllables
from medlint.readability.syllables import _Dictionary, _dictionary


def test_compile_all_compiles_every_pattern_made_so_far() -> None:
    made = [lazy_compile(r"\bfda[- ]approved\b", re.IGNORECASE), lazy_compile(r"(?P<year>\d{4})")]
    assert all("_compiled" not in vars(pattern) for pattern in made)
    compile_all()
    for pattern in made:
        assert "_compiled" in vars(pattern)
        assert pattern.compiled.pattern == pattern.pattern
    assert made[0].search("It is FDA-Approved.").group() == "FDA-Approved"
    assert made[1].groupindex == {"year": 1}


def test_a_dictionary_indexed_at_once_answers_as_one_searched_word_by_word() -> None:
    data = _dictionary().data
    searched, indexed = _Dictionary(data), _Dictionary(data)
    indexed.index_now()
    assert indexed.index is not None and searched.index is None
    # first and last entries, words with alternative pronunciations ("(2)"), cmudict's swapped
    # neighbours, apostrophes, and words it lacks
    words = [b"a", b"zywicki", b"read", b"tomato", b"either", b"sepulveda", b"sepultura", b"stilton", b"stilted",
             b"o'brien", b"semaglutide", b"", b"zzzzzz", b"aaaaab"]
    words += [line.split(b" ", 1)[0] for line in data.splitlines()[::997] if b"(" not in line.split(b" ", 1)[0]]
    for word in words:
        assert indexed.phones(word) == searched.phones(word), word
    assert searched.index is None  # still searching: fewer lookups than FULL_INDEX_AFTER


def test_index_dictionary_keeps_every_count() -> None:
    words = ["approved", "semaglutide", "diabetes", "medication", "the", "hypertension", "everyday"]
    before = {}
    for word in words:
        syllables._cache.pop(word, None)
        before[word] = syllables.syllables(word)
    syllables.index_dictionary()
    assert _dictionary().index is not None
    for word in words:
        syllables._cache.pop(word, None)
        assert syllables.syllables(word) == before[word], word


def test_the_warm_up_leaves_the_shared_data_built_and_frozen() -> None:
    # in a process of its own, as the fork server runs it
    script = textwrap.dedent("""
        import gc
        from medlint import parallel
        from medlint.claims import lazyre
        from medlint.kb.approvals import load_index
        from medlint.readability.syllables import _dictionary
        parallel.warm_up()
        print(load_index.cache_info().currsize, _dictionary().index is not None,
              all("_compiled" in vars(p) for p in lazyre._made), len(lazyre._made) > 60,
              gc.get_freeze_count() > 0, gc.isenabled())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "True", "True", "True", "True", "True"]
