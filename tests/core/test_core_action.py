"""The GitHub Action (action.yml, composite), run without GitHub: its `run:` steps' scripts, in
order, with bash as GitHub runs them (`bash --noprofile --norc -eo pipefail`), on a temporary git
repository, with the variables GitHub sets (GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT,
RUNNER_TEMP, ...) and each step's `env:` with its ${{ }} expressions worked out.

Most tests give the `medlint` input (a medlint that is already installed: this environment's),
so the install step installs nothing. One runs the real install, a virtualenv and
`pip install "$GITHUB_ACTION_PATH"`, offline (the `offline_pip_env` fixture in conftest.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from medlint import __version__

CHECKOUT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((CHECKOUT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
HYPE = ("::warning file=bad.md,line=6,col=6,endLine=6,endColumn=13,title=claims.hype::"
        "'miracle' is hype or absolute language; say what the evidence shows instead")


@dataclass
class Run:
    returncode: int
    stdout: str = ""
    stderr: str = ""
    step_outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    steps_run: list[str] = field(default_factory=list)


def _read_outputs(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT's `name=value` lines and `name<<DELIMITER` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            outputs[name] = "\n".join(iter(lines.__next__, delimiter))
        elif line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


#: the `github` context of a workflow that says `uses: OWNER/medlint@v0.2.0`
GITHUB_CONTEXT = {"server_url": "https://github.com", "action_repository": "OWNER/medlint", "action_ref": "v0.2.0"}


def _evaluate(text: str, inputs: dict[str, str], step_outputs: dict[str, dict[str, str]],
              github: dict[str, str] = GITHUB_CONTEXT) -> str:
    def value(match: re.Match) -> str:
        expression = match.group(1)
        if m := re.fullmatch(r"inputs\.([\w-]+)", expression):
            return inputs[m.group(1)]
        if m := re.fullmatch(r"github\.(\w+)", expression):
            return github[m.group(1)]
        if m := re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression):
            return step_outputs.get(m.group(1), {}).get(m.group(2), "")
        raise AssertionError(f"the test harness does not evaluate ${{{{ {expression} }}}}: teach it")

    return EXPRESSION.sub(value, text)


def run_action(workspace: Path, runner_temp: Path, extra_env: dict[str, str] | None = None, *,
               github: dict[str, str] = GITHUB_CONTEXT, **given: str) -> Run:
    declared = ACTION["inputs"]
    unknown = {name.replace("_", "-") for name in given} - set(declared)
    assert not unknown, f"action.yml has no input {unknown}"
    inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    inputs.update({name.replace("_", "-"): value for name, value in given.items()})
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "INPUT_"))}
    base.update(extra_env or {})
    base.update(CI="true", GITHUB_ACTIONS="true", GITHUB_ACTION_PATH=str(CHECKOUT),
                GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(runner_temp))
    run = Run(0)
    for number, step in enumerate(STEPS):
        output_file = runner_temp / f"output-{number}"
        output_file.write_text("", encoding="utf-8")
        script = runner_temp / f"step-{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = dict(base, GITHUB_OUTPUT=str(output_file))
        env.update({name: _evaluate(str(value), inputs, run.step_outputs, github)
                    for name, value in step.get("env", {}).items()})
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                              env=env, capture_output=True, text=True, timeout=600, check=False)
        run.stdout += done.stdout
        run.stderr += done.stderr
        run.steps_run.append(step.get("id", step["name"]))
        run.step_outputs[step.get("id", str(number))] = _read_outputs(output_file)
        if done.returncode != 0:  # GitHub stops at a failed step
            run.returncode = done.returncode
            break
    run.outputs = {name: _evaluate(spec["value"], inputs, run.step_outputs)
                   for name, spec in ACTION.get("outputs", {}).items()}
    return run


def _git(*args: str, cwd: Path) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="medlint tests", GIT_AUTHOR_EMAIL="tests@medlint.invalid",
               GIT_COMMITTER_NAME="medlint tests", GIT_COMMITTER_EMAIL="tests@medlint.invalid")
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=cwd, env=env,
                   check=True, capture_output=True)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A repository of articles: one with a hype word (a warning), one clean."""
    root = tmp_path / "workspace"
    (root / "notes").mkdir(parents=True)
    # only the engine's rules and claims.hype, failing on warnings
    (root / ".medlint.yaml").write_text("select: [claims.hype, document]\nfail-level: warning\n", encoding="utf-8")
    (root / "bad.md").write_text("---\ntitle: Sleep\n---\n# Sleep\n\nThis miracle pill fixes insomnia.\n",
                                 encoding="utf-8")
    (root / "clean.md").write_text("---\ntitle: Sleep\n---\n# Sleep\n\nMost adults need 7 to 9 hours.\n",
                                   encoding="utf-8")
    (root / "notes" / "clean.html").write_text("<h1>Naps</h1><p>A short nap can help.</p>\n", encoding="utf-8")
    _git("init", "-q", cwd=root)
    _git("add", "-A", cwd=root)
    _git("commit", "-q", "-m", "articles", cwd=root)
    return root


