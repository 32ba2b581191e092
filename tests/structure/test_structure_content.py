"""sources.missing, trust.missing-disclaimer and content.boilerplate in Markdown, HTML and text."""

from __future__ import annotations

import pytest
from structure_helpers import lint, of

from medlint.finding import Severity
from medlint.structure.rules_content import source_links

CONDITION = "---\ntype: condition\n---\n# Asthma\n\nAsthma affects the airways.\n"
DISCLAIMER = "This article is for general information and does not replace advice from your doctor."


# -- sources.missing ----------------------------------------------------------------------------------

def test_no_sources_is_an_error_on_condition_articles_and_a_warning_elsewhere():
    found = of(lint(CONDITION), "sources.missing")
    assert [(f.severity, f.line, f.column) for f in found] == [(Severity.ERROR, 1, 1)]
    general = of(lint("# Water\n\nDrink water.\n"), "sources.missing")
    assert [f.severity for f in general] == [Severity.WARNING]


@pytest.mark.parametrize("text, path", [
    (CONDITION + "\n## References\n\n1. Global Initiative for Asthma. GINA report. 2024.\n", "a.md"),
    (CONDITION + "\nSee the [CDC asthma pages](https://www.cdc.gov/asthma/).\n", "a.md"),
    ("<html><body><p>Asthma affects the airways.</p><h2>Sources</h2><ul><li><a href=\"https://www.nhs.uk/"
     "conditions/asthma/\">NHS: Asthma</a></li></ul></body></html>", "a.html"),
    ("<html><body><p>Asthma affects the airways, says the <a href=\"https://www.who.int/asthma\">WHO</a>."
     "</p></body></html>", "a.html"),
    ("Asthma\n\nAsthma affects the airways.\n\nReferences\n\nhttps://www.nhs.uk/conditions/asthma/\n", "a.txt"),
    ("Asthma\n\nAsthma affects the airways.\n\nBibliography\n\nSmith J, et al. Asthma care. Lancet.\n", "a.txt"),
])
def test_references_or_source_links_satisfy_the_rule(text, path):
    assert of(lint(text, path), "sources.missing") == []


@pytest.mark.parametrize("text, path", [
    (CONDITION + "\n[Share on Facebook](https://www.facebook.com/sharer/sharer.php?u=x) [Top](#top)\n", "a.md"),
    (CONDITION + "\n## References\n\n## Symptoms\n\nWheezing.\n", "a.md"),
    ("<html><body><p>Asthma affects the airways. <a href=\"/asthma/\">More</a> <a href=\"mailto:a@b.org\">Mail</a>"
     " <a href=\"https://twitter.com/intent/tweet?url=x\">Tweet</a></p></body></html>", "a.html"),
    ("Asthma\n\nAsthma affects the airways.\n\nFollow us at https://www.instagram.com/ourclinic\n", "a.txt"),
])
def test_share_links_anchors_and_empty_references_do_not_count(text, path):
    assert of(lint(text, path), "sources.missing")


def test_source_link_filter():
    assert source_links(["https://www.cdc.gov/flu/", "www.nhs.uk/x", "doi:10.1056/NEJMoa1102873"]) == [
        "https://www.cdc.gov/flu/", "www.nhs.uk/x", "doi:10.1056/NEJMoa1102873"]
    assert source_links(["#top", "/local/", "mailto:x@y.z", "https://www.facebook.com/sharer.php?u=1",
                         "https://x.com/intent/post", "https://www.linkedin.com/shareArticle?url=1",
                         "https://pinterest.co.uk/pin/create/"]) == []


# -- trust.missing-disclaimer ------------------------------------------------------------------------

@pytest.mark.parametrize("path, text", [
    ("a.md", "# Flu\n\nThe flu is an illness.\n"),
    ("a.html", "<html><body><p>The flu is an illness.</p></body></html>"),
    ("a.txt", "Flu\n\nThe flu is an illness.\n"),
])
def test_missing_disclaimer_in_each_format(path, text):
    found = of(lint(text, path), "trust.missing-disclaimer")
    assert [(f.severity, f.line) for f in found] == [(Severity.INFO, 1)]


@pytest.mark.parametrize("path, text", [
    ("a.md", f"# Flu\n\nThe flu is an illness.\n\n*{DISCLAIMER}*\n"),
    ("a.md", "# Flu\n\nThe flu is an illness. This page is not a substitute for professional medical advice.\n"),
    ("a.md", "# Flu\n\nFor informational purposes only.\n"),
    ("a.md", "# Flu\n\nConsult your healthcare provider before starting any new medicine.\n"),
    ("a.html", f"<html><body><p>The flu is an illness.</p><p class=\"disclaimer\">{DISCLAIMER}</p></body></html>"),
    ("a.html", "<html><body><p>The flu is an illness.</p><footer>This is not medical advice.</footer>"
               "</body></html>"),
    ("a.txt", f"Flu\n\nThe flu is an illness.\n\n{DISCLAIMER}\n"),
])
def test_disclaimer_phrases_are_recognised(path, text):
    assert of(lint(text, path), "trust.missing-disclaimer") == []


