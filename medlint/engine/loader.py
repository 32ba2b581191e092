"""Loading and validating rule packs (YAML streams, one rule per document)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .. import buildcache
from ..finding import SEVERITY_NAMES
from ..resources import builtin_rules_dir
from ..yamlsource import LineDict, LineList, SourceError, from_plain, read_yaml_documents, to_plain
from .rule import COMMON_FIELDS, FIX_SAFETIES, RULE_ID, Example, Rule, RuleOrigin, RuleSet, rule_types, template_names

PACK_SUFFIXES = (".yaml", ".yml")


def builtin_pack_dir() -> Path:
    return builtin_rules_dir() / "packs"


def pack_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise SourceError(directory, None, "rule directory does not exist")
    return sorted(p for p in directory.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file())


@functools.lru_cache(maxsize=16)
def load_rules(extra_dirs: tuple[str, ...] = ()) -> RuleSet:
    """Built-in rules plus rules from ``extra_dirs``. Raises SourceError on any invalid rule."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    from ..plugins import plugin_pack_dirs

    sources = [(builtin_pack_dir(), True)] + [(d, False) for d in plugin_pack_dirs()]
    known = {folder.resolve() for folder, _ in sources}
    sources += [(Path(d), False) for d in extra_dirs if Path(d).resolve() not in known]  # a plug-in's own packs
    for directory, builtin in sources:
        for path in pack_files(directory):
            for spec in pack_documents(path):
                rule = build_rule(spec, path, builtin)
                if rule.id in seen:
                    raise SourceError(path, spec.line, f"rule id {rule.id!r} is already defined at "
                                                       f"{seen[rule.id].origin}")
                seen[rule.id] = rule
                rules.append(rule)
    return RuleSet(rules)


def pack_documents(path: Path) -> list[Any]:
    """The YAML documents of a rule pack, with their line numbers, parsed once per content of the
    file and kept in the build cache (in ``to_plain`` form)."""
    key = (str(path), buildcache.file_hash(path), buildcache.file_hash(__file__),
           buildcache.file_hash(read_yaml_documents.__code__.co_filename))
    name = buildcache.per_source("rule-pack", path)
    stored = buildcache.load(name, key)
    if isinstance(stored, list):
        try:
            return [from_plain(doc) for doc in stored]
        except (TypeError, ValueError, IndexError):
            pass  # not what to_plain writes: parse the file again
    documents = read_yaml_documents(path)  # SourceError for a broken pack: nothing is stored
    try:
        stored = [to_plain(doc) for doc in documents]
    except TypeError:  # a value the plain form cannot hold: this pack is parsed every time
        return documents
    buildcache.store(name, key, stored)
    return documents


