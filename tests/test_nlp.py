"""The process pipeline: blank English, offline, and spaCy loaded without its command-line package."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_pipeline_loads_without_spacy_cli_and_cli_still_imports_later():
    out = run(
        "import sys\n"
        "from medlint.nlp import get_pipeline\n"
        "nlp = get_pipeline()\n"
        "print('cli' if 'spacy.cli' in sys.modules else 'no-cli')\n"
        "print('|'.join(s.text for s in nlp('One here. Two there.').sents))\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.download))\n"
    )
    assert out.split() == ["no-cli", "One", "here.|Two", "there.", "True"]


def test_pipeline_is_blank_english_with_sentences_and_built_once():
    from medlint.nlp import get_pipeline

    nlp = get_pipeline()
    assert nlp.lang == "en" and nlp.pipe_names == ["sentencizer"]
    assert get_pipeline() is nlp


def test_nothing_touches_the_network(monkeypatch):
    """Lint a whole article, readability included, with sockets refusing to connect."""
    import socket

    from medlint.linter import lint

    def refuse(*args, **kwargs):
        raise AssertionError("medlint tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    text = "# Flu shots\n\n" + "Most adults should get a flu shot every year before winter starts. " * 40
    findings = lint(text, "flu.md")
    assert any(f.rule.startswith("readability.") or f.rule.startswith("sections.") for f in findings)


SENTENCE_TEXTS = [
    "Hello there. This is Dr. Smith!  Yes.",
    "No full stop at all",
    "",
    "e.g. this one... and (that one.) Then \u201cquoted.\u201d After? Yes!! No",
    "A\nline break. Tabs\tand\u00a0spaces . Odd ! spacing ?",
    "3.5 mg. twice daily.It ends. ",
]


def _sentence_spans(doc):
    return [(s.start_char, s.end_char) for s in doc.sents]


def test_kept_sentence_flags_give_the_same_sentences_as_spacy():
    """Sentences read from the flags the sentencizer keeps equal spaCy's own ``doc.sents``."""
    from pathlib import Path

    from medlint.engine.context import LintContext
    from medlint.nlp import SENTENCE_STARTS, get_pipeline

    root = Path(__file__).resolve().parents[1] / "corpora"
    texts = SENTENCE_TEXTS + [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))]
    docs = list(get_pipeline().pipe(texts))
    assert all(SENTENCE_STARTS in doc.user_data for doc in docs)
    ctx = LintContext(document=None, docs=docs, hub=None, today=None)  # type: ignore[arg-type]
    for index, doc in enumerate(docs):
        assert ctx.sentences(index) == _sentence_spans(doc), texts[index]
        longest = max((len(s) for s in doc.sents), default=0)
        for limit in {0, 1, longest - 1, longest, longest + 1} - {-1}:
            expected = [index] if longest > limit else []
            assert ctx.with_sentence_longer_than([index], limit) == expected, (texts[index], limit)
    # a Doc without the kept flags (a model's parser made its sentences) falls back to doc.sents
    bare = get_pipeline().make_doc("One here. Two there.")
    get_pipeline().get_pipe("sentencizer")(bare)
    del bare.user_data[SENTENCE_STARTS]
    ctx = LintContext(document=None, docs=[bare], hub=None, today=None)  # type: ignore[arg-type]
    assert ctx.sentences(0) == _sentence_spans(bare) == [(0, 9), (10, 20)]
    assert ctx.with_sentence_longer_than([0], 2) == [0] and ctx.with_sentence_longer_than([0], 3) == []


def test_a_sentence_never_has_more_words_than_tokens():
    """What lets readability.long-sentence skip blocks by token counts alone."""
    import random

    from medlint.nlp import get_pipeline
    from medlint.readability.counts import word_count

    pieces = ["word", "it's", "-", "\u2014", "(a", "b)", "Dr.", "3.5", ".", "!", "?", "\u201cq\u201d", "x-y",
              "_", "...", "a/b", "#1", "caf\u00e9"]
    gaps = [" ", " ", "  ", "\n", "\t", "\u00a0", ""]
    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) + rng.choice(gaps) for _ in range(rng.randint(1, 40)))
             for _ in range(400)]
    for doc in get_pipeline().pipe(texts):
        for sentence in doc.sents:
            assert word_count(sentence.text) <= len(sentence), sentence.text


def test_matched_lists_the_blocks_a_key_matched_like_asking_block_by_block():
    """``LintContext.matched`` is ``matches(i).get(key)`` over many blocks, phrase keys and
    lazily searched regex keys alike."""
    from medlint.engine.context import LintContext
    from medlint.engine.matching import MatcherHub, PatternSpec
    from medlint.nlp import get_pipeline

    nlp = get_pipeline()
    hub = MatcherHub(nlp)
    hub.add("test.phrase", PatternSpec(["miracle cure"], [], [], ignorecase=True, lemma=False))
    hub.add("test.regex", PatternSpec([], [r"\d+ ?%"], [], ignorecase=True))
    texts = ["A miracle cure.", "Nothing here.", "Cuts risk by 50%.", "Miracle Cure at 20 %!", ""]
    docs = list(nlp.pipe(texts))

    document = type("D", (), {"blocks": [type("B", (), {"text": text})() for text in texts]})()

    def context():
        return LintContext(document=document, docs=docs, hub=hub, today=None)  # type: ignore[arg-type]

    for key in ("test.phrase", "test.regex", "test.unknown"):
        one_by_one = context()
        expected = [(i, one_by_one.matches(i).get(key)) for i in range(len(texts))]
        expected = [(i, spans) for i, spans in expected if spans]
        assert context().matched(key, range(len(texts))) == expected
        assert context().matched(key, [3, 0]) == [pair for i in (3, 0) for pair in expected if pair[0] == i]
    assert [i for i, _ in context().matched("test.regex", range(5))] == [2, 3]
    assert [i for i, _ in context().matched("test.phrase", range(5))] == [0, 3]


def test_a_block_over_a_million_characters_is_linted_not_a_crash():
    """spaCy refuses texts over ``nlp.max_length`` (1,000,000); a plain-text file with no blank
    line is one block, so the blank pipeline lifts the limit."""
    from medlint.linter import lint

    sentence = "Take your medicine every day with a miracle cure. "
    text = sentence * (1_000_000 // len(sentence) + 10)
    findings = lint(text, "long.txt")
    hype = [f for f in findings if f.rule == "claims.hype"]
    assert len(hype) == text.count("miracle cure")
    assert hype[-1].column == text.rindex("miracle") + 1


def test_a_model_pipeline_reads_an_over_long_block_with_its_tokenizer(tmp_path):
    """A configured model keeps spaCy's limit; a longer block is tokenized by the model and
    split by the blank sentencizer, with the same findings as the blank pipeline gives."""
    import spacy

    from medlint.config import Config
    from medlint.linter import lint
    from medlint.nlp import get_pipeline

    model = tmp_path / "tiny_model"
    spacy.blank("en").to_disk(model)
    get_pipeline(str(model)).max_length = 200  # a pipeline of this test's own: no need to restore
    text = "# Pills\n\nShort one here.\n\n" + "A miracle cure is sold here today. " * 20 + "\n"
    config = Config(root=tmp_path)
    config.nlp_model = str(model)
    with_model = [(f.rule, f.line, f.column) for f in lint(text, "a.md", config)]
    blank = [(f.rule, f.line, f.column) for f in lint(text, "a.md")]
    assert with_model == blank
    assert sum(rule == "claims.hype" for rule, _, _ in with_model) == 20
