"""Which kind of article this is: declared, configured, or guessed from several signals.

The guess scores each type over separate groups of signals (the title, the section headings, the
opening sentence, the vocabulary of the whole text, the file's path, the front matter) and keeps
what it saw as evidence. A type needs points from two groups or more and a total of at least the
threshold in ``rules/structure/inference.yaml``: one word in one place is never enough. Below it
the article is ``general``. Pages that are not health articles (benefits, forms, contact pages,
listings) are ``other`` and get no health section set.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import PurePath
from typing import Any, Iterable

from ..document import Block, Document
from . import data
from .wordindex import PhraseGroup, Phrases, WordIndex

TYPE_KEYS = ("type", "article_type", "article-type", "content_type")
OPENING_BLOCKS = 3
GUESSED = ("condition", "treatment", "news", "other")


@dataclass(frozen=True)
class ArticleType:
    name: str
    #: "front matter" or "configuration" (declared by the writer), "inferred", or "default"
    source: str
    reason: str = ""
    confidence: float = 1.0
    evidence: tuple[str, ...] = ()

    @property
    def declared(self) -> bool:
        return self.source in ("front matter", "configuration")

    @property
    def source_kind(self) -> str:
        """declared | inferred | default, as the JSON metrics name it."""
        return "declared" if self.declared else self.source

    def note(self) -> str:
        """What to add to a message whose severity or content depends on the type."""
        if self.declared:
            return ""
        how = f"declare it with 'type: {self.name}' in the front matter to make this an error" \
            if self.name != "general" else "declare 'type:' in the front matter if it is another kind"
        if self.source == "inferred":
            return f" (inferred as {self.name} because {self.reason}; {how})"
        return f" (type {self.name}: {self.reason}; {how})"

    def metrics(self) -> dict[str, Any]:
        return {"article_type": self.name, "type_source": self.source_kind,
                "confidence": round(self.confidence, 2), "evidence": list(self.evidence)}


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
    # found by identity: list.index would compare the blocks before it field by field (their
    # offsets spelt out character by character, their sections with all they hold)
    first_section = len(document.blocks)
    if sections:
        first_section = next(i for i, block in enumerate(document.blocks) if block is sections[0])
    intro = [b for b in document.blocks[:first_section] if not b.is_heading]
    opening = list(islice((b for b in document.blocks if not b.is_heading), OPENING_BLOCKS))
    return Outline(title, title_block, sections, intro, opening)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


# -- vocabulary ---------------------------------------------------------------------------------

def _words(phrases: Iterable[str], patterns: Iterable[str] = ()) -> Phrases | None:
    found = Phrases(phrases, patterns)
    return found if found else None


@dataclass(frozen=True)
class Vocabulary:
    specific: Phrases | None  # therapies, procedures and drug names
    generic: Phrases | None
    treatment_headings: Phrases | None
    condition_headings: Phrases | None
    condition_title: Phrases | None
    news: Phrases | None
    news_headings: Phrases | None
    news_body: Phrases | None
    describing: Phrases | None
    definitions: dict[str, frozenset[str]] = field(default_factory=dict)
    body: dict[str, Phrases | None] = field(default_factory=dict)
    other: dict[str, Phrases | None] = field(default_factory=dict)
    aspects: dict[str, Phrases | None] = field(default_factory=dict)
    threshold: float = 4.0

    @functools.cached_property
    def body_lists(self) -> PhraseGroup:
        """The lists whose rates ``_body_signals`` reads, searched together."""
        return PhraseGroup([self.body.get("health"), self.other.get("body"), self.body.get("condition"),
                            self.body.get("treatment"), self.news_body, self.body.get("prevention")])

    @functools.cached_property
    def aspect_lists(self) -> PhraseGroup:
        return PhraseGroup(self.aspects.values(), raw=True)

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """Every word a phrase of these lists starts with: what an index of a long text needs."""
        lists = [self.specific, self.generic, self.treatment_headings, self.condition_headings,
                 self.condition_title, self.news, self.news_headings, self.news_body, self.describing,
                 *self.body.values(), *self.other.values(), *self.aspects.values()]
        return frozenset(word for phrases in lists if phrases is not None and phrases.buckets
                         for word in phrases.buckets)


_DEFINES = re.compile(r"\b(?:is|are|refers to|describes)\s+(?:a|an|the|one|any|two|several|many|some)?\b",
                      re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'-]*")


def definition_kind(sentence: str, nouns: dict[str, frozenset[str]]) -> tuple[str, str] | None:
    """What an opening sentence says its subject is: "Achondrogenesis is a group of severe
    disorders" -> (condition, disorders); "Statins are medicines that ..." -> (treatment,
    medicines). The first such noun within seven words after "is a" decides."""
    head = sentence.split(". ", 1)[0]
    found = _DEFINES.search(head, 0, 120)
    if found is None:
        return None
    for word in _WORD.findall(head, found.end())[:7]:
        lowered = word.lower()
        if lowered in _NOT_A_DEFINITION:
            return None  # "adults are more likely to have ...": a statement, not what it is
        for kind, words in nouns.items():
            if lowered in words:
                return kind, lowered
    return None


_NOT_A_DEFINITION = frozenset("have has had get gets got likely able more less used found caused not also "
                              "made given done seen".split())


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    words = data.load("inference")
    treatment = words.get("treatment", {})
    condition = words.get("condition", {})
    news = words.get("news", {})
    names = [*treatment.get("specific", []), *treatment.get("drugs", []), *data.kb_drug_names()]
    # drug-name families ("[a-z]{4,}mab") count where no listed name matches
    specific = _words(names, treatment.get("patterns", []))
    definition = words.get("definition", {})
    vocab = words.get("vocabulary", {})
    other = words.get("other", {})
    return Vocabulary(specific, _words(treatment.get("generic", [])), _words(treatment.get("headings", [])),
                      _words(condition.get("headings", [])), _words(condition.get("title", [])),
                      _words(news.get("phrases", [])), _words(news.get("headings", [])), _words(news.get("body", [])),
                      _words(condition.get("describing", [])),
                      {kind: frozenset(n.lower() for n in nouns) for kind, nouns in definition.items()},
                      {kind: _words(phrases) for kind, phrases in vocab.items()},
                      {kind: _words(phrases) for kind, phrases in other.items()},
                      {aspect: _words(phrases) for aspect, phrases in condition.get("aspects", {}).items()},
                      float(words.get("threshold", 4)))


#: the vocabulary signals are rates: the first words of a long page measure them as well as all
#: of it, at a fraction of the cost (NIH answers run to thousands of words)
SAMPLE_WORDS = 1500


def _sample_end(prose: str) -> int:
    """Where the sample ends: at the SAMPLE_WORDS-th space after the first character."""
    rest = prose[1:].split(" ", SAMPLE_WORDS)
    if len(rest) <= SAMPLE_WORDS:
        return len(prose)
    return len(prose) - len(rest[-1]) - 1


def _sample(prose: str) -> str:
    return prose[:_sample_end(prose)]


def _find(phrases: Phrases | None, text: str | WordIndex, end: int | None = None) -> list[str]:
    """The phrases found, lower-cased, with typographic apostrophes read as plain ones."""
    if phrases is None:
        return []
    return phrases.find(text, end)


# -- decisions ----------------------------------------------------------------------------------

def declared_type(document: Document) -> tuple[str, str] | None:
    """(type, front matter key) when the front matter says what the article is."""
    for key in TYPE_KEYS:
        value = document.metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().lower(), key
    return None


class _Scores:
    """Points per type, by group of signals, with what earned them."""

    def __init__(self) -> None:
        self.points: dict[str, dict[str, float]] = {kind: {} for kind in GUESSED}
        self.why: dict[str, list[tuple[float, str, str]]] = {kind: [] for kind in GUESSED}  # points, why, group
        self.against: dict[str, float] = {}
        self.health_density = 0.0  # health words per 100 words of prose
        self.admin_density = 0.0  # benefits, forms and account words per 100 words

    def add(self, kind: str, group: str, points: float, why: str) -> None:
        if points <= 0:
            return
        groups = self.points[kind]
        groups[group] = groups.get(group, 0.0) + points
        self.why[kind].append((points, why, group))

    def penalize(self, kind: str, points: float, why: str) -> None:
        """Evidence against a type: lowers its total, earns it no group."""
        self.against[kind] = self.against.get(kind, 0.0) + points
        self.why[kind].append((0.0, why, ""))

    def total(self, kind: str) -> float:
        return max(0.0, sum(self.points[kind].values()) - self.against.get(kind, 0.0))

    def groups(self, kind: str) -> int:
        return len(self.points[kind])

    def reasons(self, kind: str, count: int | None = None) -> list[str]:
        """The strongest reasons, the best of each group of signals first."""
        ranked = sorted((item for item in self.why[kind] if item[0] > 0), key=lambda item: -item[0])
        best_per_group: dict[str, str] = {}
        for _, why, group in ranked:
            best_per_group.setdefault(group, why)
        return list(dict.fromkeys([*best_per_group.values(), *(why for _, why, _ in ranked)]))[:count]


def infer(parts: Outline, document: Document | None = None) -> ArticleType:
    """The article's type from its words, or ``general`` when nothing is clear enough."""
    vocab = vocabulary()
    blocks = document.prose_blocks() if document is not None else parts.opening
    if document is not None and not blocks:
        return ArticleType("other", "inferred", "it has no prose: not an article", 1.0, ("no prose",))
    scores = _Scores()
    _title_signals(scores, vocab, parts.title)
    _heading_signals(scores, vocab, parts.headings)
    _opening_signals(scores, vocab, parts.opening, parts.title)
    prose = " ".join(b.text for b in blocks)
    sample = WordIndex(_sample(prose), vocab.first_words)  # one index for every word list below
    links = len(document.links) + _front_matter_links(document.metadata) if document is not None else 0
    _body_signals(scores, vocab, sample, parts, links, len(prose.split()))
    _aspect_signals(scores, vocab, sample, prose)  # breadth: the whole text
    hub = "links" in scores.points["other"]  # a page of links is navigation whatever its topic
    if document is not None:
        _path_signals(scores, vocab, document.path, hub)
        _front_matter_signals(scores, vocab, document.metadata)
    if not hub and "path" not in scores.points["other"] and scores.health_density >= _HEALTHY \
            and scores.admin_density < scores.health_density:
        # questions such as "What if I don't have VA health benefits?" on a page about a health
        # service do not make it an administrative page
        scores.penalize("other", 3, "its text is mostly about health")
    ready = [kind for kind in GUESSED if scores.groups(kind) >= 2 and scores.total(kind) >= vocab.threshold]
    if not ready:
        best = max(GUESSED, key=scores.total)
        seen = scores.reasons(best)
        why = ("nothing marks it as a condition, treatment or news article" if not seen
               else f"too little marks it as {best}: only {', and '.join(seen[:2])}")
        return ArticleType("general", "default", why, _confidence(0.0, scores.total(best)), tuple(seen))
    # an administrative page outranks a health type only when its own signals are stronger
    best = max(ready, key=lambda kind: (scores.total(kind), kind != "other"))
    runner_up = max((scores.total(kind) for kind in GUESSED if kind != best), default=0.0)
    reasons = scores.reasons(best)
    return ArticleType(best, "inferred", ", and ".join(reasons[:2]), _confidence(scores.total(best), runner_up),
                       tuple(reasons))


