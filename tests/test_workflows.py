"""The GitHub workflows and the pre-commit hooks, checked without running them.

They cannot run here, so the tests hold them to what can be checked: they
parse, they run only `make` targets the Makefile defines (the commands a
contributor runs locally), and the jobs do what issue 7 asks of them.
"""
from __future__ import annotations

import re
import shlex

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
_TARGET = re.compile(r"^([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*:(?!=)", re.MULTILINE)


def makefile_targets() -> set[str]:
    return set(_TARGET.findall((REPO / "Makefile").read_text(encoding="utf-8")))


def load_workflow(path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as true; GitHub reads it as "on".
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def run_lines(workflow: dict) -> list[tuple[str, str]]:
    """(job id, command line) for every line of every `run:` step."""
    return [(job_id, line.strip())
            for job_id, job in workflow["jobs"].items()
            for step in job.get("steps", []) if "run" in step
            for line in step["run"].splitlines() if line.strip()]


def make_targets_run(workflow: dict, job_id: str | None = None) -> list[str]:
    return [target for job, line in run_lines(workflow) if job_id in (None, job)
            for target in shlex.split(line)[1:] if "=" not in target]  # NAME=value sets a variable


def workflow_named(name: str) -> dict:
    return load_workflow(REPO / ".github" / "workflows" / name)


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"checks.yml", "publish.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_runs_only_make_targets_the_makefile_defines(path):
    workflow = load_workflow(path)
    targets = makefile_targets()
    for job, line in run_lines(workflow):
        words = shlex.split(line)
        assert words[0] == "make", f"{path.name}, job {job}: `{line}` is not a make target the project runs locally"
        for target in (word for word in words[1:] if "=" not in word):
            assert target in targets, f"{path.name}, job {job}: `make {target}` is not a target in the Makefile"


def test_pull_requests_validate_build_and_test():
    workflow = workflow_named("checks.yml")
    assert "pull_request" in workflow["on"]
    assert {"validate", "build", "test"} <= set(make_targets_run(workflow))


def test_pull_requests_check_published_ids_against_their_base_branch():
    workflow = workflow_named("checks.yml")
    job = next(job for job_id, job in workflow["jobs"].items() if "validate" in make_targets_run(workflow, job_id))
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # without history there is no base to compare with
    assert ('make validate "SINCE=origin/${{ github.base_ref }}"') in [line for _, line in run_lines({"jobs": {"v": job}})]


def test_push_to_main_publishes_to_pages_after_checks():
    workflow = workflow_named("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    uses = {job_id: [step.get("uses", "").split("@")[0] for step in job.get("steps", [])]
            for job_id, job in workflow["jobs"].items()}
    uploader = next(job for job, actions in uses.items() if "actions/upload-pages-artifact" in actions)
    deployer = next(job for job, actions in uses.items() if "actions/deploy-pages" in actions)
    assert {"validate", "build"} <= set(make_targets_run(workflow, uploader))
    build = next(step for step in workflow["jobs"][uploader]["steps"] if step.get("run") == "make build")
    pages = next(step for step in workflow["jobs"][uploader]["steps"] if step.get("uses", "").startswith("actions/configure-pages"))
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"  # read by mkdocs.yml
    deploy = workflow["jobs"][deployer]
    assert uploader in deploy["needs"] and "test" in deploy["needs"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_jobs_that_run_the_tests_run_in_debian(path):
    # The browser tests need Debian's chromium; the runners' package is a stub.
    workflow = load_workflow(path)
    for job_id, job in workflow["jobs"].items():
        if "test" in make_targets_run(workflow, job_id):
            image = job.get("container")
            image = image["image"] if isinstance(image, dict) else image
            assert image and ("bookworm" in image or image.startswith("debian")), f"{path.name}, job {job_id}"


def test_pre_commit_validates_the_changed_claim_files():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = [repo for repo in config["repos"] if repo["repo"] == "local"]
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    claims = hooks["validate-claims"]
    assert claims["language"] == "system"
    assert claims["entry"].endswith("python -m build_tools validate")
    assert claims.get("pass_filenames", True)
    pattern = re.compile(claims["files"])
    assert pattern.search("claims/diplomacy/kim-putin-pact.yaml")
    # Registries are not claim files: validate would refuse them as FILE arguments.
    assert not pattern.search("claims/topics.yaml")
    everything = re.compile(hooks["validate-all"]["files"])
    assert everything.search("claims/topics.yaml") and everything.search("claims/published-ids.txt")
    assert hooks["validate-all"]["pass_filenames"] is False
