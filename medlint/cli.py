"""The `medlint` command: a thin shell around :func:`medlint.linter.lint_sources`."""

from __future__ import annotations

import os
from dataclasses import dataclass
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from . import __version__, cli_fix, cli_kb, startup_gc
from .cli_common import EXIT_CLEAN, EXIT_FINDINGS, Failure, parse_date
from .cli_rule_tests import test_rules
from .cli_server import server
from .config import FAIL_LEVELS, Config, ConfigFinder
from .engine.loader import load_rules
from .engine.rule import selects
from .files import Skipped, listed, printable, read_article
from .filters import ResultFilter
from .finding import Severity
from .linter import FileResult, active_rules, check_config_rules, prepare, prepared_rules
from .nlp import ModelError
from .reporters import Totals
from .reporters import github, jsonfmt
from .reporters.text import TextReporter
from . import run_options
from .parallel import WorkerFailure
from .rulecatalog import rules_to_check
from .runner import RunOptions, lint_files
from .starter import STARTER_CONFIG
from .yamlsource import SourceError

if TYPE_CHECKING:  # loaded when a run needs them: --diff, --baseline, the XML and SARIF formats
    from . import gitdiff


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="medlint")
def main() -> None:
    """medlint: a content-quality linter for health articles."""


@main.command(cls=cli_fix.CheckCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github", "junit", "checkstyle",
                                                             "sarif"]),
              default=None, help="text, json, github (workflow-command annotations), junit or checkstyle "
                                 "(XML), sarif (SARIF 2.1.0) [default: github when GITHUB_ACTIONS=true, else text].")
@click.option("--fail-level", type=click.Choice(FAIL_LEVELS), default=None,
              help="Lowest severity that makes the exit code 1 [default: error, or the config's].")
@click.option("--select", multiple=True, help="Only these rules or families (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rules or families (comma-separated, repeatable).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Use this configuration file instead of searching for one.")
@click.option("--stdin-filename", default=None, help="Path to report (and pick the format by) for '-'.")
@click.option("--today", callback=parse_date, default=None, metavar="DATE",
              help="Date to measure review ages against (YYYY-MM-DD) [default: today].")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--no-color", is_flag=True, help="Never colour the output.")
@click.option("--statistics", is_flag=True,
              help="Findings per rule (count, severity, files) instead of each finding; in JSON, added.")
@click.option("--output-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Do not report the findings this baseline file lists (see `medlint baseline`).")
@click.option("--update-baseline", is_flag=True, help="With --baseline: drop the findings fixed since from it.")
@click.option("--diff", "diff_ref", default=None, metavar="REF",
              help="Lint the files `git diff REF` touches, and report findings on added or changed lines only. "
                   "With --fix and no REF: print the fixes as a unified diff and change nothing.")
@click.option("--write-baseline", type=click.Path(path_type=Path, dir_okay=False), default=None, hidden=True)
@click.option("--docs-url", envvar="MEDLINT_DOCS_URL", default=None, metavar="BASE",
              help="SARIF: link rules to BASE/docs/rules/RULE.md (the medlint repository at a tag) instead "
                   "of the installed pages [env: MEDLINT_DOCS_URL].")
@click.option("--no-gitignore", is_flag=True,
              help="Also lint what .gitignore files ignore in folders (files named here always are).")
@click.option("--jobs", "-j", type=int, default=None, callback=run_options.parse_jobs, metavar="N",
              help="Processes to lint with; 1 lints in this process [default: the usable cores].")
@click.option("--shard", default=None, callback=run_options.parse_shard_option, metavar="K/N",
              help="Lint only shard K of N (split by a hash of each file's path), for CI matrices.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the result cache [default: results/ in the user cache folder].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--no-progress", is_flag=True, help="No progress line on a terminal's stderr.")
@click.option("--fix", "fix_on", is_flag=True,
              help="Apply the safe fixes (rules with `fix: safe`), write the files, report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix: also apply fixes that may change the meaning.")