def _confidence(best: float, runner_up: float) -> float:
    """How far the winner is ahead: 0 when nothing won, near 1 when nothing else scored."""
    return best / (best + runner_up + 2.0) if best else max(0.0, 1.0 - runner_up / 8.0)


#: words shaped like the name of a disease: arthritis, lymphoma, anemia, fibrosis, neuropathy
_DISEASE_NAME = re.compile(r"\b[A-Za-z]{3,}(?:itis|osis|omas?|a?emias?|opathy|plasia|trophy|algia|ectasis|iasis)\b",
                           re.IGNORECASE)


def _title_signals(scores: _Scores, vocab: Vocabulary, title: str) -> None:
    for kind, group, points, why in _title_points(title):
        scores.add(kind, group, points, why)


@functools.lru_cache(maxsize=4096)
def _title_points(title: str) -> tuple[tuple[str, str, float, str], ...]:
    """What a title earns, as (kind, group, points, why) in the order they are added: titles
    recur across a site, and the result depends on the title alone."""
    vocab = vocabulary()
    points: list[tuple[str, str, float, str]] = []
    words = WordIndex(title)
    for term in dict.fromkeys(_find(vocab.specific, words)):
        points.append(("treatment", "title", 3, f"the title names '{term}'"))
    for term in dict.fromkeys(_find(vocab.generic, words)):
        points.append(("treatment", "title", 1, f"the title mentions '{term}'"))
    named = [f"the title names '{term.lower()}'" for term in _DISEASE_NAME.findall(title)]
    named += [f"the title mentions '{term}'" for term in _find(vocab.condition_title, words)]
    if named:  # a title that names a health problem, counted once
        points.append(("condition", "title", 2.5, named[0]))
    for term in dict.fromkeys(_find(vocab.news, words)):
        points.append(("news", "title", 2.5, f"the title mentions '{term}'"))
    for term in dict.fromkeys(_find(vocab.other.get("title"), words)):
        points.append(("other", "title", 2.5, f"the title mentions '{term}'"))
    return tuple(points)


