"""The rule set as a run that the result cache serves needs it: each rule's id and family, kept in
the build cache, so that such a run neither imports the rule families nor reads the packs."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .cache_keys import digest, installed, rule_data, software, tree_hash
from .config import Config
from .engine.loader import load_rules
from .engine.rule import Rule, RuleSet, selects


def family(rule: Rule) -> str:
    """Rules whose types come from one package share analyses; the date readers stand apart."""
    module = type(rule).__module__
    package = module.rsplit(".", 1)[0] if "." in module else module
    return package + ("+date" if rule.reads_today else "")


@dataclass(frozen=True)
class RuleInfo:
    """What the cache and the configuration check need of a rule."""

    id: str
    family: str  # see family()
    reads_today: bool
    reads_knowledge_base: bool


@dataclass
class Catalogue:
    """A rule set as a list of :class:`RuleInfo`, in load order: what a run that the cache serves
    needs of its rules (their ids and families), kept in the build cache under a hash of all the
    rule set is made of, so that such a run neither imports the rule families nor reads the packs.
    It answers ``matches_selector`` and ``rules`` as the RuleSet does."""

    rules: list[RuleInfo]
    key: str  # what the rule set is made of (see catalogue())

    def __post_init__(self) -> None:
        self.by_id = {rule.id: rule for rule in self.rules}

    def matches_selector(self, selector: str) -> bool:
        return any(selects(selector, rule_id) for rule_id in self.by_id)


def catalogue(rule_dirs: tuple[str, ...] = ()) -> Catalogue:
    """The :class:`Catalogue` of ``load_rules(rule_dirs)``: from the build cache when medlint's
    code, the installed rule families, the built-in packs and ``rule_dirs`` are unchanged (and the
    packs the families ship, checked after), else made from the loaded rules and stored."""
    return _catalogue(rule_dirs, digest(software(), rule_data(rule_dirs), installed()[1]))


@functools.lru_cache(maxsize=8)
def _catalogue(rule_dirs: tuple[str, ...], key: str) -> Catalogue:
    from . import buildcache

    stored = buildcache.load("rule-catalogue", key)
    if isinstance(stored, tuple) and len(stored) == 2:
        rows, packs = stored
        try:
            if all(tree_hash(Path(folder)) == hashed for folder, hashed in packs):
                return Catalogue([RuleInfo(*row) for row in rows], digest(key, packs))
        except TypeError:
            pass  # not what is stored below: made again
    from .plugins import plugin_pack_dirs

    rules = load_rules(rule_dirs)
    packs = tuple((str(folder), tree_hash(folder)) for folder in plugin_pack_dirs())
    made = Catalogue([RuleInfo(rule.id, family(rule), bool(rule.reads_today), bool(rule.reads_knowledge_base))
                      for rule in rules.rules], digest(key, packs))
    buildcache.store("rule-catalogue", key, (tuple((r.id, r.family, r.reads_today, r.reads_knowledge_base)
                                                   for r in made.rules), packs))
    return made


def rules_to_check(config: Config, cache_on: bool) -> Catalogue | RuleSet:
    """What `check` validates a configuration's rule names against: with the result cache on and
    no rule options to check (whose values only the rules' code can judge), the catalogue, so
    that a run the cache serves whole never loads the rules; else the rule set."""
    if cache_on and not config.option_refs:
        return catalogue(config.rule_dirs)
    return load_rules(config.rule_dirs)
