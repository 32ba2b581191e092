"""The severities a rule's findings get in a run: the rule's own, a `severity:` override from the
configuration, and the cases in which the rule itself reports another. `medlint rules` shows all
three, so that what it prints is what runs report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from .config import Config
from .engine.rule import Rule, selects
from .finding import Severity


def configured(overrides: Sequence[tuple[str, Severity]], rule_id: str) -> Severity | None:
    """The level a `severity:` mapping (sorted, so a rule id beats its family) gives ``rule_id``."""
    level = None
    for selector, value in overrides:
        if selects(selector, rule_id):
            level = value
    return level


@dataclass(frozen=True)
class Change:
    before: Severity
    after: Severity
    when: str

    def __str__(self) -> str:
        return f"{self.before} -> {self.after} when {self.when}"

    def to_json(self) -> dict[str, str]:
        return {"from": str(self.before), "to": str(self.after), "when": self.when}


@dataclass(frozen=True)
class RuleSeverity:
    """What a run with ``config`` reports for a rule."""

    severity: Severity          # for files with no per-glob override
    default: Severity           # the rule's own (its pack's)
    set_by: str | None = None   # the config file whose `severity:` sets ``severity``
    changes: list[Change] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"severity": str(self.severity), "default_severity": str(self.default),
                "severity_set_by": self.set_by, "severity_changes": [c.to_json() for c in self.changes]}


def rule_severity(rule: Rule, config: Config | None = None) -> RuleSeverity:
    base = _levels(config.base if config else {})
    level = configured(base, rule.id)
    name = config.path.name if config is not None and config.path is not None else "the configuration"
    if level is None:
        severity, set_by = rule.severity, None
        # an override replaces the severity of every finding, so the rule's own changes apply only without one
        changes = [Change(rule.severity, c.to, c.when) for c in rule.severity_changes]
    else:
        severity, set_by, changes = level, name, []
    for override in config.overrides if config else ():
        if "severity" not in override.data:
            continue
        merged = {**dict(config.base.get("severity") or {}), **dict(override.data["severity"])}
        glob_level = configured(_levels({"severity": merged}), rule.id)
        if glob_level is not None and glob_level != severity:
            globs = ", ".join(f"'{g}'" for g in override.globs)
            changes.append(Change(severity, glob_level, f"the file matches {globs} (overrides in {name})"))
    return RuleSeverity(severity, rule.severity, set_by, changes)


def _levels(data: dict[str, Any]) -> list[tuple[str, Severity]]:
    return [(selector, Severity.parse(value)) for selector, value in sorted((data.get("severity") or {}).items())]