def build_rule(spec: Any, path: Path, builtin: bool = False) -> Rule:
    if not isinstance(spec, LineDict):
        line = getattr(spec, "line", None)
        raise SourceError(path, line, "each YAML document in a rule pack must be a mapping (one rule)")
    for key in ("id", "type", "severity", "message", "description"):
        if key not in spec:
            raise SourceError(path, spec.line, f"rule is missing required field '{key}'")
        if not isinstance(spec[key], str) or not spec[key].strip():
            raise SourceError(path, spec.line_of(key), f"'{key}' must be a non-empty string")
    rule_id = spec["id"]
    if not RULE_ID.match(rule_id):
        raise SourceError(path, spec.line_of("id"),
                          f"rule id {rule_id!r} must be dotted lower-case words, like 'claims.hype'")
    types = rule_types()
    rule_type = types.get(spec["type"])
    if rule_type is None:
        raise SourceError(path, spec.line_of("type"),
                          f"rule {rule_id}: unknown type {spec['type']!r} (known: {', '.join(sorted(types))})")
    if spec["severity"] not in SEVERITY_NAMES:
        raise SourceError(path, spec.line_of("severity"),
                          f"rule {rule_id}: severity must be one of {', '.join(SEVERITY_NAMES)}")
    allowed = set(COMMON_FIELDS) | set(rule_type.fields)
    for key in spec:
        if key not in allowed:
            raise SourceError(path, spec.line_of(str(key)),
                              f"rule {rule_id}: unknown field {key!r} for type {rule_type.type_name}")
    if "link" in spec and (not isinstance(spec["link"], str) or not spec["link"].strip()):
        raise SourceError(path, spec.line_of("link"), f"rule {rule_id}: 'link' must be a non-empty string (a URL)")
    if "front-matter" in spec and not isinstance(spec["front-matter"], bool):
        raise SourceError(path, spec.line_of("front-matter"), f"rule {rule_id}: 'front-matter' must be true or false")
    if "fix" in spec:
        if spec["fix"] not in FIX_SAFETIES:
            raise SourceError(path, spec.line_of("fix"),
                              f"rule {rule_id}: 'fix' must be one of {', '.join(FIX_SAFETIES)}")
        if spec["fix"] != "none" and not rule_type.fixable:
            raise SourceError(path, spec.line_of("fix"),
                              f"rule {rule_id}: type {rule_type.type_name} makes no fixes; 'fix' must be none")
    scope = spec.get("scope", rule_type.default_scope)
    if scope not in rule_type.scopes:
        raise SourceError(path, spec.line_of("scope"),
                          f"rule {rule_id}: scope must be one of {', '.join(rule_type.scopes)}")
    try:
        names = template_names(spec["message"])
    except ValueError as exc:
        raise SourceError(path, spec.line_of("message"),
                          f"rule {rule_id}: message is not a valid template: {exc} (write '{{{{' for a brace)")
    for name in names:
        if name not in rule_type.placeholders:
            raise SourceError(path, spec.line_of("message"),
                              f"rule {rule_id}: unknown placeholder {{{name}}} in message "
                              f"(allowed: {', '.join('{' + p + '}' for p in rule_type.placeholders)})")
    options = spec.get("options")
    if options is not None and not isinstance(options, dict):
        raise SourceError(path, spec.line_of("options"), f"rule {rule_id}: 'options' must be a mapping")
    for key in options or {}:
        if key not in rule_type.default_options:
            raise SourceError(path, spec.line_of("options"),
                              f"rule {rule_id}: unknown option {key!r} for type {rule_type.type_name}")
    rule = rule_type(spec, RuleOrigin(path, spec.line, builtin))
    for key, value in (options or {}).items():
        problem = rule.option_problem(key, value) or rule.option_data_problem(key, value)
        if problem:
            line = options.line_of(key) if isinstance(options, LineDict) else spec.line_of("options")
            raise SourceError(path, line, f"rule {rule_id}: option {key!r} {problem}, not {value!r}")
    rule.examples_bad, rule.examples_good = _examples(spec, path, rule_id)
    return rule


def _examples(spec: LineDict, path: Path, rule_id: str) -> tuple[list[Example], list[Example]]:
    examples = spec.get("examples")
    if examples is None:
        return [], []
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise SourceError(path, spec.line_of("examples"),
                          f"rule {rule_id}: 'examples' must be a mapping with 'bad' and 'good' lists")
    parsed: dict[str, list[Example]] = {"bad": [], "good": []}
    for kind in ("bad", "good"):
        items = examples.get(kind, [])
        if not isinstance(items, list):
            raise SourceError(path, examples.line_of(kind), f"rule {rule_id}: examples.{kind} must be a list")
        for index, item in enumerate(items):
            line = items.line_of(index) if isinstance(items, LineList) else examples.line
            parsed[kind].append(_example(item, path, line, rule_id))
    return parsed["bad"], parsed["good"]


def _example(item: Any, path: Path, line: int, rule_id: str) -> Example:
    if isinstance(item, str):
        return Example(item, line=line)
    if isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "path", "encoding", "config"}:
        config = item.get("config") or {}
        if not isinstance(config, dict):
            raise SourceError(path, line, f"rule {rule_id}: an example's 'config' must be a mapping of configuration keys")
        example = Example(item["text"], str(item.get("path", "example.md")), str(item.get("encoding", "utf-8")),
                          tuple(sorted(config.items())), line)
        try:
            example.text.encode(example.encoding)
        except LookupError:
            raise SourceError(path, line, f"rule {rule_id}: unknown example encoding {example.encoding!r}") from None
        except UnicodeEncodeError as exc:
            raise SourceError(path, line, f"rule {rule_id}: example text cannot be encoded as "
                                          f"{example.encoding}: {exc.reason}") from None
        return example
    raise SourceError(path, line, f"rule {rule_id}: an example is a string or a mapping with "
                                  "'text' and optional 'path', 'encoding' and 'config'")