@pytest.fixture
def runner_temp(tmp_path: Path) -> Path:
    folder = tmp_path / "runner-temp"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def installed_medlint(tmp_path_factory) -> str:
    """This environment's medlint, as one executable path for the `medlint` input."""
    wrapper = tmp_path_factory.mktemp("bin") / "medlint"
    # -I: the installed package, never a ./medlint folder of the current directory
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -I -m medlint "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper)


def annotations(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(("::error ", "::warning ", "::notice "))]


def test_action_is_composite_bash_and_takes_inputs_through_env_only():
    assert ACTION["runs"]["using"] == "composite"
    assert [step.get("id") for step in STEPS] == ["install", "check"]
    for step in STEPS:
        assert step["shell"] == "bash"
        assert "if" not in step  # the harness above runs every step
        assert "${{" not in step["run"], "inputs reach scripts through env: no ${{ }} inside run:"
    install = STEPS[0]["run"]
    assert 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in install
    assert not re.search(r"pip install\b[^\n]*\bmedlint\b", install)  # the index's medlint is another project
    assert set(ACTION["inputs"]) == {"paths", "fail-level", "args", "sarif-file", "python", "medlint"}
    assert all(spec.get("description") for spec in ACTION["inputs"].values())


def test_findings_become_annotations_and_fail_the_step(workspace, runner_temp, installed_medlint):
    run = run_action(workspace, runner_temp, medlint=installed_medlint)
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.steps_run == ["install", "check"]
    assert annotations(run.stdout) == [HYPE]
    assert run.step_outputs["install"] == {"medlint": installed_medlint}
    assert "Traceback" not in run.stderr
    assert not (runner_temp / "medlint-venv").exists()  # given a medlint, the action installs nothing
    assert run.outputs == {"sarif-file": ""}  # no SARIF unless asked
    assert "sarif-file" not in run.step_outputs["check"]


def test_fail_level_never_reports_and_passes(workspace, runner_temp, installed_medlint):
    run = run_action(workspace, runner_temp, medlint=installed_medlint, fail_level="never")
    assert run.returncode == 0, run.stdout + run.stderr
    assert annotations(run.stdout) == [HYPE]


def test_fail_level_error_lets_warnings_pass(workspace, runner_temp, installed_medlint):
    run = run_action(workspace, runner_temp, medlint=installed_medlint, fail_level="error")
    assert (run.returncode, annotations(run.stdout)) == (0, [HYPE])


@pytest.mark.parametrize("paths", ["  clean.md notes ", "clean.md\nnotes/clean.html\n"])
def test_paths_are_split_on_spaces_and_new_lines(workspace, runner_temp, installed_medlint, paths):
    run = run_action(workspace, runner_temp, medlint=installed_medlint, paths=paths)
    assert run.returncode == 0, run.stdout + run.stderr
    assert annotations(run.stdout) == []
    assert "bad.md" not in run.stdout


def test_paths_name_several_files(workspace, runner_temp, installed_medlint):
    run = run_action(workspace, runner_temp, medlint=installed_medlint, paths="notes\nbad.md")
    assert (run.returncode, annotations(run.stdout)) == (1, [HYPE])


def test_args_reach_medlint_check(workspace, runner_temp, installed_medlint):
    run = run_action(workspace, runner_temp, medlint=installed_medlint, args="--select document --quiet")
    assert (run.returncode, annotations(run.stdout)) == (0, [])
    # the action's --format github comes after the user's arguments, so it wins
    run = run_action(workspace, runner_temp, medlint=installed_medlint, args="--format json")
    assert (run.returncode, annotations(run.stdout)) == (1, [HYPE])


def test_a_bad_input_is_a_usage_error_not_a_traceback(workspace, runner_temp, installed_medlint):
    run = run_action(workspace, runner_temp, medlint=installed_medlint, fail_level="loud")
    assert run.returncode == 2
    assert "'loud'" in run.stderr and "Traceback" not in run.stderr
    run = run_action(workspace, runner_temp, medlint=installed_medlint, paths="missing.md")
    assert run.returncode == 2
    assert "missing.md" in run.stderr and "Traceback" not in run.stderr


