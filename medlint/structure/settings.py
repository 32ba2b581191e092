"""Configuration keys of the structure rules, validated when the configuration is read.

* ``article-type``: ``auto`` (infer; the default) or a type name used for files whose front
  matter has no ``type:``. Per glob through ``overrides``.
* ``sections``: per article type (``condition``, ``treatment``, ``news``, ``general``, a new type,
  or ``all`` for every type): ``required`` (replaces the list), ``add``, ``remove``,
  ``rename`` ({section: new name}), ``synonyms`` ({section: [headings]}), ``order``
  ([sections]; [] turns sections.order off) and ``if-treatment``.
* ``metadata``: ``fields`` ({author|reviewer|published|last-reviewed: [front matter keys]}),
  ``required`` ([fields]), ``max-review-age-months`` and ``credentials`` (extra ones).
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable

from ..config import register_value_key
from ..yamlsource import LineDict, SourceError
from .metadata import FIELDS
from .sections import builtin_defs, builtin_types, heading_key, resolve, slug

Fail = Callable[[str], SourceError]
TYPE_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
TYPE_KEYS = ("required", "add", "remove", "rename", "synonyms", "order", "if-treatment")
COMMON_ONLY = ("add", "remove", "rename", "synonyms")  # what `all` may set


def _at(fail: Fail, mapping: Any, key: str) -> Fail:
    """A ``fail`` that points at ``key`` inside a nested mapping when its line is known (YAML)."""
    def nested(message: str) -> SourceError:
        error = fail(message)
        if isinstance(mapping, LineDict) and mapping.line_of(key):
            return SourceError(error.path, mapping.line_of(key), error.message)
        return error
    return nested


def validate_article_type(value: Any, fail: Fail) -> str:
    if not isinstance(value, str) or not TYPE_NAME.match(value):
        known = ", ".join(["auto", *builtin_types()])
        raise fail(f"must be an article type ({known}, or one defined under 'sections'), not {value!r}")
    return value


def _strings(value: Any, fail: Fail, what: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{what} must be a list of strings")
    return [v.strip() for v in value]


def validate_sections(value: Any, fail: Fail) -> dict[str, dict[str, Any]]:
    """Check references to sections and turn names into section keys."""
    if not isinstance(value, dict):
        raise fail("must map article types (condition, treatment, news, general, a new type, or all) "
                   f"to settings ({', '.join(TYPE_KEYS)})")
    return _SectionsReader(value, fail).read()


class _SectionsReader:
    """Validates the ``sections`` mapping; names of new sections become keys (slugs)."""

    def __init__(self, value: dict[str, Any], fail: Fail) -> None:
        self.value = value
        self.defs = dict(builtin_defs())
        self.specs: dict[str, dict[str, Any]] = {}
        self.fails: dict[str, Fail] = {}
        self.defined: dict[str, str] = {}  # new section key -> name
        self.top_fail = fail

    def fail(self, type_name: str, what: str | None = None) -> Fail:
        outer = self.fails[type_name]
        return outer if what is None else _at(outer, self.specs[type_name], what)

    def read(self) -> dict[str, dict[str, Any]]:
        for type_name, spec in self.value.items():
            self._check_type(str(type_name), spec)
        for type_name, spec in self.specs.items():
            for what in ("add", "required"):
                for name in _strings(spec.get(what, []), self.fail(type_name, what), f"{type_name}.{what}"):
                    self._maybe_define(name, type_name, what)
        return {type_name: self._convert(type_name, spec) for type_name, spec in self.specs.items()}

    def _check_type(self, type_name: str, spec: Any) -> None:
        fail = self.fails[type_name] = _at(self.top_fail, self.value, type_name)
        if not TYPE_NAME.match(type_name):
            raise fail(f"{type_name!r} is not an article type name (lower-case words)")
        spec = {} if spec is None else spec
        if not isinstance(spec, dict):
            raise fail(f"{type_name}: must be a mapping of {', '.join(TYPE_KEYS)}")
        allowed = COMMON_ONLY if type_name == "all" else TYPE_KEYS
        for key in spec:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                extra = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise fail(f"{type_name}: unknown setting {key!r}{extra}; allowed: {', '.join(allowed)}")
        if type_name not in builtin_types() and type_name != "all" and "required" not in spec:
            raise fail(f"{type_name}: a new article type needs a 'required' list of sections")
        self.specs[type_name] = spec

    def _maybe_define(self, name: str, type_name: str, what: str) -> None:
        """A name in `add` or `required` that is no known section defines one, unless it is a typo."""
        if resolve(name, self.defs) is not None or slug(name) in self.defined:
            return
        fail = self.fail(type_name, what)
        names = [heading_key(d.name) for d in self.defs.values()] + list(self.defs)
        close = difflib.get_close_matches(heading_key(name), names, n=1, cutoff=0.85)
        if close:
            raise fail(f"{type_name}.{what}: unknown section {name!r} (did you mean {close[0]!r}?)")
        if not slug(name):
            raise fail(f"{type_name}.{what}: {name!r} is not a section name")
        self.defined[slug(name)] = name

    def _key(self, name: str, type_name: str, what: str) -> str:
        if slug(name) in self.defined:
            return slug(name)
        key = resolve(name, self.defs)
        if key is None:
            known = ", ".join([*self.defs, *self.defined])
            raise self.fail(type_name, what)(
                f"{type_name}.{what}: unknown section {name!r}; known sections: {known}")
        return key

    def _convert(self, type_name: str, spec: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for what in ("required", "add", "remove", "order", "if-treatment"):
            if what in spec:
                names = _strings(spec[what] or [], self.fail(type_name, what), f"{type_name}.{what}")
                out[what] = [self._key(n, type_name, what) for n in names]
        for what in ("rename", "synonyms"):
            if what not in spec:
                continue
            fail = self.fail(type_name, what)
            if not isinstance(spec[what], dict):
                raise fail(f"{type_name}.{what} must map sections to "
                           + ("new names" if what == "rename" else "lists of headings"))
            converted: dict[str, Any] = {}
            for name, item in spec[what].items():
                key = self._key(str(name), type_name, what)
                if what == "synonyms":
                    converted[key] = _strings(item, fail, f"{type_name}.synonyms.{name}")
                elif isinstance(item, str) and item.strip():
                    converted[key] = item.strip()
                else:
                    raise fail(f"{type_name}.rename.{name}: the new name must be a string")
            out[what] = converted
        new = {k: n for k, n in self.defined.items() if k in out.get("add", []) or k in out.get("required", [])}
        if new:
            out["define"] = new
        return out


def validate_metadata(value: Any, fail: Fail) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail("must be a mapping: {fields: {author: [keys], reviewer: [...], published: [...], "
                   "last-reviewed: [...]}, required: [...], max-review-age-months: 24, credentials: [...]}")
    allowed = ("fields", "required", "max-review-age-months", "credentials")
    result: dict[str, Any] = {}
    for key, item in value.items():
        if key not in allowed:
            raise fail(f"unknown setting {key!r}; allowed: {', '.join(allowed)}")
        if key == "fields":
            if not isinstance(item, dict):
                raise fail("fields must map author, reviewer, published and last-reviewed to lists of keys")
            fields = {}
            for name, keys in item.items():
                if name not in FIELDS:
                    raise fail(f"fields: unknown field {name!r}; fields: {', '.join(FIELDS)}")
                fields[name] = _strings(keys, fail, f"fields.{name}")
            result["fields"] = fields
        elif key == "required":
            names = _strings(item, fail, "required") if item else []
            for name in names:
                if name not in FIELDS:
                    raise fail(f"required: unknown field {name!r}; fields: {', '.join(FIELDS)}")
            result["required"] = names
        elif key == "max-review-age-months":
            if isinstance(item, bool) or not isinstance(item, int) or item < 1:
                raise fail("max-review-age-months must be a whole number of months, 1 or more")
            result[key] = item
        else:
            result["credentials"] = _strings(item, fail, "credentials")
    return result


def check_article_type(section: dict[str, Any], inherited: dict[str, Any], fail) -> None:  # noqa: ANN001
    """'article-type' must name a built-in type or one this configuration defines under 'sections'."""
    value = section.get("article-type")
    if value is None or value == "auto":
        return
    defined = set(builtin_types())
    for source in (inherited, section):
        if isinstance(source.get("sections"), dict):
            defined |= {name for name in source["sections"] if name != "all"}
    if value not in defined:
        raise fail("article-type", f"must be auto or a known article type ({', '.join(sorted(defined))}), "
                                   f"not {value!r}; a new type is defined under 'sections'")


def register() -> None:
    register_value_key("article-type", validate_article_type, check=check_article_type)
    register_value_key("sections", validate_sections)
    register_value_key("metadata", validate_metadata)
