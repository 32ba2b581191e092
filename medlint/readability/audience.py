"""Who an article is for, and the grade level it should stay at.

Configuration (top level or in ``overrides``)::

    audience: patient            # patient (default) | caregiver | professional | a custom profile
    readability:
      target-grade: 7            # replaces the configured audience's target (null: no target)
      formula: smog              # smog | flesch-kincaid | gunning-fog | coleman-liau
      profiles:                  # add or redefine profiles
        teen: {target-grade: 6}
        patient: {target-grade: 7}

An article's front matter ``audience: caregiver`` wins over the configuration for that file and
uses that profile's own target (``readability.target-grade`` does not apply to it); so does an
override's ``audience``, unless that override sets ``readability.target-grade`` too. Overrides
merge ``readability.profiles`` with the top level's. A configured audience must name a built-in
profile or one defined at the top level or in the same override (else exit 2); an unknown front
matter audience falls back to the configuration's and the readability summary says so.

``formula: smog`` (the default) grades with SMOG when the text has 30 sentences or more and with
Flesch-Kincaid below that, because SMOG is not meaningful for short texts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..config import register_value_key
from ..yamlsource import SourceError
from .scores import FORMULAS

DEFAULT_AUDIENCE = "patient"


@dataclass(frozen=True)
class Profile:
    target: float | None  # None: no grade target
    formula: str = "smog"


#: Patients read at about grade 6-8, and health materials should stay at grade 8 or below.
#: Caregivers are lay readers too but often read longer how-to material closely: one grade more.
#: Professionals have no target; their texts are still scored.
BUILTIN_PROFILES: dict[str, Profile] = {
    "patient": Profile(8),
    "caregiver": Profile(9),
    "professional": Profile(None),
}

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_PROFILE_KEYS = ("target-grade", "formula")
_READABILITY_KEYS = ("target-grade", "formula", "profiles")

Fail = Callable[[str], SourceError]


@dataclass(frozen=True)
class Audience:
    name: str
    target: float | None
    formula: str
    note: str = ""  # why a fallback happened, for the summary line


# -- configuration validators -------------------------------------------------------------------

def _audience_value(value: Any, fail: Fail) -> str:
    if not isinstance(value, str) or not _NAME.match(value.strip().lower()):
        raise fail("must be an audience name: patient, caregiver, professional or a profile "
                   "defined under readability.profiles")
    return value.strip().lower()


def _target(value: Any, fail: Fail, where: str) -> float | None:
    if value is None or value == "none":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 20:
        raise fail(f"{where} must be a grade between 1 and 20, or null for no target")
    return value


def _formula(value: Any, fail: Fail, where: str) -> str:
    if value not in FORMULAS:
        raise fail(f"{where} must be one of {', '.join(FORMULAS)}, not {value!r}")
    return value


def _readability_value(value: Any, fail: Fail) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail("must be a mapping with target-grade, formula and/or profiles")
    result: dict[str, Any] = {}
    for key, item in value.items():
        if key == "target-grade":
            result[key] = _target(item, fail, "target-grade")
        elif key == "formula":
            result[key] = _formula(item, fail, "formula")
        elif key == "profiles":
            if not isinstance(item, dict):
                raise fail("profiles must map profile names to {target-grade: N, formula: ...}")
            profiles = {}
            for name, spec in item.items():
                name = str(name).lower()
                if not _NAME.match(name):
                    raise fail(f"profile name {name!r} must be lower-case letters, digits, - or _")
                if not isinstance(spec, dict) or set(spec) - set(_PROFILE_KEYS):
                    raise fail(f"profile {name!r} takes only {', '.join(_PROFILE_KEYS)}")
                profile: dict[str, Any] = {}
                if "target-grade" in spec:
                    profile["target-grade"] = _target(spec["target-grade"], fail,
                                                      f"profiles.{name}.target-grade")
                if "formula" in spec:
                    profile["formula"] = _formula(spec["formula"], fail, f"profiles.{name}.formula")
                profiles[name] = profile
            result[key] = profiles
        else:
            raise fail(f"unknown key {key!r} (allowed: {', '.join(_READABILITY_KEYS)})")
    return result


def _check_audience(section: dict[str, Any], inherited: dict[str, Any],
                    fail: Callable[[str, str], SourceError]) -> None:
    """A configured audience must name a built-in profile or one defined at the top level or
    in the same override: a typo would otherwise grade every file against the wrong target."""
    name = section.get("audience")
    if name is None:
        return
    known = dict.fromkeys([*BUILTIN_PROFILES, *_defined(inherited), *_defined(section)])
    if name not in known:
        hint = difflib.get_close_matches(name, list(known), n=1)
        extra = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise fail("audience", f"unknown audience {name!r}{extra}; known: {', '.join(known)} "
                               "(define others under readability.profiles)")


def _defined(section: dict[str, Any]) -> list[str]:
    readability = section.get("readability")
    return list((readability or {}).get("profiles") or {}) if isinstance(readability, dict) else []


register_value_key("audience", _audience_value, check=_check_audience,
                   # an override's audience brings its profile's own target and formula
                   resets={"readability": ("target-grade", "formula")})
register_value_key("readability", _readability_value)


# -- resolution -------------------------------------------------------------------------------------

def _thaw(value: Any) -> Any:
    """Settings freeze mappings into sorted tuples of pairs; turn them back into dicts."""
    if isinstance(value, tuple) and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                                        for v in value):
        return {k: _thaw(v) for k, v in value}
    return value


def _profiles(readability: dict[str, Any]) -> dict[str, Profile]:
    profiles = dict(BUILTIN_PROFILES)
    for name, spec in (readability.get("profiles") or {}).items():
        base = profiles.get(name, Profile(BUILTIN_PROFILES[DEFAULT_AUDIENCE].target))
        spec = spec if isinstance(spec, dict) else {}
        profiles[name] = Profile(spec.get("target-grade", base.target), spec.get("formula", base.formula))
    return profiles


def _front_matter_names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip().lower()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip().lower() for v in value if isinstance(v, str)]
    return []


def resolve(settings: dict[str, Any], metadata: dict[str, Any]) -> Audience:
    """The audience, grade target and formula for one file."""
    readability = _thaw(settings.get("readability")) or {}
    if not isinstance(readability, dict):
        readability = {}
    profiles = _profiles(readability)
    notes = []
    raw = metadata.get("audience")
    if raw is not None:
        names = _front_matter_names(raw)
        for name in names:
            if name in profiles:
                profile = profiles[name]
                return Audience(name, profile.target, profile.formula)
        shown = ", ".join(names) if names else repr(raw)
        notes.append(f"unknown audience {shown} in front matter")
    name = settings.get("audience") or DEFAULT_AUDIENCE
    if name not in profiles:
        notes.append(f"unknown audience {name!r} in configuration")
        name = DEFAULT_AUDIENCE
    profile = profiles[name]
    target = readability.get("target-grade", profile.target)  # an explicit null: no target
    formula = readability.get("formula", profile.formula)
    note = "; ".join(notes) + (f"; using {name}" if notes else "")
    return Audience(name, target, formula, note)
