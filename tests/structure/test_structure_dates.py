"""Dates and people as site generators and page markup write them: Jekyll, Hugo (YAML and TOML),
Docusaurus, Astro, Eleventy, MkDocs front matter; schema.org JSON-LD and <meta property> in HTML.
A page that states an old date is stale, not "missing" a date."""

from __future__ import annotations

import pytest
from structure_helpers import TODAY, lint, of

from medlint.document import parse_document
from medlint.finding import Severity
from medlint.linter import Source, lint_sources

BODY = "The flu is an illness caused by a virus.\n"


def stale(findings):
    return [(f.line, f.column, f.severity, f.message.rsplit(";", 1)[0]) for f in of(findings, "metadata.stale-review")]


def missing(findings) -> set[str]:
    return {f.evidence["field"] for f in of(findings, "metadata.missing-field") if f.evidence}


@pytest.mark.parametrize("key", ["lastupdate", "last_updated", "last_update", "lastmod", "last_modified_at",
                                 "updated", "modified", "updatedDate", "lastUpdated", "updated_at"])
def test_update_keys_date_the_page(key):
    found = lint(f"---\ntitle: Flu\n{key}: 2017-06-28\n---\n" + BODY)
    assert stale(found) == [(3, 1, Severity.ERROR, "last updated 2017-06-28, 112 months before 2026-11-26")]
    assert "last-reviewed" not in missing(found)


@pytest.mark.parametrize("key", ["date", "pubDate", "publishDate", "datePublished", "created_at"])
def test_publication_keys_stand_in_for_a_review(key):
    found = lint(f"---\n{key}: 2020-03-01\n---\n" + BODY)
    assert [s[3] for s in stale(found)] == ["never reviewed; published 2020-03-01, 80 months before 2026-11-26"]
    assert "published" not in missing(found)


def test_hugo_toml_front_matter():
    text = '+++\ntitle = "Flu"\ndate = 2019-01-10\nlastmod = 2019-02-01\nauthor = "Ann Lee"\n+++\n' + BODY
    document = parse_document(text, "flu.md")
    assert document.metadata["title"] == "Flu" and document.metadata_lines["lastmod"] == 4
    assert document.blocks[0].text == BODY.strip()
    found = lint(text)
    assert stale(found) == [(4, 1, Severity.ERROR, "last updated 2019-02-01, 93 months before 2026-11-26")]
    assert not {"author", "published", "last-reviewed"} & missing(found)


@pytest.mark.parametrize("front, line, words", [
    ('+++\ntitle = "Flu\n+++\n', 2, "front matter is not valid TOML"),
    ('+++\ntitle = "Flu"\n', 1, "never closed with '+++'"),
])
def test_broken_toml_front_matter_is_reported_with_its_line(front, line, words):
    result = lint_sources([Source("flu.md", (front + BODY).encode("utf-8"))], today=TODAY)[0]
    found = of(result.findings, "document.front-matter-invalid")
    assert len(found) == 1 and found[0].line == line and words in found[0].message


def test_docusaurus_last_update_mapping():
    found = lint("---\nlast_update:\n  date: 2018-05-01\n  author: Ann Lee\n---\n" + BODY)
    assert [s[:3] for s in stale(found)] == [(2, 1, Severity.ERROR)]


def test_quoted_keys_are_found_where_they_are():
    found = lint('---\ntitle: Flu\n"last_updated": 2017-06-28\n---\n' + BODY)
    assert [s[:2] for s in stale(found)] == [(3, 1)]


JSON_LD = """<html><head>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "MedicalWebPage",
 "datePublished": "2018-01-02",
   "dateModified": "2019-03-04",
 "author": {"@type": "Person", "name": "Ann Lee"},
 "reviewedBy": {"@type": "Person", "name": "Bo Ek", "honorificSuffix": "MD"}}
</script></head>
<body><h1>Flu</h1><p>The flu is an illness caused by a virus.</p></body></html>
"""


def test_json_ld_dates_and_people_with_positions():
    found = lint(JSON_LD, "flu.html")
    assert stale(found) == [(5, 4, Severity.ERROR, "last updated 2019-03-04, 92 months before 2026-11-26")]
    assert missing(found) == set()
    document = parse_document(JSON_LD, "flu.html")
    assert document.metadata["reviewedBy"] == "Bo Ek, MD"
    assert "schema.org" not in " ".join(b.text for b in document.blocks)


def test_broken_json_ld_is_ignored():
    broken = JSON_LD.replace('"2019-03-04",', '"2019-03-04"')
    found = lint(broken, "flu.html")
    assert stale(found) == [] and "last-reviewed" in missing(found)


def test_article_modified_time_meta_property():
    text = ('<html><head>\n  <meta property="article:modified_time" content="2018-07-01T10:00:00Z">\n</head>'
            '<body><p>The flu is an illness caused by a virus.</p></body></html>\n')
    assert stale(lint(text, "flu.html")) == [(2, 3, Severity.ERROR, "last updated 2018-07-01, 100 months before "
                                                                     "2026-11-26")]


def test_a_date_alone_at_the_end_of_the_page_is_its_last_update():
    text = "Flu\n\nThe flu is an illness caused by a virus. Rest and drink water.\n\nSeptember 2014\n"
    found = lint(text, "flu.txt")
    assert stale(found) == [(5, 1, Severity.ERROR, "last updated 2014-09-01, 146 months before 2026-11-26")]
    middle = "Flu\n\nSeptember 2014\n\nThe flu is an illness.\n\nRest.\n\nDrink water.\n"
    assert stale(lint(middle, "flu.txt")) == []


def test_template_tags_of_a_site_generator_are_not_prose():
    text = ("---\ntitle: Flu\n---\n{% include breadcrumbs.html %}\n\nThe flu is an illness {{ page.note }} "
            "caused by a virus.\n\n{{< figure src=\"flu.png\" >}}\n")
    document = parse_document(text, "flu.md")
    assert [b.text for b in document.prose_blocks()] == ["The flu is an illness  caused by a virus."]
    block = document.prose_blocks()[0]
    assert text[block.offsets[0]:block.offsets[0] + 3] == "The"
