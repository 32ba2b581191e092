"""Which kind of article this is: declared, configured, or guessed from its words.

The guess is a small score per type over the title, the headings and the opening paragraphs.
It only has to be good enough to pick the right checklist, and every finding that depends on it
says what was guessed and why, so a writer can declare ``type:`` when it is wrong.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

from ..document import Block, Document
from . import data

TYPE_KEYS = ("type", "article_type", "article-type", "content_type")
MIN_SCORE = 3.0
OPENING_BLOCKS = 3


@dataclass(frozen=True)
class ArticleType:
    name: str
    source: str  # front matter | configuration | inferred | fallback
    reason: str = ""

    def note(self) -> str:
        """What to add to a message whose severity or content depends on the type."""
        if self.source == "inferred":
            return f" (type inferred as {self.name}: {self.reason})"
        if self.source == "fallback":
            return f" (type {self.name}: {self.reason})"
        return ""


@dataclass(frozen=True)
class Outline:
    """The parts of a document the structure rules read."""

    title: str
    title_block: Block | None
    headings: list[Block]  # section headings, the title excluded
    intro: list[Block]  # prose between the title and the first section heading
    opening: list[Block]  # the first few prose blocks


def outline(document: Document) -> Outline:
    headings = document.headings()
    meta_title = document.metadata.get("title")
    first = headings[0] if headings else None
    # The title is the only level-1 heading, or a first heading that repeats the front matter title.
    is_title = first is not None and (
        (first.level == 1 and sum(h.level == 1 for h in headings) == 1)
        or (isinstance(meta_title, str) and _same(first.text, meta_title)))
    title_block = first if is_title else None
    sections = [h for h in headings if h is not title_block]
    title = str(document.metadata.get("title") or "")
    if title_block is not None and not _same(title_block.text, title):
        title = f"{title_block.text} {title}".strip()
    first_section = document.blocks.index(sections[0]) if sections else len(document.blocks)
    intro = [b for b in document.blocks[:first_section] if not b.is_heading]
    opening = [b for b in document.blocks if not b.is_heading][:OPENING_BLOCKS]
    return Outline(title, title_block, sections, intro, opening)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


# -- vocabulary ---------------------------------------------------------------------------------

def _words(phrases: Iterable[str]) -> re.Pattern[str] | None:
    phrases = sorted({str(p).lower() for p in phrases if str(p).strip()}, key=len, reverse=True)
    if not phrases:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    specific: re.Pattern[str] | None  # therapies, procedures and drug names
    generic: re.Pattern[str] | None
    treatment_headings: re.Pattern[str] | None
    condition_headings: re.Pattern[str] | None
    condition_title: re.Pattern[str] | None
    news: re.Pattern[str] | None
    news_headings: re.Pattern[str] | None


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    words = data.load("inference")
    treatment = words.get("treatment", {})
    condition = words.get("condition", {})
    news = words.get("news", {})
    names = [*treatment.get("specific", []), *treatment.get("drugs", []), *data.kb_drug_names()]
    specific = _words(names)
    patterns = [p for p in treatment.get("patterns", [])]
    if patterns:
        joined = "|".join(f"(?:{p})" for p in patterns)
        drug_like = rf"(?<![\w-])(?:{joined})(?![\w-])"
        specific = re.compile(f"{specific.pattern}|{drug_like}" if specific else drug_like, re.IGNORECASE)
    return Vocabulary(specific, _words(treatment.get("generic", [])), _words(treatment.get("headings", [])),
                      _words(condition.get("headings", [])), _words(condition.get("title", [])),
                      _words(news.get("phrases", [])), _words(news.get("headings", [])))


def _find(pattern: re.Pattern[str] | None, text: str) -> list[str]:
    return [m.group().lower() for m in pattern.finditer(text)] if pattern is not None else []


# -- decisions ----------------------------------------------------------------------------------

def declared_type(document: Document) -> tuple[str, str] | None:
    """(type, front matter key) when the front matter says what the article is."""
    for key in TYPE_KEYS:
        value = document.metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().lower(), key
    return None


def infer(parts: Outline) -> tuple[str, str]:
    """(type, why) from the words of the title, headings and opening paragraphs."""
    vocab = vocabulary()
    scores = {"treatment": 0.0, "condition": 0.0, "news": 0.0}
    reasons: dict[str, list[tuple[float, str]]] = {k: [] for k in scores}

    def add(kind: str, points: float, why: str) -> None:
        scores[kind] += points
        reasons[kind].append((points, why))

    title = parts.title
    for term in dict.fromkeys(_find(vocab.specific, title)):
        add("treatment", 4, f"the title mentions '{term}'")
    for term in dict.fromkeys(_find(vocab.generic, title)):
        add("treatment", 2, f"the title mentions '{term}'")
    for term in dict.fromkeys(_find(vocab.condition_title, title)):
        add("condition", 2 if term in ("symptoms", "causes", "signs") else 1, f"the title mentions '{term}'")
    for term in dict.fromkeys(_find(vocab.news, title)):
        add("news", 3, f"the title mentions '{term}'")
    condition_headings = []
    for heading in parts.headings:
        text = heading.text
        for term in dict.fromkeys(_find(vocab.specific, text)):
            add("treatment", 1, f"the heading '{text}' mentions '{term}'")
        if _find(vocab.treatment_headings, text):
            add("treatment", 1.5, f"the heading '{text}' is typical of treatment articles")
        if _find(vocab.condition_headings, text):
            condition_headings.append(text)
            add("condition", 2, "")
        if _find(vocab.news_headings, text):
            add("news", 2, f"the heading '{text}' is typical of research news")
    if condition_headings:
        quoted = " and ".join(f"'{h}'" for h in condition_headings[:2])
        reasons["condition"].append((100, f"headings such as {quoted} describe a condition"))
    opening = " ".join(b.text for b in parts.opening)
    treatment_terms = list(dict.fromkeys(_find(vocab.specific, opening)))
    if treatment_terms:
        add("treatment", min(2.0, 0.5 * len(treatment_terms)), f"the opening mentions '{treatment_terms[0]}'")
    news_terms = _find(vocab.news, opening)
    if news_terms:
        add("news", float(len(news_terms)), f"the opening mentions '{news_terms[0]}'")
    best = max(scores, key=lambda k: (scores[k], -list(scores).index(k)))
    if scores[best] < MIN_SCORE:
        return "general", "nothing marks it as a condition, treatment or news article"
    why = max(reasons[best], key=lambda r: r[0])[1]
    return best, why


def treatment_mention(parts: Outline) -> str | None:
    """Why an article discusses a treatment (its title or a heading names one), if it does."""
    vocab = vocabulary()
    found = _find(vocab.specific, parts.title) or _find(vocab.generic, parts.title)
    if found:
        return f"the title mentions '{found[0]}'"
    for heading in parts.headings:
        found = _find(vocab.specific, heading.text) or _find(vocab.generic, heading.text)
        if found:
            return f"the heading '{heading.label}' mentions '{found[0]}'"
    return None