_SHORT_HEADING = 6
_HEALTHY = 2.5  # health words per 100 words of prose above which a page is about health


def _heading_signals(scores: _Scores, vocab: Vocabulary, headings: list[Block]) -> None:
    kinds: dict[str, list[str]] = {"condition": [], "treatment": [], "news": [], "other": []}
    for heading in headings:
        for kind in _heading_kinds(heading.text):
            kinds[kind].append(heading.label)
    for kind, found in kinds.items():
        found = list(dict.fromkeys(found))
        if not found:
            continue
        quoted = " and ".join(f"'{h}'" for h in found[:2])
        # one heading alone is a hint, never enough on its own
        points = 1.0 if len(found) == 1 else min(2.0 + len(found), 6.0)
        why = f"headings such as {quoted}" if len(found) > 1 else f"the heading {quoted}"
        scores.add(kind, "headings", points, why)


@functools.lru_cache(maxsize=8192)
def _heading_kinds(text: str) -> tuple[str, ...]:
    """The types a section heading points to (headings recur across articles: "Symptoms")."""
    vocab = vocabulary()
    # a section heading of a health article is short ("Symptoms", "How is asthma treated?");
    # a long question ("What if I don't have VA health benefits?") is a page's FAQ
    short = len(text.split()) <= _SHORT_HEADING
    words = WordIndex(text)
    kinds = []
    if short and _find(vocab.condition_headings, words):
        kinds.append("condition")
    if short and (_find(vocab.treatment_headings, words) or _find(vocab.specific, words)):
        kinds.append("treatment")
    if short and _find(vocab.news_headings, words):
        kinds.append("news")
    if _find(vocab.other.get("headings"), words):
        kinds.append("other")
    return tuple(kinds)


