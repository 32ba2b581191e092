"""metadata.missing-field, metadata.stale-review and metadata.invalid-date with a fixed today."""

from __future__ import annotations

import datetime

import pytest
from structure_helpers import TODAY, lint, messages, of

from medlint.finding import Severity
from medlint.structure.dates import add_months, months_between, parse_date

BODY = "The flu is an illness caused by a virus.\n"
FULL_FRONT = ("---\nauthor: Elena Ortiz\nmedical_reviewer: Samuel Okafor, MD\npublished: 2025-06-02\n"
              "last_reviewed: 2026-05-14\n---\n")


ORDER = ["author", "reviewer", "published", "last-reviewed"]


def fields(findings) -> list[str]:
    found = [f.evidence["field"] for f in of(findings, "metadata.missing-field") if f.evidence]
    return sorted(found, key=ORDER.index)


def test_complete_front_matter_has_no_metadata_findings():
    found = lint(FULL_FRONT + BODY)
    assert [f for f in found if f.rule.startswith("metadata.")] == []


def test_every_missing_field_is_reported_in_markdown():
    found = lint("# Flu\n\n" + BODY)
    assert fields(found) == ["author", "reviewer", "published", "last-reviewed"]
    assert all((f.line, f.column) == (1, 1) for f in of(found, "metadata.missing-field"))
    assert "no author: add 'author:' to the front matter or a byline such as 'By Jane Doe'" in messages(
        found, "metadata.missing-field")


def test_missing_review_date_is_an_error_on_condition_and_treatment_articles():
    for kind, level in (("condition", Severity.ERROR), ("treatment", Severity.ERROR),
                        ("news", Severity.WARNING), ("general", Severity.WARNING)):
        found = lint(f"---\ntype: {kind}\nauthor: A B\n---\n" + BODY)
        review = [f for f in of(found, "metadata.missing-field") if f.evidence == {"field": "last-reviewed"}]
        assert [f.severity for f in review] == [level], kind
        author = [f for f in of(found, "metadata.missing-field") if f.evidence == {"field": "published"}]
        assert author[0].severity is Severity.WARNING


def test_reviewer_without_credential_is_reported_at_its_key():
    text = FULL_FRONT.replace("Samuel Okafor, MD", "Samuel Okafor") + BODY
    found = of(lint(text), "metadata.missing-field")
    assert len(found) == 1
    assert found[0].line == 3
    assert "medical reviewer 'Samuel Okafor' has no credential" in found[0].message


@pytest.mark.parametrize("reviewer", ["'Dr. Ann Lee'", "Ann Lee, PharmD", "Ann Lee, M.D., MPH",
                                      "{name: Ann Lee, credentials: RN}", "[Ann Lee, 'Bo Ek, PhD']"])
def test_reviewer_credential_forms(reviewer):
    text = FULL_FRONT.replace("Samuel Okafor, MD", reviewer) + BODY
    assert of(lint(text), "metadata.missing-field") == []


def test_configured_front_matter_keys_are_read(tmp_path):
    from structure_helpers import config

    text = "---\nwriter_name: A B\nexpert: C D, MD\nfirst_out: 2025-01-01\nchecked: 2026-01-01\n---\n" + BODY
    assert len(of(lint(text), "metadata.missing-field")) == 4
    cfg = config(tmp_path, {"metadata": {"fields": {"author": ["writer_name"], "reviewer": ["expert"],
                                                    "published": ["first_out"], "last-reviewed": ["checked"]}}})
    assert of(lint(text, str(tmp_path / "a.md"), cfg), "metadata.missing-field") == []


def test_required_fields_are_configurable(tmp_path):
    from structure_helpers import config

    cfg = config(tmp_path, {"metadata": {"required": ["author"]}})
    found = lint("# Flu\n\n" + BODY, str(tmp_path / "a.md"), cfg)
    assert fields(found) == ["author"]


# -- bylines in the three formats ---------------------------------------------------------------------

