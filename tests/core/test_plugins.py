"""Plug-ins: rule families found through the `medlint.rules` entry-point group."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from medlint import plugins
from medlint.engine import rule as rule_module
from medlint.engine.loader import load_rules
from medlint.linter import prepared_rules

REPO = Path(__file__).resolve().parents[2]

PLUGIN_MODULE = '''\
from pathlib import Path

from medlint.engine.rule import Rule, register

RULE_PACKS = Path(__file__).parent / "packs"


@register
class ShoutingRule(Rule):
    """Flags a block written all in capitals."""

    type_name = "house-shouting"
    scopes = ("paragraph",)
    default_scope = "paragraph"
    placeholders = ()

    def check(self, ctx):
        for index, block in ctx.blocks_in_scope("paragraph"):
            if block.text.isupper():
                yield ctx.block_finding(self, index, self.format_message())
'''

PLUGIN_PACK = '''\
id: house.shouting
type: house-shouting
severity: warning
message: "Do not write a whole paragraph in capitals"
description: A paragraph all in capitals reads as shouting.
examples:
  bad: ["CALL YOUR DOCTOR NOW."]
  good: ["Call your doctor now."]
'''


def install(site: Path, name: str, entries: dict[str, str], files: dict[str, str]) -> None:
    """A distribution as pip leaves it: its files and a dist-info with entry_points.txt."""
    for relative, text in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    lines = "".join(f"{key} = {value}\n" for key, value in entries.items())
    (info / "entry_points.txt").write_text(f"[medlint.rules]\n{lines}", encoding="utf-8")


@pytest.fixture
def fresh(monkeypatch):
    """Plug-ins load again in this test; what they register is forgotten afterwards."""
    plugins.load_plugins()  # the built-in families register in the real registry first
    monkeypatch.setattr(plugins, "_loaded", None)
    monkeypatch.setattr(rule_module, "_REGISTRY", dict(rule_module._REGISTRY))
    load_rules.cache_clear()
    prepared_rules.cache_clear()
    yield
    load_rules.cache_clear()
    prepared_rules.cache_clear()
    for name in [m for m in sys.modules if m.startswith(("house_rules", "broken_rules"))]:
        del sys.modules[name]


def test_a_plugin_adds_a_rule_type_and_its_packs(tmp_path, monkeypatch, fresh, cli):
    site = tmp_path / "site"
    install(site, "house_rules", {"house": "house_rules"},
            {"house_rules/__init__.py": PLUGIN_MODULE, "house_rules/packs/house.yaml": PLUGIN_PACK})
    monkeypatch.syspath_prepend(str(site))
    listing = cli("rules")
    assert listing.exit_code == 0, listing.output
    assert "house.shouting" in listing.stdout and "claims.hype" in listing.stdout
    (tmp_path / "a.md").write_text("Calm words.\n\nCALL YOUR DOCTOR NOW.\n", encoding="utf-8")
    result = cli("check", "--select", "house", "a.md")
    assert "a.md:3:1: warning house.shouting Do not write a whole paragraph in capitals" in result.stdout
    assert cli("test-rules", str(site / "house_rules" / "packs")).exit_code == 0


@pytest.mark.parametrize("command", [["rules"], ["check", "a.md"], ["explain", "claims.hype"]])
def test_a_broken_plugin_exits_2_with_its_name_and_error(tmp_path, monkeypatch, fresh, cli, command):
    site = tmp_path / "site"
    install(site, "broken_rules", {"broken": "broken_rules.family"},
            {"broken_rules/__init__.py": "", "broken_rules/family.py": "import not_a_module_anywhere\n"})
    monkeypatch.syspath_prepend(str(site))
    (tmp_path / "a.md").write_text("Calm words.\n", encoding="utf-8")
    result = cli(*command)
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith("medlint: plug-in 'broken': failed to load")
    assert "broken_rules.family" in message and "No module named 'not_a_module_anywhere'" in message


def test_a_plugin_whose_import_raises_anything_is_reported(tmp_path, monkeypatch, fresh, cli):
    site = tmp_path / "site"
    install(site, "broken_rules", {"oops": "broken_rules"},
            {"broken_rules/__init__.py": "raise RuntimeError('half-installed')\n"})
    monkeypatch.syspath_prepend(str(site))
    result = cli("rules")
    assert result.exit_code == 2
    assert "plug-in 'oops'" in result.stderr and "RuntimeError: half-installed" in result.stderr


def test_builtin_families_are_declared_as_entry_points():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["entry-points"]["medlint.rules"]
    assert sorted(declared.values()) == sorted(plugins.BUILTIN_FAMILIES)


def test_builtin_families_load_without_installed_metadata():
    """From a source checkout (no entry points at all), the built-in families still load: run in
    a fresh interpreter where the group is empty."""
    script = textwrap.dedent("""\
        import importlib.metadata as metadata
        metadata.entry_points = lambda **kw: []
        from medlint.engine.loader import load_rules
        rules = load_rules()
        types = {rule.type_name for rule in rules.rules}
        print(len(rules.rules), sorted(types & {"existence", "readability-grade", "sections-missing", "claim"}))
        """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    count, types = result.stdout.split(" ", 1)
    assert int(count) == len(load_rules().rules)
    assert types.strip() == str(["claim", "existence", "readability-grade", "sections-missing"])