def _defines_title(sentence: str, title: str) -> bool:
    """The sentence's subject, before "is"/"are", is the title: "Learning disabilities are ...",
    "Managed care plans are ..." under the title "Managed Care"."""
    named = _title_words(title)
    if not named or len(named) > 6:
        return False
    found = _DEFINES.search(sentence, 0, 120)
    if found is None:
        return False
    subject = [w.lower() for w in _WORD.findall(sentence, 0, found.start())]
    if len(subject) > len(named) + 2:
        return False
    return any(tuple(subject[i:i + len(named)]) == named for i in range(len(subject) - len(named) + 1))


@functools.lru_cache(maxsize=1024)
def _title_words(title: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(title))


def _is_a(noun: str) -> str:
    """'it is a disease', 'it is an illness', 'they are disorders'."""
    if noun.endswith("s") and not noun.endswith(("ss", "sis", "us")):
        return f"they are {noun}"
    return f"it is {'an' if noun[0] in 'aeiou' else 'a'} {noun}"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


#: how much of the first prose the opening signals read: a sentence or two, not a whole answer
OPENING_CHARACTERS = 400


def _opening_signals(scores: _Scores, vocab: Vocabulary, opening: list[Block], title: str = "") -> None:
    if not opening:
        return
    defined = definition_kind(opening[0].text, vocab.definitions)
    titled = defined is not None and bool(title) and _defines_title(opening[0].text, title)
    if defined is None and title:
        # a later sentence may say what the title is: "Steroids ... Steroids are strong medicines"
        text = " ".join(b.text for b in opening)[:OPENING_CHARACTERS * 3]
        for sentence in _SENTENCE_END.split(text):
            if _defines_title(sentence, title):
                defined = definition_kind(sentence, vocab.definitions)
                titled = defined is not None
                if titled:
                    break
    if defined:
        kind, noun = defined
        scores.add(kind, "opening", 3, f"the opening says {_is_a(noun)}")
        if titled:
            # "Shingles" then "Shingles is a painful rash ...": the page explains what its title names
            scores.add(kind, "title", 1.5, f"the opening defines the title, '{title.strip()}'")
    else:
        first = opening[0].text.split(". ", 1)[0]
        described = _find(vocab.describing, first[:200])
        if described:
            scores.add("condition", "opening", 2.5, f"the opening says it '{described[0]}'")
    text = WordIndex(" ".join(b.text for b in opening)[:OPENING_CHARACTERS])
    news = list(dict.fromkeys(_find(vocab.news, text)))
    if news:
        scores.add("news", "opening", min(1.0 * len(news), 3.0), f"the opening mentions '{news[0]}'")
    treatment = list(dict.fromkeys(_find(vocab.specific, text)))
    if treatment:
        scores.add("treatment", "opening", min(0.5 * len(treatment), 1.5), f"the opening mentions '{treatment[0]}'")