def test_plain_text_bylines():
    text = ("Flu Basics\n\nBy Nadia Brooks\nPublished: 2025-10-01\nReviewed by Thomas Reyes, MD on 2026-02-01\n\n"
            + BODY)
    found = lint(text, "flu.txt")
    assert [f for f in found if f.rule.startswith("metadata.")] == []


def test_html_meta_byline_and_time_elements():
    html = ('<html><head><meta name="author" content="Marcus Lee"></head><body><h1>Flu</h1>'
            '<p>Medically reviewed by Grace Whitman, RN. Published <time datetime="2025-09-10">September 10, 2025'
            '</time>. Last reviewed <time datetime="2026-03-02">last spring</time>.</p><p>Text.</p></body></html>')
    found = lint(html, "flu.html")
    assert [f for f in found if f.rule.startswith("metadata.")] == []
    stale = lint(html.replace("2026-03-02", "2023-03-02"), "flu.html")
    assert [f.message.split(",")[0] for f in of(stale, "metadata.stale-review")] == ["last reviewed 2023-03-02"]


def test_html_itemprop_and_meta_dates():
    html = ('<html><head><meta name="author" content="M L"><meta name="reviewed-by" content="G W, RN">'
            '<meta property="article:published_time" content="2025-09-10"></head><body><p>Text.</p>'
            '<p>Updated <time itemprop="lastReviewed" datetime="2026-03-02">recently</time></p></body></html>')
    found = lint(html, "flu.html")
    assert [f for f in found if f.rule.startswith("metadata.")] == []


def test_markdown_byline_in_the_body():
    text = ("# Flu\n\n*By Nadia Brooks. Medically reviewed by Dr. Thomas Reyes. Published March 2, 2025. "
            "Last updated: 2 March 2026.*\n\n" + BODY)
    found = lint(text)
    assert [f for f in found if f.rule.startswith("metadata.")] == []


def test_prose_is_not_mistaken_for_a_byline():
    text = ("# Flu\n\nBy March 2026, the season will be over. The study, published in a journal, was reviewed by "
            "experts.\n\nBy HIV standards this is rare.\n\nBy contrast, colds are mild.\n")
    assert fields(lint(text)) == ["author", "reviewer", "published", "last-reviewed"]


# -- stale review with a fixed today -------------------------------------------------------------------

def test_review_within_the_limit_is_fine_and_older_is_a_warning_then_an_error():
    recent = lint("---\nlast_reviewed: 2024-11-27\n---\n" + BODY)
    assert of(recent, "metadata.stale-review") == []
    stale = of(lint("---\nlast_reviewed: 2024-01-15\n---\n" + BODY), "metadata.stale-review")
    assert [(f.severity, f.line) for f in stale] == [(Severity.WARNING, 2)]
    assert stale[0].message.startswith("last reviewed 2024-01-15, 34 months before 2026-11-26")
    ancient = of(lint("---\nlast_reviewed: 2022-11-25\n---\n" + BODY), "metadata.stale-review")
    assert [f.severity for f in ancient] == [Severity.ERROR]


def test_stale_review_depends_on_today():
    text = "---\nlast_reviewed: 2024-01-15\n---\n" + BODY
    assert of(lint(text, today=datetime.date(2025, 6, 1)), "metadata.stale-review") == []
    assert of(lint(text, today=datetime.date(2026, 1, 16)), "metadata.stale-review")


def test_published_date_stands_in_when_never_reviewed_and_updates_count():
    found = of(lint("---\ndate: 2020-03-01\n---\n" + BODY), "metadata.stale-review")
    assert found and found[0].message.startswith("never reviewed; published 2020-03-01, 80 months")
    updated = of(lint("---\nupdated: 2023-01-01\n---\n" + BODY), "metadata.stale-review")
    assert updated[0].message.startswith("last updated 2023-01-01")