def test_a_medlint_that_does_not_run_stops_the_install_step(workspace, runner_temp):
    run = run_action(workspace, runner_temp, medlint=str(runner_temp / "no-such-medlint"))
    assert run.returncode != 0
    assert run.steps_run == ["install"]


def _supports_sarif(medlint: str) -> bool:
    usage = subprocess.run([medlint, "check", "--help"], capture_output=True, text=True, check=False).stdout
    return "sarif" in usage


def test_sarif_file_is_written_for_upload(workspace, runner_temp, installed_medlint):
    if not _supports_sarif(installed_medlint):
        pytest.skip("this medlint has no --format sarif yet (issue 17, item 1, is built on another branch)")
    run = run_action(workspace, runner_temp, medlint=installed_medlint, sarif_file="reports/medlint.sarif")
    assert run.returncode == 1, run.stdout + run.stderr
    assert annotations(run.stdout) == [HYPE]
    assert run.outputs == {"sarif-file": "reports/medlint.sarif"}
    log = json.loads((workspace / "reports" / "medlint.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    results = [r for sarif_run in log["runs"] for r in sarif_run["results"]]
    assert [r["ruleId"] for r in results] == ["claims.hype"]
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    # help links go to the pages of the action's repository at the tag the workflow named
    assert rules["claims.hype"]["helpUri"] == "https://github.com/OWNER/medlint/blob/v0.2.0/docs/rules/claims.hype.md"


def test_sarif_links_go_to_the_installed_pages_for_a_local_action(workspace, runner_temp, installed_medlint):
    """`uses: ./` (an action in the workflow's own repository) has no action repository or ref."""
    if not _supports_sarif(installed_medlint):
        pytest.skip("this medlint has no --format sarif yet (issue 17, item 1, is built on another branch)")
    local = dict(GITHUB_CONTEXT, action_repository="", action_ref="")
    run = run_action(workspace, runner_temp, medlint=installed_medlint, sarif_file="medlint.sarif", github=local)
    assert run.returncode == 1, run.stdout + run.stderr
    log = json.loads((workspace / "medlint.sarif").read_text(encoding="utf-8"))
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["claims.hype"]["helpUri"].startswith("file:")


def test_the_real_install_from_the_action_path(workspace, runner_temp, offline_pip_env):
    run = run_action(workspace, runner_temp, offline_pip_env, python=sys.executable)
    venv_medlint = runner_temp / "medlint-venv" / "bin" / "medlint"
    assert run.step_outputs["install"] == {"medlint": str(venv_medlint)}, run.stdout + run.stderr
    assert run.returncode == 1, run.stdout + run.stderr
    assert annotations(run.stdout) == [HYPE]
    assert "::group::Install medlint from " + str(CHECKOUT) in run.stdout
    assert f"medlint, version {__version__}" in run.stdout
    # the virtualenv's own medlint, built from the action's checkout, not this environment's
    located = subprocess.run([str(venv_medlint.parent / "python"), "-c", "import medlint; print(medlint.__file__)"],
                             cwd=workspace, env=dict(os.environ, **offline_pip_env), capture_output=True, text=True,
                             check=True)
    assert located.stdout.startswith(str(runner_temp / "medlint-venv"))


def _readme_workflows() -> list[dict]:
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", readme, re.S)]
    return [block for block in blocks if isinstance(block, dict) and "jobs" in block]


def test_readme_installs_from_the_repository_only():
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"pip install\s+(?:-\S+\s+)*[\"']?medlint\b", readme)
    assert "example.org/your-mirror" not in readme
    for url in re.findall(r"pip install [^\n]*?\"(git\+[^\"]+)\"", readme):
        assert url.endswith(f"/medlint@v{__version__}"), url


def test_readme_workflows_use_the_action_with_inputs_it_has():
    workflows = _readme_workflows()
    assert len(workflows) == 2
    uses = [step for workflow in workflows for job in workflow["jobs"].values() for step in job["steps"]
            if step.get("uses", "").startswith("OWNER/medlint@")]
    assert len(uses) == 2
    for step in uses:
        assert step["uses"] == f"OWNER/medlint@v{__version__}"
        assert set(step.get("with", {})) <= set(ACTION["inputs"])
    [sarif_job] = [job for workflow in workflows for job in workflow["jobs"].values()
                   if any("upload-sarif" in step.get("uses", "") for step in job["steps"])]
    medlint_step, upload = sarif_job["steps"][1:]
    assert upload["with"]["sarif_file"] == medlint_step["with"]["sarif-file"]
    assert sarif_job["permissions"]["security-events"] == "write"