def _density(found: list[str], words: int) -> tuple[float, list[str]]:
    return (100.0 * len(found) / words if words else 0.0), found


_WORDS_PER_LINK = 15  # fewer words of prose per link than this: a hub or listing page
_HUB_LINKS = 3  # one share button does not make a page of links
_ADMINISTRATIVE = 2.5  # benefits, claims and account words per 100 words that make a page administrative


def _body_signals(scores: _Scores, vocab: Vocabulary, prose: WordIndex, parts: Outline, links: int = 0,
                  all_words: int | None = None) -> None:
    """Rates over ``prose`` (a sample of the text); ``all_words`` is the length of the whole."""
    words = len(prose.raw.split())
    all_words = all_words or words
    if words == 0:
        return
    health_found, admin_found, condition_found, treatment_found, news_found, prevention_found = \
        vocab.body_lists.find(prose)
    health, _ = _density(health_found, words)
    admin, admin_words = _density(admin_found, words)
    for kind, kind_found in (("condition", condition_found), ("treatment", treatment_found)):
        rate, found = _density(kind_found, words)
        distinct = list(dict.fromkeys(found))
        if rate >= 0.8 and len(distinct) >= 3:
            why = f"its text uses words such as '{distinct[0]}' and '{distinct[1]}'"
            scores.add(kind, "body", min(rate, 3.0), why)
    rate, found = _density(news_found, words)
    if rate >= 0.8 and len(set(found)) >= 2:
        scores.add("news", "body", min(2 * rate, 3.0), f"its text reports research ('{found[0]}')")
    scores.health_density, scores.admin_density = health, admin
    prevention, prevention_words = _density(prevention_found, words)
    if prevention >= 1.5 and len(set(prevention_words)) >= 2:
        # a screening or vaccine page often opens with what the disease is; it is still general
        scores.penalize("condition", 3, f"it is mostly about screening or prevention ('{prevention_words[0]}')")
    # a high rate is enough; a lower one must outweigh the health words and vary
    if admin >= _ADMINISTRATIVE or (admin >= 2.0 and admin > 1.5 * health and len(set(admin_words)) >= 3):
        top = sorted(dict.fromkeys(admin_words), key=admin_words.count, reverse=True)[:2]  # ties: first seen
        scores.add("other", "body", min(admin, 4.0), f"its text is about {' and '.join(repr(w) for w in top)}, "
                                                   "not health")
    # links, length and the absence of health words are separate signals from the vocabulary
    if links >= _HUB_LINKS and all_words / links < _WORDS_PER_LINK:
        scores.add("other", "links", 2.5, f"it is mostly links ({links} links in {all_words} words)")
    if words < 60 and len(parts.headings) <= 1 and (health < 2.0 or links >= 5):
        scores.add("other", "health words", 1.5, "it has almost no prose")
    elif words >= 40 and health < 1.0:
        scores.add("other", "health words", 2.5, "its text says almost nothing about health")