def test_disclaimer_in_a_script_does_not_count():
    html = "<html><body><p>The flu.</p><script>var t = 'not medical advice';</script></body></html>"
    assert of(lint(html, "a.html"), "trust.missing-disclaimer")


# -- content.boilerplate -----------------------------------------------------------------------------

def test_plain_text_scrape_residue_gives_one_finding_per_block():
    text = ("Flu\n\nThe flu is an illness caused by a virus.\n\nShare:\n\nShare on facebook\nFacebook\n"
            "Share on twitter\nTwitter\n\nLeave a Reply\n\nYour email address will not be published. "
            "Required fields are marked *")
    found = of(lint(text, "flu.txt"), "content.boilerplate")
    assert [(f.line, f.column) for f in found] == [(5, 1), (7, 1), (12, 1), (14, 1)]
    assert found[1].message.startswith("'Share on facebook' is page residue")
    assert found[1].message.endswith("(and 1 more in this block)")
    assert found[1].evidence == {"phrases": ["Share on facebook", "Share on twitter"]}
    assert all(f.severity is Severity.WARNING for f in found)


def test_markdown_residue():
    text = ("# Flu\n\nThe flu is an illness. To book a shot, [click here](/book/).\n\n"
            "Sign up for our newsletter!\n\nPosted in Health News\n\nTags: flu, vaccines\n\n## Related posts\n\n"
            "- [Colds](/colds/)\n")
    found = of(lint(text), "content.boilerplate")
    assert [f.message.split("'")[1] for f in found] == ["click here", "Sign up for our newsletter", "Posted in",
                                                        "Tags:", "Related posts"]
    assert (found[0].line, found[0].column, found[0].end_column) == (3, 41, 51)


def test_html_residue_in_the_body_but_not_in_page_furniture():
    html = ("<html><body><nav>Share on Facebook</nav><div class=\"cookies\">We use cookies to improve your visit. "
            "<button>Accept</button></div><article><p>The flu is an illness.</p></article>"
            "<form><p>Leave a Reply</p></form><footer>Follow us on Twitter</footer></body></html>")
    found = of(lint(html, "a.html"), "content.boilerplate")
    assert [f.message.split("'")[1] for f in found] == ["We use cookies"]


@pytest.mark.parametrize("text", [
    "Do not share cups or towels with someone who has the flu.",
    "The study was posted in a public archive before peer review.",
    "Leave a gap of four weeks between the two doses.",
    "Email your doctor if the rash spreads.",
    "Doctors use tests to find out which cookies, if any, trigger the allergy.",
])
def test_ordinary_sentences_are_not_residue(text):
    assert of(lint(f"# Flu\n\n{text}\n"), "content.boilerplate") == []


# -- page residue is not prose ------------------------------------------------------------------

def _all_rules(text: str, path: str = "post.txt"):
    from medlint.linter import Source, lint_sources

    return lint_sources([Source(path, text.encode("utf-8"))])[0]


RESIDUE_POST = ("Flu basics\n\nThe flu is an illness caused by a virus. Rest and drink water.\n\n"
                "Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n\n"
                "We use cookies to give you a guaranteed, revolutionary experience. Accept\n")


def test_residue_blocks_get_no_prose_findings():
    result = _all_rules(RESIDUE_POST)
    residue_lines = {5, 7, 9}
    assert {f.line for f in result.findings if f.rule == "content.boilerplate"} == residue_lines
    prose = [f for f in result.findings if f.line in residue_lines and f.rule != "content.boilerplate"]
    assert prose == []  # no passive voice ("will not be published"), no hype ("revolutionary")
    # the same sentences in the article's own paragraph are prose
    own = RESIDUE_POST.replace("Rest and drink water.", "Rest and drink water. Shots are given by nurses. "
                               "It is a revolutionary vaccine.")
    rules = {f.rule for f in _all_rules(own).findings if f.line == 3}
    assert {"plain-language.passive-voice", "claims.hype"} <= rules


def test_click_here_in_an_article_paragraph_leaves_it_prose():
    text = ("Flu basics\n\nThe flu shot is given by a nurse in a few minutes, and it is a revolutionary "
            "idea. To find a clinic, click here.\n")
    result = _all_rules(text)
    rules = {f.rule for f in result.findings if f.line == 3}
    assert {"content.boilerplate", "plain-language.passive-voice", "claims.hype"} <= rules


def test_readability_counts_no_residue():
    with_residue = _all_rules(RESIDUE_POST).metrics["readability"]["words"]
    without = _all_rules(RESIDUE_POST.split("\n\nLeave a Reply")[0] + "\n").metrics["readability"]["words"]
    assert with_residue == without