@click.option(cli_fix.SHOW_DIFF, "show_fixes", is_flag=True, hidden=True)  # `--fix --diff` without a REF
def check(paths: tuple[Path, ...], output_format: str | None, fail_level: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], config_path: Path | None, stdin_filename: str | None,
          today: date | None, quiet: bool, no_color: bool, statistics: bool, output_file: Path | None,
          baseline_path: Path | None, update_baseline: bool, diff_ref: str | None, write_baseline: Path | None,
          docs_url: str | None, no_gitignore: bool, jobs: int | None, shard: tuple[int, int] | None,
          cache_dir: Path | None, no_cache: bool, no_progress: bool, fix_on: bool = False,
          unsafe_fixes: bool = False, show_fixes: bool = False) -> None:
    """Lint articles: files, folders (recursively) or '-' for standard input; no PATH lints the
    current folder. Folders skip what .gitignore ignores (see --no-gitignore)."""
    startup_gc.pause()  # until the rules are prepared: see medlint.startup_gc
    running = run_options.running(jobs, shard, cache_dir, no_cache, no_progress)
    filters = _result_filters(baseline_path, update_baseline, write_baseline)
    cli_fix.check_options(fix_on, unsafe_fixes)
    if diff_ref is not None:  # the changed files stand for PATHS (all the repository's when none)
        paths, diff_filter = _diff_selection(diff_ref, paths)
        for earlier in filters:
            earlier.narrowed_by(diff_filter.keeps)
        filters.append(diff_filter)
    else:
        paths = paths or (Path("."),)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    select_list, ignore_list = _split(select), _split(ignore)
    if docs_url:
        from .reporters import sarif

        try:
            docs_url = sarif.check_docs_url(docs_url)
        except sarif.DocsUrlError as exc:
            raise click.UsageError(str(exc)) from None
    try:
        finder = ConfigFinder(config_path)
        sources = _sources(paths, finder, stdin_filename, not no_gitignore)
        workers = run_options.get_workers_ready(running, len(sources))
        # with no files to lint, --select/--ignore are still checked against the rules in force here
        configs = {id(c): c for _, c in sources} or {0: finder.for_path(Path.cwd())}
        for config in configs.values():
            rules = rules_to_check(config, running["cache_dir"] is not None)
            check_config_rules(config, rules)
            for name in select_list + ignore_list:
                if not rules.matches_selector(name):
                    raise click.UsageError(f"unknown rule or rule family {name!r} (see `medlint rules`)")
            # register the rules that will run now, so a broken pattern stops us before any output.
            # With the result cache on, the first file linted does it, so that a run the cache
            # serves whole never starts spaCy; files served before it had the same rule packs
            # (they are part of the cache keys), whose patterns loaded then. Worker processes do it
            # before their first chunk (and this process, which only hands them files, needs no spaCy).
            if running["cache_dir"] is None and not workers:
                rules, hub = prepared_rules(config.rule_dirs, config.nlp_model, config.drug_lexicon)
                effective = config.with_cli(select_list, ignore_list, fail_level)
                prepare(active_rules(rules, effective.settings_for(effective.root)), hub)
    except SourceError as exc:
        raise Failure(str(exc)) from None
    except ModelError as exc:
        raise Failure(str(exc)) from None
    try:
        report = output_file.open("w", encoding="utf-8") if output_file else None
    except OSError as exc:
        raise Failure(f"{printable(str(output_file))}: cannot write the report ({exc.strerror or exc})") from None
    options = RunOptions(select_list, ignore_list, fail_level, today, **running)
    output = _Output(output_format, report, quiet, no_color, statistics, docs_url)
    try:
        if fix_on:
            sources = cli_fix.fix(sources, options, output, filters, unsafe_fixes, show_fixes, _read, _StdinPath)
        _run(sources, options, output, filters)
    finally:
        if report is not None:
            report.close()


@dataclass
class _Output:
    """How `check` reports: the format and the options that shape it."""

    format: str
    report: Any  # the --output-file stream, or None for standard output
    quiet: bool = False
    no_color: bool = False
    statistics: bool = False
    docs_url: str | None = None


