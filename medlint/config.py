"""Configuration: ``.medlint.yaml`` or ``[tool.medlint]`` in ``pyproject.toml``.

Found by walking up from each linted file; ``--config`` overrides. Every key is validated and a
bad one is reported as ``path:line: what is wrong``.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from . import globs
from .finding import Severity
from .yamlsource import LineDict, SourceError, load_yaml

CONFIG_NAMES = (".medlint.yaml", ".medlint.yml")
FAIL_LEVELS = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Settings:
    """What applies to one file, after per-glob overrides."""

    select: tuple[str, ...] | None = None  # None = every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    values: tuple[tuple[str, Any], ...] = ()  # other validated keys (audience, ...) for rules to read

    def options_for(self) -> dict[str, dict[str, Any]]:
        return {rule: dict(items) for rule, items in self.rule_options}

    def value(self, key: str, default: Any = None) -> Any:
        return dict(self.values).get(key, default)


@dataclass
class Override:
    globs: tuple[str, ...]
    data: dict[str, Any]


@dataclass
class Config:
    path: Path | None = None  # None: built-in defaults
    root: Path = field(default_factory=Path.cwd)
    base: dict[str, Any] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    exclude: tuple[str, ...] = ()
    rule_dirs: tuple[str, ...] = ()
    fail_level: str = "error"
    nlp_model: str | None = None
    drug_lexicon: str | None = None  # from `medlint kb import drugsfda`, resolved against the config
    max_file_size: int = 5_000_000  # bytes; larger files are skipped with a warning line
    time_budget: float = 20.0  # seconds of rule checks per file; then document.incomplete
    # where each selector/rule name was written, to report unknown rules with a line
    rule_refs: list[tuple[str, int]] = field(default_factory=list)
    # (rule id, option name, value, line) for every option under `rules:`, overrides included
    option_refs: list[tuple[str, str, Any, int]] = field(default_factory=list)
    cli_select: tuple[str, ...] | None = None  # --select: beats `select` in overrides too

    def settings_for(self, path: str | Path) -> Settings:
        data = dict(self.base)
        relative = self.relative(path) if self.overrides else None  # a realpath per file: only when needed
        for override in self.overrides:
            if relative is not None and _glob_match(relative, override.globs):
                data = _merge(data, override.data)
        if self.cli_select:
            data["select"] = list(self.cli_select)
        return _settings(data)

    def relative(self, path: str | Path, real: str | None = None) -> str | None:
        """``path`` relative to the configuration's folder, links resolved (``real``: the real
        path when already known)."""
        try:
            return Path(real or os.path.realpath(path)).relative_to(_real_root(self.root)).as_posix()
        except ValueError:
            return None

    def is_excluded(self, path: str | Path, real: str | None = None) -> bool:
        if not self.exclude:
            return False
        relative = self.relative(path, real)
        if relative is None:
            return False
        return _glob_match(relative, self.exclude)

    def with_cli(self, select: tuple[str, ...] | None, ignore: tuple[str, ...],
                 fail_level: str | None) -> "Config":
        base = dict(self.base)
        if ignore:
            base["ignore"] = list(base.get("ignore", [])) + list(ignore)
        return replace(self, base=base, fail_level=fail_level or self.fail_level,
                       cli_select=tuple(select) if select else self.cli_select)


# -- validation ---------------------------------------------------------------------------------

Validator = Callable[[Any, Callable[[str], SourceError]], Any]


def _string_list(value: Any, fail: Callable[[str], SourceError]) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail("must be a list of strings")
    return list(value)


def _glob_list(value: Any, fail: Callable[[str], SourceError]) -> list[str]:
    patterns = _string_list(value, fail)
    for pattern in patterns:
        problem = globs.problem(pattern)
        if problem:
            raise fail(f"bad glob: {problem}")
    return patterns


def _severity_map(value: Any, fail: Callable[[str], SourceError]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise fail("must map rule ids to error, warning or info")
    for rule, level in value.items():
        if level not in ("error", "warning", "info"):
            raise fail(f"severity for {rule!r} must be error, warning or info, not {level!r}")
    return {str(k): v for k, v in value.items()}


def _choice(*choices: str) -> Validator:
    def check(value: Any, fail: Callable[[str], SourceError]) -> str:
        if value not in choices:
            raise fail(f"must be one of {', '.join(choices)}, not {value!r}")
        return value
    return check


def _rule_options(value: Any, fail: Callable[[str], SourceError]) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise fail("must map rule ids to mappings of options, e.g. {readability.long-sentence: {max-words: 30}}")
    return {str(k): dict(v) for k, v in value.items()}


def _nlp(value: Any, fail: Callable[[str], SourceError]) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) - {"model"}:
        raise fail("takes only 'model' (the name of an installed spaCy model)")
    model = value.get("model")
    if model is not None and not isinstance(model, str):
        raise fail("model must be a string")
    return dict(value)


def _lexicon_path(value: Any, fail: Callable[[str], SourceError]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("must be the path of a lexicon written by `medlint kb import drugsfda`")
    return value


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000}


def _byte_size(value: Any, fail: Callable[[str], SourceError]) -> int:
    """A size in bytes: 5000000, "5MB", "500 kB"."""
    found = _SIZE.match(str(value)) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    if found is None:
        raise fail("must be a size such as 5000000, '5MB' or '500KB'")
    size = int(float(found.group(1)) * _UNITS[(found.group(2) or "b").lower()])
    if size < 1:
        raise fail("must be at least 1 byte")
    return size


def _seconds(value: Any, fail: Callable[[str], SourceError]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise fail("must be a number of seconds above 0, such as 20")
    return float(value)


def _mapping(value: Any, fail: Callable[[str], SourceError]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail("must be a mapping")
    return dict(value)


#: Keys allowed at the top level and inside overrides (rule-facing settings).
RULE_KEYS: dict[str, Validator] = {
    "select": _string_list,
    "ignore": _string_list,
    "severity": _severity_map,
    "rules": _rule_options,
}
#: Keys rules read through ``Settings.value`` (validated here, interpreted by the rules).
VALUE_KEYS: dict[str, Validator] = {}
#: Keys allowed only at the top level.
TOP_KEYS: dict[str, Validator] = {
    "exclude": _glob_list,
    "rule-dirs": _string_list,
    "fail-level": _choice(*FAIL_LEVELS),
    "nlp": _nlp,
    "drug-lexicon": lambda v, fail: _lexicon_path(v, fail),
    "max-file-size": lambda v, fail: _byte_size(v, fail),
    "time-budget": lambda v, fail: _seconds(v, fail),
    "overrides": lambda v, fail: v,  # checked item by item below
}


#: Checks that need several keys of one section (the top level or an override) at once:
#: ``check(section, inherited, fail)``, where ``inherited`` is the top level for an override
#: (empty for the top level itself) and ``fail(key, message)`` makes the error for that key's line.
SectionCheck = Callable[[dict[str, Any], dict[str, Any], Callable[[str, str], SourceError]], None]
SECTION_CHECKS: list[SectionCheck] = []
#: An override that sets the key drops these inherited settings it does not set itself:
#: ``{"audience": {"readability": ("target-grade", "formula")}}``.
RESETS: dict[str, dict[str, tuple[str, ...]]] = {}


def register_value_key(name: str, validator: Validator, *, check: SectionCheck | None = None,
                       resets: dict[str, tuple[str, ...]] | None = None) -> None:
    """Let a rule family accept a config key (e.g. ``audience``) at top level and in overrides."""
    VALUE_KEYS[name] = validator
    if check is not None and check not in SECTION_CHECKS:
        SECTION_CHECKS.append(check)
    if resets:
        RESETS[name] = resets


def parse_config(data: Any, path: Path, line_of: Callable[[str], int | None] | None = None) -> Config:
    from .plugins import load_plugins

    load_plugins()  # rule families register the config keys they read
    root = path.parent
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(path, getattr(data, "line", 1), "configuration must be a mapping of keys")
    line_of = line_of or (lambda key: data.line_of(key) if isinstance(data, LineDict) else None)
    config = Config(path=path, root=root)
    refs: list[tuple[str, int]] = []
    config.base = _section(data, path, line_of, top=True, refs=refs, options=config.option_refs)
    _check_section(config.base, {}, path, line_of)
    config.exclude = tuple(config.base.pop("exclude", []))
    config.rule_dirs = tuple(str((root / d).resolve()) for d in config.base.pop("rule-dirs", []))
    project = root.resolve()
    for folder in config.rule_dirs:
        if not Path(folder).is_relative_to(project):  # a config must not load rules from elsewhere
            raise SourceError(path, line_of("rule-dirs"),
                              f"'rule-dirs': folder {folder!r} is outside the project ({project}); "
                              "keep rule packs in a folder under the configuration file")
        if not Path(folder).is_dir():
            raise SourceError(path, line_of("rule-dirs"), f"'rule-dirs': folder {folder!r} does not exist")
    config.max_file_size = config.base.pop("max-file-size", config.max_file_size)
    config.time_budget = config.base.pop("time-budget", config.time_budget)
    config.fail_level = config.base.pop("fail-level", "error")
    config.nlp_model = config.base.pop("nlp", {}).get("model")
    lexicon = config.base.pop("drug-lexicon", None)
    if lexicon is not None:
        resolved = (root / Path(lexicon).expanduser())
        if not resolved.is_file():
            raise SourceError(path, line_of("drug-lexicon"),
                              f"'drug-lexicon': {resolved} does not exist (run `medlint kb import drugsfda PATH.zip`)")
        config.drug_lexicon = str(resolved.resolve())
    overrides = config.base.pop("overrides", [])
    if not isinstance(overrides, list):
        raise SourceError(path, line_of("overrides"), "'overrides' must be a list of {files: [...], ...}")
    for index, item in enumerate(overrides):
        item_line = (overrides.line_of(index) if hasattr(overrides, "line_of") else line_of("overrides"))
        if not isinstance(item, dict) or "files" not in item:
            raise SourceError(path, item_line, "each override needs 'files' (a list of globs)")
        item_line_of = (lambda key, item=item, l=item_line: item.line_of(key) if isinstance(item, LineDict) else l)
        patterns = _glob_list(item["files"], lambda m: SourceError(path, item_line_of("files"), f"'files': {m}"))
        body = {k: v for k, v in item.items() if k != "files"}
        if isinstance(item, LineDict):
            body = LineDict(body)
            body.line, body.key_lines = item.line, item.key_lines
        section = _section(body, path, item_line_of, top=False, refs=refs, options=config.option_refs)
        _check_section(section, config.base, path, item_line_of)
        config.overrides.append(Override(tuple(patterns), section))
    config.rule_refs = refs
    return config


def _section(data: dict[str, Any], path: Path, line_of: Callable[[str], int | None], *, top: bool,
             refs: list[tuple[str, int]], options: list[tuple[str, str, Any, int]]) -> dict[str, Any]:
    allowed = {**RULE_KEYS, **VALUE_KEYS, **(TOP_KEYS if top else {})}
    result: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        line = line_of(key)
        if key not in allowed:
            hint = difflib.get_close_matches(key.replace("_", "-"), list(allowed), n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            where = "" if top else " in an override"
            raise SourceError(path, line, f"unknown configuration key '{key}'{where}{extra}")
        result[key] = allowed[key](value, lambda m, key=key, line=line: SourceError(path, line, f"'{key}': {m}"))
        if key in ("select", "ignore"):
            refs.extend((name, line or 0) for name in result[key])
        elif key in ("severity", "rules"):
            refs.extend((name, _line_in(value, name, line)) for name in result[key])
        if key == "rules":
            options.extend((name, str(option), setting,
                            _line_in(value.get(name), option, _line_in(value, name, line)))
                           for name in result[key] for option, setting in result[key][name].items())
    return result


def _check_section(section: dict[str, Any], inherited: dict[str, Any], path: Path,
                   line_of: Callable[[str], int | None]) -> None:
    for check in SECTION_CHECKS:
        check(section, inherited, lambda key, message: SourceError(path, line_of(key), f"'{key}': {message}"))


def _line_in(container: Any, key: Any, default: int | None) -> int:
    """Line of ``key`` in a YAML mapping (falls back to ``default``, e.g. for TOML)."""
    if isinstance(container, LineDict) and str(key) in container.key_lines:
        return container.key_lines[str(key)]
    return default or 0


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """An override on top of the settings so far: ``ignore`` lists add up, mappings (rule
    options, readability profiles, section changes) merge key by key at every depth, anything
    else is replaced."""
    merged = _deep_merge(base, {key: value for key, value in override.items() if key != "ignore"})
    if "ignore" in override:
        merged["ignore"] = list(base.get("ignore", [])) + list(override["ignore"])
    for key, dropped in RESETS.items():
        if key in override:
            for container, names in dropped.items():
                own = override.get(container) if isinstance(override.get(container), dict) else {}
                if isinstance(merged.get(container), dict):
                    merged[container] = {k: v for k, v in merged[container].items()
                                         if k not in names or k in own}
    return merged


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _deep_merge(base[key], value)
        else:
            merged[key] = value
    return merged


def _settings(data: dict[str, Any]) -> Settings:
    select = data.get("select")
    return Settings(
        select=tuple(select) if select is not None else None,
        ignore=tuple(data.get("ignore", ())),
        severity=tuple((k, Severity.parse(v)) for k, v in sorted(data.get("severity", {}).items())),
        rule_options=tuple((k, tuple(sorted(v.items()))) for k, v in sorted(data.get("rules", {}).items())),
        values=tuple(sorted((k, _freeze(v)) for k, v in data.items() if k in VALUE_KEYS)),
    )


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _glob_match(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether ``relative`` (a path relative to the config file) matches ``patterns``: gitignore
    syntax, so a later ``!pattern`` re-includes what an earlier one matched."""
    return bool(patterns) and globs.compile(patterns).match_file(relative)


