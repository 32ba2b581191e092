"""Which products a predicate is about: the drugs of its clause, standing next to it, or found
where the clause points (a list item's label, the subject before a relative clause, "it" in the
sentence before, the items listed after a colon); and how those drugs group into regimens."""

from __future__ import annotations

import re
from typing import Callable

from .lazyre import lazy_compile
from . import patterns as p
from . import scope as s
from .kb import KnowledgeBase
from .slots import Mention, Regimen


#: how many words a product may stand before or after its predicate and still be bound to it
_BEFORE_WORDS, _AFTER_WORDS = 12, 6


def near(sentence: str, offset: int, drugs: list[Mention], match: re.Match[str]) -> list[Mention]:
    """The products standing close enough to a predicate to be what it is about."""
    return [m for m in drugs
            if (m.end - offset <= match.start() and len(s.WORD.findall(sentence[m.end - offset:match.start()])) <= _BEFORE_WORDS)
            or (m.start - offset >= match.end() and len(s.WORD.findall(sentence[match.end():m.start - offset])) <= _AFTER_WORDS)]


def products_outside(text: str, sentence: str, offset: int, parts: list[s.Clause], number: int,
                     drugs: list[Mention], previous: Callable[[], list[Mention]]) -> tuple[list[Mention], str]:
    """The products of a clause that names none: a list item's label ("Opdivo (nivolumab):
    approved for ..."), the subject named earlier in the sentence ("Opdivo, which is approved
    ...", "Opdivo was tried, but it is not approved ..."), or the previous sentence's."""
    clause = parts[number]
    listed = _listed_after(sentence, offset, parts, number, drugs)
    if listed:
        return listed, "list"
    before = [m for m in drugs if m.start - offset < clause.start]
    anaphor = ANAPHOR.match(sentence, clause.start) is not None
    if before:
        if number == 1 and _only_names(sentence[:parts[0].end], before, offset):
            return before, "label"
        if clause.relative or anaphor:
            home = s.clause_at(parts, before[-1].start - offset)
            group = [m for m in before if s.clause_at(parts, m.start - offset) == home]
            subjects, _ = split_prior(text, offset + parts[home].start, group)
            return subjects, "sentence"
        return [], "none"
    if anaphor or ANAPHOR.match(sentence):
        found = previous()
        if found:
            return found, "previous-sentence"
    return [], "none"


def _listed_after(sentence: str, offset: int, parts: list[s.Clause], number: int,
                  drugs: list[Mention]) -> list[Mention]:
    """Products listed after a colon that ends the predicate's clause, up to the next clause with
    a predicate of its own: "A doctor may recommend these medicines: - ondansetron ... - ranitidine"."""
    if number + 1 >= len(parts) or ":" not in sentence[parts[number].end:parts[number + 1].start]:
        return []
    found = []
    for later in parts[number + 1:]:
        if later.strong_left or s.find_predicates(sentence[later.start:later.end], True):
            break
        found += [m for m in drugs if later.start <= m.start - offset < later.end]
    return found


ANAPHOR = lazy_compile(r"\W*(?:(?:yes|no|and|but|so|now|today|currently|however),?\s+)?"
                      r"(it|they|both|the (?:drug|medicine|medication|treatment|combination|vaccine|pill|product)s?|"
                      r"this (?:drug|medicine|medication|treatment|combination|vaccine)|"
                      r"these (?:drugs|medicines|medications|treatments|vaccines))\b", re.I)


def _only_names(label: str, mentions: list[Mention], offset: int) -> bool:
    rest = label
    for m in sorted(mentions, key=lambda m: -m.start):
        rest = rest[:m.start - offset] + rest[m.end - offset:]
    return not re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:and|or|with|plus)\b", "", rest))


def split_prior(text: str, clause_start: int, drugs: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Drugs named as earlier treatment ('after sorafenib') or as a comparison ('better than
    Belviq') are context, not the claim's subject."""
    subjects, prior = [], []
    for mention in drugs:
        before = text[max(clause_start, mention.start - 60):mention.start]
        (prior if p.PRIOR_CONTEXT.search(before) else subjects).append(mention)
    return subjects, prior


def regimens(kb: KnowledgeBase, text: str, sentence: str, mentions: list[Mention],
              allow_union: bool = True) -> list[Regimen]:
    """Group drug mentions into regimens: 'A plus B' is one, 'A and B are approved' two."""
    merged: list[Mention] = []
    for mention in mentions:  # 'Zydelig (idelalisib)': the same drug named twice
        if merged and merged[-1].id == mention.id and p.SAME_DRUG_LINK.match(text[merged[-1].end:mention.start] or " "):
            merged[-1] = Mention(mention.id, merged[-1].start, mention.end)
        elif merged and merged[-1].id == mention.id:
            continue
        else:
            merged.append(mention)
    groups: list[list[Mention]] = []
    for mention in merged:
        link = text[groups[-1][-1].end:mention.start] if groups else ""
        if groups and p.COMBINATION_LINK.match(link) and not re.match(r"^\s*(?:and|,)\s*$", link, re.I):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    regimens = [Regimen(frozenset(m.id for m in g), g[0].start, g[-1].end) for g in groups]
    everything = frozenset(m.id for m in merged)
    if allow_union and len(everything) > 1 and p.COMBINATION_CUE.search(sentence):
        known = {i.regimen for i in kb.indications}
        if everything in known and all(r.drugs != everything for r in regimens):
            return [Regimen(everything, merged[0].start, merged[-1].end)]
    return regimens
