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