#: what a page that explains a condition covers, each with the words that show it
_ASPECTS_NEEDED = 4


def _aspect_signals(scores: _Scores, vocab: Vocabulary, sample: WordIndex, prose: str) -> None:
    """A condition explainer covers several sides of one problem: its symptoms, causes,
    diagnosis, treatment, outlook, spread. Breadth is a signal apart from word density.
    ``sample`` indexes the start of ``prose``: a match there is a match in the whole."""
    whole = len(sample.raw) == len(prose)
    found = vocab.aspect_lists.find(sample)
    covered = [aspect for (aspect, phrases), seen in zip(vocab.aspects.items(), found) if phrases is not None and (
        seen or (not whole and phrases.contains(prose)))]
    if len(covered) >= _ASPECTS_NEEDED:
        scores.add("condition", "aspects", 0.5 * len(covered),
                   f"it covers {', '.join(covered[:-1])} and {covered[-1]}")


def _front_matter_links(metadata: dict[str, Any]) -> int:
    """Links listed in the front matter (a hub page's `links: [{url: ...}]`)."""
    count = 0
    stack: list[Any] = [metadata]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            count += sum(1 for key in ("url", "href", "link") if isinstance(value.get(key), str))
            stack.extend(v for k, v in value.items() if k not in ("url", "href", "link"))
        elif isinstance(value, list):
            stack.extend(value)
    return count


def _path_signals(scores: _Scores, vocab: Vocabulary, path: str, hub: bool = False) -> None:
    folders = [part.lower() for part in PurePath(path).parts[-4:]]
    stem = PurePath(path).stem.lower()
    pieces = " ".join(folders[:-1] + [stem])
    pieces = pieces.replace("_", "-")
    for term in dict.fromkeys(_find(vocab.other.get("path"), pieces)):
        scores.add("other", "path", 2, f"its path is under '{term}'")
        return
    health = _find(vocab.other.get("health-path"), pieces)
    if health and not hub:  # a health section of the site: its pages are less likely administrative
        scores.penalize("other", 1.5, f"its path is under '{health[0]}'")


def _front_matter_signals(scores: _Scores, vocab: Vocabulary, metadata: dict[str, Any]) -> None:
    values = " ".join(str(metadata.get(key, "")) for key in ("layout", "template", "category", "categories",
                                                             "section", "tags"))
    found = _find(vocab.other.get("front-matter"), values.replace(".html", " ").replace("_", " "))
    if found:
        scores.add("other", "front matter", 1, f"its layout is '{found[0]}'")
    description = metadata.get("description")
    if isinstance(description, str):
        for term in dict.fromkeys(_find(vocab.other.get("title"), description)):
            scores.add("other", "front matter", 1.5, f"its description mentions '{term}'")
            break


def treatment_mention(parts: Outline) -> str | None:
    """Why an article discusses a treatment (its title or a heading names one), if it does."""
    found = _treatment_named(parts.title)
    if found:
        return f"the title mentions '{found}'"
    for heading in parts.headings:
        found = _treatment_named(heading.text)
        if found:
            return f"the heading '{heading.label}' mentions '{found}'"
    return None


@functools.lru_cache(maxsize=8192)
def _treatment_named(text: str) -> str | None:
    """The first treatment a title or heading names (they recur across articles)."""
    vocab = vocabulary()
    words = WordIndex(text)
    found = _find(vocab.specific, words) or _find(vocab.generic, words)
    return found[0] if found else None
