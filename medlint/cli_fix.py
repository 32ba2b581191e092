"""`medlint check --fix`, `--fix --diff` and `--unsafe-fixes`: the fix pass before the report.

The pass lints the files, applies the fixes of the findings that would be reported (or prints
them as a unified diff), and hands back the sources for the ordinary run, which lints them
again and reports what remains. One pass: a fix that makes a new fixable finding is left to
the next `--fix`.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from .cli_common import EXIT_CLEAN, EXIT_FINDINGS, Failure
from .engine.loader import load_rules
from .files import printable
from .filters import ResultFilter
from .runner import RunOptions, lint_files
from .writeback import WriteError, write_atomic

if TYPE_CHECKING:
    from .fixes import Plan


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


@dataclasses.dataclass
class FixSummary(ResultFilter):
    """Counts for the summary line and the JSON output; it hides no finding."""

    applied: int = 0
    files: int = 0
    overlapping: int = 0
    unsafe_hidden: int = 0
    edits: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def add(self, path: str, fixes: Plan) -> None:
        self.applied += len(fixes.fixes)
        self.files += bool(fixes.fixes)
        self.overlapping += len(fixes.overlapping)
        self.unsafe_hidden += fixes.unsafe_hidden
        for fix in fixes.fixes:
            finding = fix.finding
            self.edits.append({"path": path, "rule": finding.rule, "line": finding.line,
                               "column": finding.column, "safety": fix.safety, **fix.edit.to_json()})

    def counts(self, verb: str) -> str:
        text = f"{verb} {_plural(self.applied, 'fix', 'fixes')} in {_plural(self.files, 'file')}"
        if self.overlapping:
            text += f" ({self.overlapping} not applied: overlapping another fix)"
        if self.unsafe_hidden:
            text += f"; {self.unsafe_hidden} more with --unsafe-fixes"
        return text

    def summary_note(self) -> str:
        return f" remaining after {self.counts('applying')}"

    def json_extra(self) -> dict[str, Any]:
        return {"fixes": {"applied": self.applied, "files": self.files, "not_applied": self.overlapping,
                          "unsafe_hidden": self.unsafe_hidden, "edits": self.edits}}


def fix(sources: list, options: RunOptions, output: Any, filters: list[ResultFilter], unsafe: bool,
        show_diff: bool, read: Callable[[Any, int], bytes], stdin_type: type) -> list:
    """Fix ``sources`` (or print the diff and exit); the sources to lint for the report."""
    from .fixes import apply, decode, plan, unified_diff  # a run without --fix does not load them

    summary = FixSummary()
    keeps = [f.keeps for f in filters if callable(getattr(f, "keeps", None))]  # --diff REF: changed lines
    quiet = getattr(output, "quiet", False)
    errors: list[str] = []
    replaced: dict[int, Any] = {}  # index in sources of standard input -> its fixed stand-in
    # skipped files are reported by the run that follows, not twice
    first_pass = dataclasses.replace(options, skipped=[])
    index_of = {id(path): i for i, (path, _) in enumerate(sources)}
    for source, result in lint_files(sources, first_pass, read, lambda path, why: None):
        findings = [f for f in result.findings if all(keep(result.path, f) for keep in keeps)]
        is_stdin = isinstance(source.path, stdin_type)
        data = source.data if isinstance(source.data, bytes) else source.data.encode("utf-8")
        decoded = decode(data)
        if decoded is None:
            if is_stdin and not show_diff:
                replaced[index_of[id(source.path)]] = _stand_in(stdin_type, source.path, data)
            continue
        rules = load_rules(source.config.rule_dirs).by_id
        fixes = plan(decoded.text, result.path, findings, rules, unsafe)
        for skipped in fixes.overlapping:
            found = skipped.finding
            click.echo(f"medlint: {printable(result.path)}:{found.line}:{found.column}: {found.rule}: fix not "
                       "applied: it overlaps another fix (run --fix again)", err=True)
        summary.add(result.path, fixes)
        fixed = apply(decoded.text, fixes.edits())
        if show_diff:
            if fixed != decoded.text:
                click.echo(unified_diff(decoded.text, fixed, result.path), nl=False)
            continue
        new_bytes = decoded.encode(fixed) if fixed != decoded.text else data
        if is_stdin:
            sys.stdout.buffer.write(new_bytes)
            sys.stdout.flush()
            output.report = output.report or sys.stderr  # the fixed text has standard output
            replaced[index_of[id(source.path)]] = _stand_in(stdin_type, source.path, new_bytes)
        elif new_bytes != data:
            try:
                write_atomic(Path(result.path), new_bytes, expected=data)
            except WriteError as exc:
                errors.append(str(exc))
                summary.applied -= len(fixes.fixes)
                summary.files -= 1
    if show_diff:
        if not quiet:
            click.echo(f"medlint: {summary.counts('would apply')}", err=True)
        sys.exit(EXIT_FINDINGS if summary.applied else EXIT_CLEAN)
    if errors:
        for line in errors[:-1]:
            click.echo(f"medlint: {line}", err=True)
        if summary.applied:
            click.echo(f"medlint: {summary.counts('applied')}", err=True)
        raise Failure(errors[-1])
    filters.append(summary)
    return [(replaced.get(i, path), config) for i, (path, config) in enumerate(sources)]


def _stand_in(stdin_type: type, path: Any, data: bytes) -> Any:
    """Standard input, already read: the run that reports lints these bytes."""
    stand_in = stdin_type(str(path))
    stand_in.data = data
    return stand_in


#: the hidden flag `--fix --diff` becomes when --diff has no REF after it
SHOW_DIFF = "--fix-diff"


class CheckCommand(click.Command):
    """`check`, where `--fix --diff` (no REF) prints the fixes: --diff takes a git REF otherwise."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, fix_diff_args(args))


def fix_diff_args(args: list[str]) -> list[str]:
    """``args`` with `--diff` as SHOW_DIFF when --fix is given and what follows `--diff` is no REF:
    nothing, an option, '-' (standard input) or an existing file or folder (`--fix --diff FILE`).
    Without --fix, `--diff` keeps its REF whatever it looks like."""
    options = args[:args.index("--")] if "--" in args else args
    if "--fix" not in options or "--diff" not in options:
        return args
    at = options.index("--diff")
    after = args[at + 1] if at + 1 < len(args) else None
    if after is None or after.startswith("-") or Path(after).exists():
        return [*args[:at], SHOW_DIFF, *args[at + 1:]]
    return args


def check_options(fix_on: bool, unsafe: bool) -> None:
    if unsafe and not fix_on:
        raise click.UsageError("--unsafe-fixes needs --fix")


#: what `medlint explain` says of a rule's fix safety
SAFETY_NOTES = {"safe": "`check --fix` applies its suggestion",
                "unsafe": "its suggestion may change the meaning; `check --fix --unsafe-fixes` applies it"}
