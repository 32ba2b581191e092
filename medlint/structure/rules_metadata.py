"""metadata.missing-field, metadata.stale-review and metadata.invalid-date."""

from __future__ import annotations

from typing import Iterable

from ..engine.rule import SeverityChange, register
from ..finding import Finding, Severity
from .analysis import analyze
from .dates import add_months, months_between
from .metadata import DATE_FIELDS, FIELD_NAMES, Found
from .rules_sections import StructureRule

HOW_TO_ADD = {
    "author": "add 'author:' to the front matter or a byline such as 'By Jane Doe'",
    "reviewer": "add 'medical_reviewer: Jane Doe, MD' to the front matter or a line such as "
                "'Medically reviewed by Jane Doe, MD'",
    "published": "add 'published: 2026-01-15' to the front matter or a line such as 'Published: January 15, 2026'",
    "last-reviewed": "add 'last_reviewed: 2026-01-15' to the front matter or a line such as "
                     "'Last reviewed: January 15, 2026'",
}
SOME_CREDENTIALS = "MD, DO, PharmD, RN, PhD, MPH, NP, PA-C, MBBS"


def _at(ctx, rule, found: Found, message: str, severity: Severity | None = None) -> Finding:
    return ctx.document_finding(rule, message, line=found.line, column=found.column,
                                end_line=found.end_line, end_column=found.end_column, severity=severity)


def _up_to_error(rule, when: str) -> tuple[SeverityChange, ...]:
    return (SeverityChange(Severity.ERROR, when),) if rule.severity < Severity.ERROR else ()


def usable_date(found: Found | None, ctx) -> bool:
    return (found is not None and found.parsed is not None and found.parsed.value is not None
            and found.parsed.value <= ctx.today)


@register
class MissingFieldRule(StructureRule):
    type_name = "metadata-missing-field"
    placeholders = ("field", "detail")

    @property
    def severity_note(self) -> str | None:
        return (f"{self.severity}; a missing review date is an error on articles declared condition or "
                "treatment. Pages that are not health articles get no finding.")

    @property
    def severity_changes(self) -> tuple[SeverityChange, ...]:
        return _up_to_error(self, "the review date is missing on an article declared condition or treatment")

    def inspect(self, ctx) -> Iterable[Finding]:
        analysis = analyze(ctx)
        if not analysis.health_article:
            return  # a benefits or contact page needs no author, reviewer or review date
        for name in analysis.metadata_settings.required:
            found = analysis.metadata.get(name)
            severity = Severity.ERROR if name == "last-reviewed" and analysis.strict else None
            if found is None:
                keys = analysis.metadata_settings.keys.get(name, ())
                detail = f"no {FIELD_NAMES[name]}: {HOW_TO_ADD[name]}"
                if keys:
                    detail += f" (front matter keys read: {', '.join(keys[:4])}{', ...' if len(keys) > 4 else ''})"
                if severity is not None:
                    detail += f"; {analysis.type_name} articles must show when they were last reviewed"
                    detail += analysis.article_type.note()
                yield ctx.document_finding(self, self.format_message(field=FIELD_NAMES[name], detail=detail),
                                           severity=severity, evidence={"field": name})
            elif name == "reviewer" and not found.credentials:
                who = found.name or found.text
                detail = (f"medical reviewer '{who}' has no credential ({SOME_CREDENTIALS}, ...); "
                          "write it after the name, as in 'Jane Doe, MD'")
                yield _at(ctx, self, found, self.format_message(field=FIELD_NAMES[name], detail=detail))


@register
class StaleReviewRule(StructureRule):
    type_name = "metadata-stale-review"
    placeholders = ("date", "months", "limit", "today", "what", "pages")
    reads_today = True

    @property
    def severity_changes(self) -> tuple[SeverityChange, ...]:
        return _up_to_error(self, "the review is more than twice the age limit old ('max-review-age-months')")

    def inspect(self, ctx) -> Iterable[Finding]:
        analysis = analyze(ctx)
        limit = analysis.metadata_settings.max_age_months
        found = analysis.metadata.get("last-reviewed")
        what = "last reviewed"
        if found is None:
            found = analysis.metadata.get("published")
            what = "never reviewed; published"
        elif found.fallback:
            what = "last updated"
        if not usable_date(found, ctx):
            return
        assert found is not None and found.parsed is not None and found.parsed.value is not None
        day = found.parsed.value
        if add_months(day, limit) >= ctx.today:
            return
        severity = Severity.ERROR if add_months(day, 2 * limit) < ctx.today else None
        yield _at(ctx, self, found, self.format_message(
            date=day.isoformat(), months=months_between(day, ctx.today), limit=limit,
            today=ctx.today.isoformat(), what=what,
            # a benefits or contact page goes stale too, but it is not a health article
            pages="health articles" if analysis.health_article else "pages like this one"), severity)


@register
class InvalidDateRule(StructureRule):
    type_name = "metadata-invalid-date"
    placeholders = ("field", "value", "problem", "where")
    reads_today = True

    def inspect(self, ctx) -> Iterable[Finding]:
        analysis = analyze(ctx)
        for name in DATE_FIELDS:
            found = analysis.metadata.get(name)
            if found is None or found.parsed is None:
                continue
            if found.parsed.problem:
                problem = found.parsed.problem
            elif found.parsed.value is not None and found.parsed.value > ctx.today:
                problem = f"is in the future (today is {ctx.today.isoformat()})"
            else:
                continue
            where = f" in {found.origin}" if found.origin.startswith("'") else ""
            yield _at(ctx, self, found, self.format_message(
                field=FIELD_NAMES[name], value=found.text, problem=problem, where=where))