def test_review_age_is_configurable_per_glob(tmp_path):
    from structure_helpers import config

    cfg = config(tmp_path, {"metadata": {"max-review-age-months": 36},
                            "overrides": [{"files": ["news/**"], "metadata": {"max-review-age-months": 6}}]})
    text = "---\nlast_reviewed: 2026-01-15\n---\n" + BODY
    assert of(lint(text, str(tmp_path / "a.md"), cfg), "metadata.stale-review") == []
    news = of(lint(text, str(tmp_path / "news" / "a.md"), cfg), "metadata.stale-review")
    assert len(news) == 1 and "every 6 months" in news[0].message
    old = "---\nlast_reviewed: 2024-01-15\n---\n" + BODY
    assert of(lint(old, str(tmp_path / "a.md"), cfg), "metadata.stale-review") == []


def test_stale_review_in_plain_text_byline_points_at_the_date():
    text = "Flu Basics\n\nLast reviewed: March 2, 2019\n\n" + BODY
    found = of(lint(text, "flu.txt"), "metadata.stale-review")
    assert [(f.line, f.column, f.severity) for f in found] == [(3, 16, Severity.ERROR)]


# -- invalid dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, problem", [
    ("03/02/2026", "is ambiguous"), ("'next week'", "is not a date medlint can read"),
    ("2026-02-30", "is not a real calendar date"), ("2027-01-01", "is in the future (today is 2026-11-26)"),
    ("2024", "is not a date")])
def test_invalid_front_matter_dates(value, problem):
    found = of(lint(f"---\ntitle: Flu\nlast_reviewed: {value}\n---\n" + BODY), "metadata.invalid-date")
    assert len(found) == 1
    assert found[0].line == 3 and found[0].severity is Severity.ERROR
    assert problem in found[0].message and "in 'last_reviewed'" in found[0].message


def test_invalid_dates_in_plain_text_and_html():
    text = of(lint("Flu Basics\n\nPublished: 13/13/2026\n\n" + BODY, "flu.txt"), "metadata.invalid-date")
    assert [(f.line, f.column) for f in text] == [(3, 12)]
    html = ('<html><body><p>Published <time datetime="2030-01-01">soon</time>.</p><p>Text.</p></body></html>')
    found = of(lint(html, "a.html"), "metadata.invalid-date")
    assert len(found) == 1 and "in the future" in found[0].message


def test_future_review_date_is_not_also_stale_and_valid_dates_pass():
    found = lint("---\npublished: 2026-11-26\nlast_reviewed: November 26, 2026\n---\n" + BODY)
    assert of(found, "metadata.invalid-date") == [] and of(found, "metadata.stale-review") == []


def test_date_helpers():
    assert parse_date("2 March 2026").value == datetime.date(2026, 3, 2)
    assert parse_date("Sept. 3rd, 2025").value == datetime.date(2025, 9, 3)
    assert parse_date("2026-03-02T10:00:00Z").value == datetime.date(2026, 3, 2)
    assert parse_date("March 2026").value == datetime.date(2026, 3, 1)
    assert parse_date("03/02/2026").value is None
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert months_between(datetime.date(2024, 1, 15), TODAY) == 34


@pytest.mark.parametrize("path, text, missing", [
    ("a.html", '<html><head><meta name="author" content="M L"></head><body><p>Text.</p></body></html>',
     ["reviewer", "published", "last-reviewed"]),
    ("a.html", "<html><body><p>By Marcus Lee. Reviewed by Grace Whitman.</p><p>Text.</p></body></html>",
     ["published", "last-reviewed"]),
    ("a.txt", "Flu Basics\n\nBy Nadia Brooks\n\nThe flu is an illness.\n", ["reviewer", "published", "last-reviewed"]),
    ("a.txt", "Flu Basics\n\nPublished: 2025-10-01\n\nThe flu is an illness.\n", ["author", "reviewer", "last-reviewed"]),
])
def test_missing_fields_in_html_and_plain_text(path, text, missing):
    assert fields(lint(text, path)) == missing


def test_reviewer_without_credential_in_html_byline_points_at_the_name():
    html = "<html><body>\n<p>Reviewed by Grace Whitman.</p><p>Text.</p></body></html>"
    found = of(lint(html, "a.html"), "metadata.missing-field")
    credential = [f for f in found if "has no credential" in f.message]
    assert [(f.line, f.column) for f in credential] == [(2, 16)]
    assert "medical reviewer 'Grace Whitman' has no credential" in credential[0].message
