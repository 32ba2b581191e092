"""Rules, their common fields, and the registry of rule types."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from ..finding import Finding, Severity
from ..yamlsource import LineDict, SourceError

if TYPE_CHECKING:
    from .context import LintContext
    from .matching import MatcherHub

RULE_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
SCOPES = ("sentence", "paragraph", "heading", "document")
COMMON_FIELDS = ("id", "type", "severity", "message", "description", "link", "scope",
                 "exceptions", "examples", "options", "front-matter", "fix")
#: how safe a rule's fixes are (`fix:` in its pack): safe ones `check --fix` applies, unsafe
#: ones (the meaning may change) only with --unsafe-fixes, none: the rule has no fix
FIX_SAFETIES = ("safe", "unsafe", "none")


def kind_problem(default: Any, value: Any) -> str | None:
    """Whether ``value`` is of the same kind as ``default``, as a phrase for an error message."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return "must be a whole number, 0 or more"
        return None
    if isinstance(default, str):
        return None if isinstance(value, str) else "must be a string"
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return "must be a list of strings"
    return None


@dataclass(frozen=True)
class Example:
    """A snippet from a rule's ``examples``; ``path`` picks the format, ``encoding`` the bytes."""

    text: str
    path: str = "example.md"
    encoding: str = "utf-8"
    #: configuration keys the example runs with ({"time-budget": 0.000001})
    config: tuple[tuple[str, object], ...] = ()
    #: where the example is written in its rule pack (0: not from a file)
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class SeverityChange:
    """Findings of a rule that a run reports at another severity than the rule's own."""

    to: Severity
    when: str  # a clause: "the grade is 2 or more above the target"


@dataclass
class RuleOrigin:
    path: Path
    line: int
    builtin: bool

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (" (built-in)" if self.builtin else "")


class Rule:
    """A loaded rule. Subclasses are rule types: they read their own fields and check documents."""

    type_name: ClassVar[str] = ""
    #: type-specific fields this type accepts in YAML
    fields: ClassVar[tuple[str, ...]] = ()
    #: names allowed in the message template
    placeholders: ClassVar[tuple[str, ...]] = ("match",)
    #: options users may set per rule in the config, with defaults
    default_options: ClassVar[dict[str, Any]] = {}
    scopes: ClassVar[tuple[str, ...]] = SCOPES
    default_scope: ClassVar[str] = "sentence"
    #: findings depend on the run's date (``ctx.today``); the result cache keys them by it
    reads_today: ClassVar[bool] = False
    #: findings depend on the user's knowledge-base data (the approval overlay of `medlint kb
    #: update`, an imported drug lexicon); the result cache keys them by it
    reads_knowledge_base: ClassVar[bool] = False
    #: the type can make exact fixes (implements ``fix_text``), so its rules may declare ``fix:``
    fixable: ClassVar[bool] = False

    def __init__(self, spec: LineDict, origin: RuleOrigin) -> None:
        self.spec = spec
        self.origin = origin
        self.id: str = spec["id"]
        self.severity: Severity = Severity.parse(spec["severity"])
        self.message: str = spec["message"]
        self.description: str = " ".join(str(spec["description"]).split())
        self.link: str | None = spec.get("link")
        self.scope: str = spec.get("scope", self.default_scope)
        #: also read the front matter's title and description (``front-matter: true``)
        self.reads_front_matter: bool = spec.get("front-matter", False) is True
        self.fix_safety: str = spec.get("fix", "none")
        self.examples_bad: list[Example] = []
        self.examples_good: list[Example] = []
        self.options: dict[str, Any] = dict(self.default_options)
        self.options.update(spec.get("options") or {})

    # -- hooks for rule types -------------------------------------------------------------
    @classmethod
    def option_problem(cls, key: str, value: Any) -> str | None:
        """What is wrong with ``value`` for the option ``key`` (one of ``default_options``), or
        None. By default a value must be of its default's kind; types with stricter options
        extend this."""
        return kind_problem(cls.default_options[key], value)

    def option_data_problem(self, key: str, value: Any) -> str | None:
        """What only this rule's own data can show to be wrong with an option that passed
        ``option_problem`` (a category its lexicon does not have), or None."""
        return None

    def prepare(self, hub: "MatcherHub") -> None:
        """Register patterns with the shared matchers (called once per rule set)."""

    def check(self, ctx: "LintContext") -> Iterable[Finding]:
        return ()

    def fix_text(self, matched: str, suggestion: str | None) -> str | None:
        """The replacement for ``matched``, the source text a finding of this rule covers, when
        the fix is exact: ``matched`` is still what the rule flags and the replacement is the
        finding's ``suggestion`` (in the case ``matched`` calls for). None: no exact fix."""
        return None

    # -- helpers ---------------------------------------------------------------------------
    def format_message(self, **values: Any) -> str:
        return self.message.format_map(_Blank(values))

    @property
    def severity_note(self) -> str | None:
        """When a finding of this rule may carry another severity than the configured one
        (`medlint explain` prints it); None when every finding has the rule's severity."""
        changes = self.severity_changes
        if not changes:
            return None
        return f"{self.severity}; " + "; ".join(f"{c.to} when {c.when}" for c in changes) + "."

    @property
    def severity_changes(self) -> tuple[SeverityChange, ...]:
        """Every case in which a run reports this rule's findings at another severity than
        ``severity`` (`medlint rules` shows them); empty when it never does."""
        return ()

    @property
    def summary(self) -> str:
        """First sentence of the description, for `medlint rules`."""
        first = re.split(r"(?<=[.!?])\s", self.description, maxsplit=1)[0]
        return first

    def error(self, key: str | None, message: str) -> SourceError:
        line = self.spec.line_of(key) if key else self.spec.line
        return SourceError(self.origin.path, line, f"rule {self.id}: {message}")


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: make a rule type available to YAML rule files by its ``type_name``."""
    _REGISTRY[cls.type_name] = cls
    return cls


def rule_types() -> dict[str, type[Rule]]:
    from ..plugins import load_plugins

    load_plugins()
    return dict(_REGISTRY)


def template_names(template: str) -> list[str]:
    """Field names in a ``str.format`` template ('' for a positional ``{}``); ValueError if malformed."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id = {rule.id: rule for rule in self.rules}

    def get(self, rule_id: str) -> Rule | None:
        return self.by_id.get(rule_id)

    def matches_selector(self, selector: str) -> bool:
        return any(selects(selector, rule_id) for rule_id in self.by_id)


def selects(selector: str, rule_id: str) -> bool:
    """``claims`` selects ``claims.hype``; ``ALL`` selects everything; ids select themselves."""
    return selector == "ALL" or rule_id == selector or rule_id.startswith(selector + ".")
