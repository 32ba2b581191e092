"""Everything the structure rules share about one document, computed once per lint context."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..document import Block, Document
from .inference import (
    ArticleType,
    Outline,
    declared_type,
    infer,
    outline,
    treatment_mention,
)
from .metadata import Metadata, MetadataSettings, extract, metadata_settings
from .sections import Profile, SectionDef, build_profiles, match_heading

if TYPE_CHECKING:
    from ..engine.context import LintContext

_URL_IN_SOURCE = re.compile(r"https?://|www\.|\bdoi\b", re.IGNORECASE)


@dataclass
class Analysis:
    document: Document
    outline: Outline
    article_type: ArticleType
    profile: Profile
    required: list[str]  # section keys, in order
    why_required: dict[str, str]  # extra reason for conditionally required sections
    matches: dict[str, list[Block]]  # section key -> headings that stand for it
    intro_sections: set[str]  # sections satisfied by the untitled opening prose
    metadata: Metadata
    metadata_settings: MetadataSettings
    _prose: dict[int, list[Block]] = field(default_factory=dict, repr=False)

    def section(self, key: str) -> SectionDef:
        return self.profile.defs[key]

    def prose_under(self, heading: Block) -> list[Block]:
        """Prose blocks of the section a heading opens, its subsections included."""
        found = self._prose.get(id(heading))
        if found is None:
            section = heading.section
            blocks = list(section.all_blocks()) if section is not None else []
            found = self._prose[id(heading)] = [b for b in blocks if not b.is_heading]
        return found

    def has_content(self, heading: Block) -> bool:
        if self.prose_under(heading):
            return True
        # Bare URLs make no prose block; look at the source up to the next heading.
        start, end = heading.source_offset(len(heading.text) - 1) + 1, len(self.document.source)
        later = [b for b in self.document.headings()
                 if b.source_offset(0) > start and b.level <= heading.level]
        if later:
            end = later[0].source_offset(0)
        return bool(_URL_IN_SOURCE.search(self.document.source, start, end))

    @property
    def type_name(self) -> str:
        return self.article_type.name

    @property
    def strict(self) -> bool:
        """Condition and treatment articles get errors where others get warnings, when the
        writer declared the type: a guess never raises an error."""
        return self.type_name in ("condition", "treatment") and self.article_type.declared

    @property
    def health_article(self) -> bool:
        """Pages that are not health articles (benefits, forms, listings) need no reviewer,
        sources or disclaimer."""
        return self.type_name != "other"


_KEY = "structure.analysis"


def analyze(ctx: "LintContext") -> Analysis:
    """The shared analysis of ``ctx.document``, made once per lint context (kept in its cache,
    so that it goes with the context)."""
    analysis = ctx.cache.get(_KEY)
    if analysis is None:
        analysis = ctx.cache[_KEY] = _analyze(ctx.document, ctx.settings)
        ctx.metrics["structure"] = analysis.article_type.metrics()
        ctx.metrics.setdefault("_summary_lines", []).append(_summary(analysis.article_type))
    return analysis


@functools.lru_cache(maxsize=8192)
def _heading_sections(text: str, sections: Any, type_name: str) -> frozenset[str]:
    """``match_heading`` once per heading text and profile: headings repeat across articles."""
    return frozenset(match_heading(text, build_profiles(sections)[type_name].relevant))


def _analyze(document: Document, settings: dict[str, Any]) -> Analysis:
    sections = settings.get("sections") or ()
    profiles = build_profiles(sections)
    parts = outline(document)
    article_type = _decide_type(document, parts, settings.get("article-type"), profiles)
    profile = profiles.get(article_type.name) or profiles["general"]
    required = list(profile.required)
    why: dict[str, str] = {}
    if profile.if_treatment:
        mention = treatment_mention(parts)
        if mention:
            for key in profile.if_treatment:
                if key not in required:
                    required.append(key)
                    why[key] = f"the article discusses a treatment: {mention}"
    candidates = profile.relevant
    matches: dict[str, list[Block]] = {}
    for heading in parts.headings:
        for key in _heading_sections(heading.text, sections, profile.type):
            matches.setdefault(key, []).append(heading)
    intro = {d.key for d in candidates if d.intro_counts} if parts.intro else set()
    meta_settings = metadata_settings(settings.get("metadata") or ())
    return Analysis(document, parts, article_type, profile, required, why, matches, intro,
                    extract(document, meta_settings), meta_settings)


def _summary(article_type: ArticleType) -> str:
    if article_type.declared:
        return f"structure: type {article_type.name} (declared in the {article_type.source})"
    why = f"inferred because {article_type.reason}" if article_type.source == "inferred" else article_type.reason
    return (f"structure: type {article_type.name}, {why} (confidence {article_type.confidence:.2f}); "
            "declare 'type:' in the front matter to set it")


def _decide_type(document: Document, parts: Outline, configured: Any,
                 profiles: dict[str, Profile]) -> ArticleType:
    declared = declared_type(document)
    problem = ""
    if declared is not None:
        name, key = declared
        if name in profiles:
            return ArticleType(name, "front matter", evidence=(f"front matter '{key}: {name}'",))
        problem = f"front matter '{key}: {name}' is not a known type ({', '.join(profiles)}); "
    if isinstance(configured, str) and configured != "auto":
        if configured in profiles:
            return ArticleType(configured, "configuration", evidence=(f"article-type: {configured}",))
        problem += f"configured article-type '{configured}' is not defined; "
    guess = infer(parts, document)
    if not problem:
        return guess
    return ArticleType(guess.name, guess.source, problem + guess.reason, guess.confidence, guess.evidence)
