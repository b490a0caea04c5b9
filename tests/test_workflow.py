"""CI files stay honest: valid YAML, pinned actions, and the README's own commands."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def steps() -> list[dict]:
    return [step for job in WORKFLOW["jobs"].values() for step in job.get("steps", [])]


def test_runs_on_push_and_pull_request() -> None:
    triggers = WORKFLOW.get("on", WORKFLOW.get(True))
    assert set(triggers) == {"push", "pull_request"}


def test_every_action_is_pinned_to_a_commit() -> None:
    uses = [step["uses"] for step in steps() if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action


def test_uses_the_readme_commands() -> None:
    runs = " ".join(step.get("run", "") for step in steps())
    assert "make site" in runs and "make site" in README
    assert "bash .ci/run" in runs
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8") and "make test" in README
    assert "--format github" in runs


def test_deploys_main_with_the_pages_actions() -> None:
    deploy = WORKFLOW["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("actions/deploy-pages@" in s.get("uses", "") for s in deploy["steps"])
    assert any("actions/upload-pages-artifact@" in s.get("uses", "") for s in steps())
    assert any(
        "actions/upload-artifact@" in s.get("uses", "") and s.get("if") == "github.event_name == 'pull_request'"
        for s in steps()
    )
