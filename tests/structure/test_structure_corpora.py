"""The seed article and the corpus: what the structure rules report on real-looking articles."""

from __future__ import annotations

import pytest
from structure_helpers import ARTICLES, SEED, lint, messages, missing_sections, of

from medlint.finding import Severity

GOOD = ["liver-cancer-treatment-options.md", "high-blood-pressure.html", "flu-vaccine-basics.txt"]


@pytest.mark.parametrize("name", GOOD)
def test_good_corpus_articles_get_no_finding_from_the_structure_rules(name):
    path = ARTICLES / name
    found = lint(path.read_text(encoding="utf-8"), str(path))
    assert [f for f in found if f.severity is Severity.ERROR] == []
    assert found == [], [f"{f.line}: {f.rule} {f.message}" for f in found]


@pytest.fixture(scope="module")
def seed():
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return lint(SEED.read_text(encoding="utf-8"), str(SEED))


def test_seed_is_a_treatment_article_missing_references_risks_and_doctor(seed):
    missing = missing_sections(seed)
    assert {"references", "risks", "when-to-see-a-doctor"} <= missing
    text = messages(seed, "sections.missing")
    assert "inferred as treatment because " in text and "the title names 'immunotherapy'" in text
    assert "missing section 'Risks and side effects'" in text
    assert "missing section 'When to call your doctor'" in text and "'When to see a doctor'" in text
    # the seed does not say what it is, so a missing section is a warning, not an error
    assert all(f.severity is Severity.WARNING for f in of(seed, "sections.missing"))
    assert [f.severity for f in of(seed, "sources.missing")] == [Severity.WARNING]


def test_seed_with_its_type_declared_gets_errors():
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    declared = lint("---\ntype: treatment\n---\n" + SEED.read_text(encoding="utf-8"), "seed.md")
    assert {"references", "risks", "when-to-see-a-doctor"} <= missing_sections(declared)
    assert all(f.severity is Severity.ERROR for f in of(declared, "sections.missing"))
    assert [f.severity for f in of(declared, "sources.missing")] == [Severity.ERROR]


def test_seed_lacks_author_reviewer_and_dates(seed):
    fields = {f.evidence["field"]: f.severity for f in of(seed, "metadata.missing-field")}
    # every field is missing; none is an error while the article's type is only inferred
    assert fields == {"author": Severity.WARNING, "reviewer": Severity.WARNING, "published": Severity.WARNING,
                      "last-reviewed": Severity.WARNING}


def test_seed_share_and_comment_residue_at_its_end(seed):
    residue = of(seed, "content.boilerplate")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first_share = next(i for i, line in enumerate(lines, 1) if line.startswith("Share"))
    assert residue and all(f.line >= first_share for f in residue)
    quoted = [f.message.split("'")[1] for f in residue]
    assert "Share on facebook" in quoted and "Leave a Reply" in quoted
    assert "Your email address will not be published" in quoted
    assert len(residue) == 4  # one per block: "Share:", the share buttons, "Leave a Reply", the form note


def test_seed_has_no_disclaimer(seed):
    assert len(of(seed, "trust.missing-disclaimer")) == 1


def test_bad_corpus_articles():
    news = lint((ARTICLES / "lung-screening-news.md").read_text(encoding="utf-8"), "lung-screening-news.md")
    assert missing_sections(news) == {"availability"}
    stale = of(news, "metadata.stale-review")
    assert [(f.line, f.severity) for f in stale] == [(7, Severity.WARNING)]

    colorectal = lint((ARTICLES / "colorectal-screening.html").read_text(encoding="utf-8"), "colorectal.html")
    assert missing_sections(colorectal) == {"causes", "diagnosis", "treatment", "when-to-see-a-doctor", "references"}
    residue = {f.message.split("'")[1] for f in of(colorectal, "content.boilerplate")}
    assert residue == {"We use cookies", "click here"}

    old = lint((ARTICLES / "liver-cancer-immunotherapy-2020.md").read_text(encoding="utf-8"), "old.md")
    assert {"risks", "references"} <= missing_sections(old)
    assert [f.severity for f in of(old, "metadata.stale-review")] == [Severity.ERROR]

    zantac = lint((ARTICLES / "zantac-heartburn.txt").read_text(encoding="utf-8"), "zantac.txt")
    assert "inferred as treatment because the title names 'zantac', and the heading 'How Ranitidine Works'" \
        in messages(zantac, "sections.missing")
    assert len(of(zantac, "content.boilerplate")) == 2