def _run(sources: list, options: RunOptions, output: _Output, filters: list[ResultFilter]) -> None:
    report, output_format, statistics = output.report, output.format, output.statistics

    def emit(line: str = "") -> None:
        click.echo(line, file=report)

    colour = report is None and not output.no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    reporter = TextReporter(emit, colour, output.quiet)
    per_rule: dict[str, list] = {}
    failing_paths: set[str] = set()
    totals = Totals()
    results: list[FileResult] = []
    failed = False
    skipped = options.skipped

    def on_skip(path: Any, why: Skipped) -> None:  # one line on stderr, never a crash or a hang
        click.echo(f"medlint: skipped {printable(str(path))}: {why}", err=True)

    try:
        for source, result in lint_files(sources, options, _read, on_skip):
            for keep in filters:  # baseline, changed lines: findings left out count nowhere
                result = keep(source, result)
            totals.add(result)
            # each file's own fail level: --fail-level, else its configuration's
            if _fails(result, source.config.fail_level):
                failed = True
                failing_paths.add(result.path)
            for finding in result.findings:
                entry = per_rule.setdefault(finding.rule, [0, finding.severity, set()])
                entry[0] += 1
                entry[1] = max(entry[1], finding.severity)
                entry[2].add(result.path)
            if output_format in ("json", "junit", "checkstyle", "sarif"):  # JSON: written now, see jsonfmt
                results.append(jsonfmt.file_text(result) if output_format == "json" else result)
            elif output_format == "github":
                for finding in result.findings:
                    emit(github.annotation(result.path, finding))
            elif not statistics:
                reporter.file(result)
    except (SourceError, ModelError) as exc:  # a rule first enabled by a per-glob override can fail to
        raise Failure(str(exc)) from None   # load; with the cache on, rules and model load only here
    except WorkerFailure as exc:
        raise Failure(str(exc)) from None
    table = [{"rule": rule, "count": count, "severity": str(severity), "files": len(files)}
             for rule, (count, severity, files) in sorted(per_rule.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    note = "".join(f.summary_note() for f in filters)
    if output_format == "json":
        extra = {**_json_extra(), **({"skipped": skipped} if skipped else {}),
                 **{k: v for f in filters for k, v in f.json_extra().items()},
                 **({"statistics": table} if statistics else {})}
        emit(jsonfmt.render(results, totals, extra))
    elif output_format == "github":
        emit(totals.summary() + note)
    elif output_format == "junit":
        from .reporters import xmlfmt

        emit(xmlfmt.junit(results, lambda r: r.path in failing_paths))
    elif output_format == "checkstyle":
        from .reporters import xmlfmt

        emit(xmlfmt.checkstyle(results))
    elif output_format == "sarif":
        from .reporters import sarif

        properties = {"summary": totals.to_json(), **_json_extra(), **({"statistics": table} if statistics else {})}
        emit(sarif.render(results, _run_rules(sources), docs_url=output.docs_url, skipped=skipped,
                          properties=properties))
    else:
        if statistics:
            for row in table:
                emit(f"{row['count']:>7}  {row['rule']:<38} {row['severity']:<8} {row['files']} files")
        reporter.summary(totals.summary() + note)
    if not output.quiet and not os.environ.get("MEDLINT_NO_KB_WARNING"):
        for notice in NOTICES:  # one line each on stderr, never in the report
            line = notice(options.today or date.today())
            if line:
                click.echo(f"medlint: {line}", err=True)
    _finish(filters)
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


def _result_filters(baseline_path: Path | None, update: bool, write_to: Path | None) -> list[ResultFilter]:
    if update and baseline_path is None:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if write_to is None and baseline_path is None:
        return []
    from . import baseline

    try:
        if write_to is not None:
            return [baseline.Recorder(write_to)]
        return [baseline.Baseline(baseline_path, update)] if baseline_path is not None else []
    except baseline.BaselineError as exc:
        raise Failure(str(exc)) from None


def _diff_selection(ref: str, paths: tuple[Path, ...]) -> tuple[tuple[Path, ...], gitdiff.ChangedLines]:
    from . import gitdiff

    try:
        changes = gitdiff.changed_files(ref, list(paths))
    except gitdiff.GitDiffError as exc:
        raise Failure(str(exc)) from None
    return tuple(c.path for c in changes), gitdiff.ChangedLines(ref, changes)


def _finish(filters: list[ResultFilter]) -> None:
    if not filters:
        return
    from . import baseline

    for done in filters:
        try:
            line = done.finish()
        except baseline.BaselineError as exc:
            raise Failure(str(exc)) from None
        if line:
            click.echo(f"medlint: {line}", err=True)


def _run_rules(sources: list) -> list:
    """Every rule of the run's rule sets (one per configuration), each once."""
    configs = {id(config): config for _, config in sources} or {0: Config()}
    rules: dict[str, Any] = {}
    for config in configs.values():
        for rule in prepared_rules(config.rule_dirs, config.nlp_model, config.drug_lexicon)[0].rules:
            rules.setdefault(rule.id, rule)
    return list(rules.values())


_STDIN = "-"


def _sources(paths: tuple[Path, ...], finder: ConfigFinder, stdin_filename: str | None,
             gitignore: bool = True) -> list[tuple[Any, Config]]:
    sources: list[tuple[Any, Config]] = []
    seen: set[str] = set()  # a file named twice (or inside a folder also named) is linted once
    for path in paths:
        if str(path) == _STDIN:
            name = stdin_filename or "<stdin>"
            sources.append((_StdinPath(name), finder.for_path(Path(name) if stdin_filename else Path.cwd())))
            continue
        if not path.exists() and not path.is_symlink():  # a symlink loop is skipped when read
            raise click.UsageError(f"path does not exist: {printable(str(path))}")
        for file, real, config in listed([path], finder, gitignore):
            if real not in seen:
                seen.add(real)
                sources.append((file, config))
    return sources


class _StdinPath(str):
    """Marks the one source read from standard input."""

    data: bytes | None = None  # its bytes, once read (the fix pass hands them to the report)


def _read(path: Any, limit: int) -> bytes:
    if isinstance(path, _StdinPath):
        if path.data is not None:
            return path.data
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise Skipped(f"standard input is over the {limit:,}-byte limit ('max-file-size')")
        return data
    return read_article(Path(path), limit)


def _fails(result: FileResult, level: str) -> bool:
    """Whether ``result`` has a finding at or above the fail ``level``."""
    if level == "never":
        return False
    threshold = Severity.parse(level)
    return any(finding.severity >= threshold for finding in result.findings)


def _json_extra() -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for provider in JSON_EXTRAS:
        extra.update(provider())
    return extra


#: Functions adding top-level keys to the JSON output (e.g. the knowledge base version).
JSON_EXTRAS: list[Callable[[], dict[str, Any]]] = [cli_kb.kb_json]
#: Functions of the run's date giving a line for stderr after a check, or None (the knowledge
#: base's age). MEDLINT_NO_KB_WARNING=1 or --quiet silences them.
NOTICES: list[Callable[[date], str | None]] = [cli_kb.kb_age_notice]


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
def list_rules(output_format: str, config_path: Path | None) -> None:
    """List every rule with its severity and a one-line description."""
    from .severities import rule_severity

    config = _config_for(config_path)
    rules = _rules_for(config_path)
    levels = {r.id: rule_severity(r, config) for r in rules.rules}
    if output_format == "json":
        import json

        click.echo(json.dumps([{"id": r.id, "type": r.type_name, "summary": r.summary, "builtin": r.origin.builtin,
                                "fix": r.fix_safety, **levels[r.id].to_json()} for r in rules.rules], indent=2))
        return
    width = max(len(r.id) for r in rules.rules)
    for rule in sorted(rules.rules, key=lambda r: r.id):
        level = levels[rule.id]
        click.echo(f"{rule.id:<{width}}  {str(level.severity):<7}  {rule.summary}")
        notes = [f"set by {level.set_by} (the rule's own: {level.default})"] if level.set_by else []
        for note in notes + [str(change) for change in level.changes]:
            click.echo(f"{'':<{width}}  {note}")


@main.command()
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
def explain(rule_id: str, config_path: Path | None) -> None:
    """Describe a rule, show its examples and where it is defined."""
    rules = _rules_for(config_path)
    rule = rules.get(rule_id)
    if rule is None and rules.matches_selector(rule_id):  # a family: "claims", "readability"
        members = [r for r in rules.rules if selects(rule_id, r.id)]
        click.echo(f"{rule_id}: {len(members)} rules (`medlint explain RULE` for one)\n")
        for member in members:
            summary = member.description.split(". ")[0].rstrip(".")
            click.echo(f"  {member.id:36s} {str(member.severity):8s} {summary[:90]}")
        return
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, list(rules.by_id), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `medlint rules`"
        raise Failure(f"unknown rule {rule_id!r}{hint}")
    click.echo(f"{rule.id} ({rule.severity}, type {rule.type_name}, scope {rule.scope})\n")
    click.echo(rule.description + "\n")
    if rule.severity_note:
        click.echo(f"Severity: {rule.severity_note}\n")
    if rule.fix_safety != "none":
        click.echo(f"Fix: {rule.fix_safety} ({cli_fix.SAFETY_NOTES[rule.fix_safety]})\n")
    if rule.link:
        click.echo(f"More: {rule.link}\n")
    elif rule.origin.builtin:
        click.echo(f"Docs: docs/rules/{rule.id}.md in the medlint repository\n")
    if rule.default_options:
        click.echo("Options (set under `rules: {" + rule.id + ": {...}}` in the config):")
        for key, value in rule.options.items():
            click.echo(f"  {key}: {value!r}")
        click.echo("")
    for label, examples in (("Flagged", rule.examples_bad), ("Not flagged", rule.examples_good)):
        if examples:
            click.echo(f"{label}:")
            for example in examples:
                text = example.text.strip().replace("\n", "\n      ")
                note = f"  [{example.path}, {example.encoding}]" if example.encoding != "utf-8" else ""
                if example.config:
                    note += "  [with " + ", ".join(f"{k}: {v}" for k, v in example.config) + "]"
                click.echo(f"  - {text}{note}")
            click.echo("")
    click.echo(f"Defined in {rule.origin}")


def _rules_for(config_path: Path | None):
    try:
        config = ConfigFinder(config_path).for_path(Path.cwd())
        return load_rules(config.rule_dirs)
    except SourceError as exc:
        raise Failure(str(exc)) from None


def _lint_options(command: Callable) -> Callable:
    """--select, --ignore, --config and --today, as `check` has them, for the commands that lint."""
    for option in reversed((
        click.option("--select", multiple=True, help="Only these rules or families (comma-separated, repeatable)."),
        click.option("--ignore", multiple=True, help="Skip these rules or families (comma-separated, repeatable)."),
        click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                     help="Use this configuration file instead of searching for one."),
        click.option("--today", callback=parse_date, default=None, metavar="DATE",
                     help="Date to measure review ages against (YYYY-MM-DD) [default: today]."),
    )):
        command = option(command)
    return command


@main.command("baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              default=Path(".medlint-baseline.json"), show_default=True, help="The baseline file to write.")
@_lint_options
@click.pass_context
def write_baseline(ctx: click.Context, paths: tuple[Path, ...], output: Path, select: tuple[str, ...],
                   ignore: tuple[str, ...], config_path: Path | None, today: date | None) -> None:
    """Write today's findings to a baseline file, which `check --baseline FILE` leaves out."""
    ctx.invoke(check, paths=paths, select=select, ignore=ignore, config_path=config_path, today=today,
               output_format="text", quiet=True, write_baseline=output)


def _config_for(config_path: Path | None) -> Config:
    try:
        return ConfigFinder(config_path).for_path(Path.cwd())
    except SourceError as exc:
        raise Failure(str(exc)) from None


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .medlint.yaml.")
def init(force: bool) -> None:
    """Write a commented starter .medlint.yaml in the current folder."""
    target = Path(".medlint.yaml")
    if target.exists() and not force:
        raise Failure(f"{target} already exists (use --force to overwrite)")
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"wrote {target}")


@main.command("merge")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the merged report to this file instead of standard output.")
@click.option("--format", "output_format", type=click.Choice(["json", "sarif"]), default=None,
              help="The reports' format (checked) [default: theirs].")
@click.option("--fail-level", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
              help="Lowest severity in the merged report that makes the exit code 1.")
def merge_command(reports: tuple[Path, ...], output_file: Path | None, output_format: str | None,
                  fail_level: str) -> None:
    """Join the JSON or SARIF reports of sharded runs (`check --shard K/N`) into one."""
    from .merge import MergeError, merge_reports

    try:
        merged = merge_reports(reports, output_format)
        if output_file is not None:
            output_file.write_text(merged.text + "\n", encoding="utf-8")
        else:
            click.echo(merged.text)
    except MergeError as exc:
        raise Failure(str(exc)) from None
    except OSError as exc:
        raise Failure(f"{output_file}: cannot write it ({exc.strerror or exc})") from None
    sys.exit(EXIT_FINDINGS if merged.fails(fail_level) else EXIT_CLEAN)


main.add_command(test_rules)
main.add_command(server)


main.add_command(cli_kb.kb)


@main.command("report")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The HTML file to write (replaced if it exists).")
@_lint_options
@click.option("--title", default="medlint report", show_default=True, help="The page's title.")
@click.option("--no-gitignore", is_flag=True, help="Also lint what .gitignore files ignore in folders.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def report_command(paths: tuple[Path, ...], output: Path, select: tuple[str, ...], ignore: tuple[str, ...],
                   config_path: Path | None, today: date | None, title: str, no_gitignore: bool,
                   no_cache: bool) -> None:
    """Write one self-contained HTML page: each article with its findings highlighted, reading
    grades by section, the section checklist, and a sortable summary. Exit 0 once written."""
    from .cli_report import write_report

    write_report(paths, output, select=_split(select), ignore=_split(ignore), config_path=config_path,
                 today=today, title=title, gitignore=not no_gitignore, use_cache=not no_cache,
                 sources_of=_sources, read=_read)