# -- discovery ------------------------------------------------------------------------------------

def load_config_file(path: Path) -> Config:
    if path.is_dir():
        raise SourceError(path, None, "a folder has a configuration file's name; rename or remove it")
    if not path.is_file():
        raise SourceError(path, None, "configuration file does not exist")
    if path.name == "pyproject.toml":
        table = _pyproject_table(path)
        if table is None:
            raise SourceError(path, None, "no [tool.medlint] table")
        text = read_config_text(path)
        return parse_config(table, path, lambda key: _toml_line(text, key))
    return parse_config(load_yaml(read_config_text(path), path), path)


def read_config_text(path: Path) -> str:
    """A configuration file's text; binary, UTF-16 and invalid UTF-8 files are refused with the
    line of the first bad byte."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, None, f"cannot read configuration: {exc.strerror or exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(path, 1, "configuration files must be UTF-8; this one is UTF-16 (save it as UTF-8)")
    if b"\x00" in data:
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(path, line, "not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceError(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8") from None


def _pyproject_table(path: Path) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):  # imported here: most folders hold no pyproject.toml
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    text = read_config_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        number = int(line.group(1)) if line else text.count("\n") + 1  # "at end of document"
        raise SourceError(path, number, f"invalid TOML: {exc}") from None
    tool = data.get("tool", {})
    if "medlint" not in tool:
        return None
    table = tool["medlint"]
    if not isinstance(table, dict):
        raise SourceError(path, _toml_line(text, "medlint", table="[tool]"),
                          "'tool.medlint' must be a table ([tool.medlint] with keys under it), "
                          f"not {type(table).__name__} {table!r}")
    return table


def _toml_line(text: str, key: str, table: str = "[tool.medlint") -> int | None:
    """The line of ``key`` (its first dotted part) in the [tool.medlint...] tables, or of the
    table named after it ("[tool.medlint.rules...]" for "rules"), or of [tool.medlint]."""
    first = key.split(".", 1)[0]
    in_table, table_line = False, None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.startswith(table)
            if in_table and table_line is None:
                table_line = number
            if in_table and re.match(rf"\[tool\.medlint\.[\"']?{re.escape(first)}\b", stripped):
                return number
            continue
        if in_table and re.match(rf"[\"']?{re.escape(first)}[\"']?\s*=", stripped):
            return number
    return table_line


class ConfigFinder:
    """Finds the configuration that applies to each file, caching by folder."""

    def __init__(self, explicit: Path | None = None) -> None:
        self._explicit = load_config_file(explicit) if explicit else None
        self._by_dir: dict[Path, Config] = {}
        self._loaded: dict[Path, Config] = {}
        self._real: dict[str, Path] = {}

    def for_path(self, path: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        return self._for_folder(str(path if path.is_dir() else path.parent))

    def for_file(self, path: Path) -> Config:
        """:meth:`for_path` of a path known not to be a folder (a listed file: no stat)."""
        if self._explicit is not None:
            return self._explicit
        return self._for_folder(str(path.parent))

    def _for_folder(self, given: str) -> Config:
        folder = self._real.get(given)
        if folder is None:  # many files share a folder: resolve it once per run
            folder = self._real[given] = Path(os.path.realpath(given))
        found = self._by_dir.get(folder)
        if found is None:
            found = self._by_dir[folder] = self._search(folder)
        return found

    def _search(self, folder: Path) -> Config:
        for directory in (folder, *folder.parents):
            cached = self._by_dir.get(directory)
            if cached is not None:
                return cached
            for name in CONFIG_NAMES:
                candidate = directory / name
                if candidate.is_file() or candidate.is_dir():  # a folder of that name is reported
                    return self._load(candidate)
            pyproject = directory / "pyproject.toml"
            if pyproject.is_file() and _pyproject_table(pyproject) is not None:
                return self._load(pyproject)
        return Config(root=Path.cwd())

    def _load(self, path: Path) -> Config:
        if path not in self._loaded:
            self._loaded[path] = load_config_file(path)
        return self._loaded[path]


@functools.lru_cache(maxsize=64)
def _real_root(root: Path) -> str:
    """A configuration's folder with links resolved: asked for each file of a run."""
    return os.path.realpath(root)
