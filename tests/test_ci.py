"""CI: the workflow file, the Makefile targets it calls, and `.ci/regenerate` driven on a temporary clone."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
SCRIPT = ROOT / ".ci" / "regenerate"
# make -n without the set-up stamps, so that only the target's own recipe is printed.
MAKE_N = ["make", "-n", "-o", ".venv/.installed", "-o", "node_modules/.installed"]

# What the test suite runs itself: a recipe line of a Makefile target the workflow calls must be one of these.
EXERCISED = [
    r"\.venv/bin/python -m generator (check|extract|render)",       # test_extract_run, test_records_*, here
    r"\.venv/bin/python -m mkdocs build --strict( --quiet)?",       # test_site
    r"\.venv/bin/python -m pytest -q",                              # the suite itself
    r"test -n \"\$BRIEFING_CHROMIUM\" \|\| command -v chromium .*",  # test_browser's browser
    r"npm ci --ignore-scripts --no-audit --no-fund",
    r"touch node_modules/\.installed",
]
# The options of .ci/regenerate that test_regenerate_on_a_clone runs.
REGENERATE_OPTIONS = {"--base", '"$BASE"', "--push", "--pull-request"}


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def run_commands(data: dict) -> list[tuple[str, str]]:
    """(job, command) for every command of every `run:` step (comments dropped, continuations joined)."""
    out = []
    for name, job in data["jobs"].items():
        for step in job.get("steps", []):
            script = step.get("run")
            if script:
                for line in script.replace("\\\n", " ").splitlines():
                    line = line.split(" #")[0].strip()
                    if line and not line.startswith("#"):
                        out.append((name, line))
    return out


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.M))


# ------------------------------------------------------------------------------------------ workflow


def test_workflow_parses_with_least_privilege():
    data = workflow()
    assert set(data["on"]) >= {"push", "pull_request"}
    assert data["permissions"] == {"contents": "read"}
    jobs = data["jobs"]
    assert set(jobs) == {"regenerate", "build", "deploy"}
    assert jobs["regenerate"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        if name != "regenerate":
            assert "write" not in job["permissions"].get("contents", "read")
        if name != "deploy":
            assert not {"pages", "id-token"} & set(job["permissions"])
    # Deployments are never cancelled midway and happen from main only.
    deploy = jobs["deploy"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert jobs["regenerate"]["concurrency"]["cancel-in-progress"] is False
    assert "concurrency" not in data  # a workflow-wide group would cancel deployments with the rest
    # The extraction cache is kept between runs, keyed by the seeds and the generator.
    caches = [s for j in jobs.values() for s in j["steps"] if str(s.get("uses", "")).startswith("actions/cache")]
    assert len(caches) == 2
    for step in caches:
        assert step["with"]["path"] == ".cache/extract"
        assert "hashFiles('seeds/**', 'generator/**'" in step["with"]["key"]
    # The build knows the site's address.
    build_env = next(s for s in jobs["build"]["steps"] if s.get("run") == "make build")["env"]
    assert "vars.SITE_URL" in build_env["SITE_URL"] and ".github.io/" in build_env["SITE_URL"]


def test_workflow_runs_only_makefile_targets_and_the_regenerate_script():
    commands = run_commands(workflow())
    assert commands
    targets = makefile_targets()
    used_targets = set()
    for job, command in commands:
        words = shlex.split(command, posix=False)
        if words[0] == "make":
            assert len(words) == 2 and words[1] in targets, (job, command)
            used_targets.add(words[1])
        else:
            assert words[0] == ".ci/regenerate" and set(words[1:]) <= REGENERATE_OPTIONS, (job, command)
    assert {"setup", "check", "build", "test"} <= used_targets
    for target in sorted(used_targets - {"setup"}):  # setup is the README's own pip install
        recipe = subprocess.run(MAKE_N + [target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        for line in recipe.splitlines():
            if line.strip() and not line.startswith("make"):
                assert any(re.fullmatch(p, line.strip()) for p in EXERCISED), (target, line)


def test_make_serve_takes_host_and_port():
    default = subprocess.run(MAKE_N + ["serve"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "-m mkdocs serve --dirty -a 127.0.0.1:8000" in default
    chosen = subprocess.run(MAKE_N + ["serve", "PORT=8765", "HOST=127.0.0.1"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    assert "-m mkdocs serve --dirty -a 127.0.0.1:8765" in chosen
    full = subprocess.run(MAKE_N + ["serve-full", "PORT=8766"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout
    assert "-m mkdocs serve -a 127.0.0.1:8766" in full


def test_site_url_comes_from_the_environment(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config(str(ROOT / "mkdocs.yml")).site_url is None
    monkeypatch.setenv("SITE_URL", "https://analyst.github.io/briefing/")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://analyst.github.io/briefing/"


# ------------------------------------------------------------------------------------- regeneration

PROJECT = ("generator", "templates", "seeds", "records", "briefs", ".ci", "Makefile", "mkdocs.yml",
           "pyproject.toml", ".gitignore")

ARTICLE = """Rocket attack wounds two at Ain al-Asad air base

BAGHDAD, Jan 20 (Reuters) - Several rockets struck the Ain al-Asad air base in western Iraq on Saturday, wounding two U.S. service members, a U.S. defense official said.

The Islamic Resistance in Iraq claimed responsibility for the attack in a statement on Telegram.
"""

SECOND = """Drone hits Erbil air base, no casualties

ERBIL, Iraq, Feb 2 (Reuters) - A drone struck the Erbil air base in northern Iraq on Friday without causing casualties, the Kurdistan Region's counter-terrorism service said.
"""


def git(cwd: Path, *args: str, **kwargs) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Analyst", "GIT_AUTHOR_EMAIL": "analyst@example.org",
           "GIT_COMMITTER_NAME": "Analyst", "GIT_COMMITTER_EMAIL": "analyst@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True,
                          **kwargs).stdout


def small_project(dest: Path) -> None:
    """The project's own files (as they are in the work tree) in a fresh repository at `dest`."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *PROJECT],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git(dest, "init", "--quiet", "--initial-branch=main")
    git(dest, "add", "--all")
    git(dest, "commit", "--quiet", "-m", "Project")


def regenerate(clone: Path, *args: str, **env) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PY": sys.executable, "GITHUB_OUTPUT": str(clone.parent / "output"), **env}
    full_env.pop("SITE_URL", None)
    return subprocess.run([str(clone / ".ci" / "regenerate"), *args], cwd=clone, env=full_env,
                          capture_output=True, text=True, timeout=900)


def add_article(clone: Path, name: str, text: str, published: str) -> str:
    (clone.parent / name).write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "add", str(clone.parent / name),
                             "--published", published], cwd=clone, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seed = next(line for line in result.stderr.splitlines() if line.startswith("add: ")).split(":")[1].strip()
    git(clone, "add", seed)
    git(clone, "commit", "--quiet", "-m", f"Add {name}")
    return seed


@pytest.mark.slow
def test_regenerate_on_a_clone(tmp_path):
    project, origin, clone = tmp_path / "project", tmp_path / "origin.git", tmp_path / "clone"
    project.mkdir()
    small_project(project)
    git(tmp_path, "clone", "--quiet", "--bare", str(project), str(origin))
    git(tmp_path, "clone", "--quiet", str(origin), str(clone))
    git(clone, "switch", "--quiet", "-c", "new-article")

    # A pull request's branch gains an article: the drafts are committed and pushed to the branch.
    seed = add_article(clone, "wire.txt", ARTICLE, "2024")
    before = git(clone, "rev-parse", "HEAD").strip()
    result = regenerate(clone, "--base", "main", "--push")
    assert result.returncode == 0, result.stdout + result.stderr
    head = git(clone, "rev-parse", "HEAD").strip()
    assert head != before and git(clone, "log", "-1", "--format=%s").strip() == "Drafts for 1 new article"
    assert git(origin, "rev-parse", "refs/heads/new-article").strip() == head
    assert (tmp_path / "output").read_text().strip() == f"commit={head}"
    changed = git(clone, "diff", "--name-status", before, head).splitlines()
    stem = Path(seed).stem
    new_records = [line.split("\t")[1] for line in changed
                   if line.startswith("A\trecords/incidents/") and stem in (clone / line.split("\t")[1]).read_text()]
    assert new_records, changed
    record_id = Path(new_records[0]).stem
    assert f"A\trecords/.generated/incidents/{record_id}.yaml" in changed
    assert f"A\tbriefs/incidents/{record_id}.md" in changed
    assert "2024-01-20" in record_id  # the year-less dateline took --published's year
    assert not any(line.split("\t")[1].startswith("seeds/") for line in changed)
    assert git(clone, "status", "--porcelain") == ""

    # Nothing new: a second run commits nothing.
    again = regenerate(clone, "--base", "main", "--push")
    assert again.returncode == 0, again.stderr
    assert git(clone, "rev-parse", "HEAD").strip() == head
    assert git(clone, "status", "--porcelain") == ""
    # Without --base it compares with the last regeneration: nothing to do either.
    quiet = regenerate(clone)
    assert quiet.returncode == 0 and "nothing to do" in quiet.stdout

    # Uncommitted changes under records/ are never swept into a drafts commit.
    record = clone / new_records[0]
    record.write_text(record.read_text() + "# a note\n")
    refused = regenerate(clone)
    assert refused.returncode == 1 and "uncommitted changes" in refused.stderr
    git(clone, "checkout", "--", new_records[0])

    # On main an article pushed directly becomes a pull request, not a push to main.
    git(clone, "switch", "--quiet", "main")
    git(clone, "merge", "--quiet", "--ff-only", "new-article")
    git(clone, "push", "--quiet", "origin", "main")
    add_article(clone, "second.txt", SECOND, "2024")
    git(clone, "push", "--quiet", "origin", "main")
    main_before = git(origin, "rev-parse", "refs/heads/main").strip()
    fake_gh = tmp_path / "gh"
    fake_gh.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/gh-args"\n'
                       'echo https://github.example/o/r/pull/7\n')
    fake_gh.chmod(0o755)
    (tmp_path / "output").write_text("")
    proposed = regenerate(clone, "--base", main_before + "~1", "--pull-request", GH=str(fake_gh))
    assert proposed.returncode == 0, proposed.stdout + proposed.stderr
    assert git(origin, "rev-parse", "refs/heads/main").strip() == main_before  # main untouched
    drafts = [ref for ref in git(origin, "branch", "--format=%(refname:short)").split() if ref.startswith("drafts/")]
    assert len(drafts) == 1
    assert git(origin, "log", "-1", "--format=%s", drafts[0]).strip() == "Drafts for 1 new article"
    args = (tmp_path / "gh-args").read_text().splitlines()
    assert args[:2] == ["pr", "create"] and args[args.index("--base") + 1] == "main"
    assert args[args.index("--head") + 1] == drafts[0] and args[args.index("--title") + 1] == "Drafts for 1 new article"
    assert (tmp_path / "output").read_text().strip() == "pull_request=https://github.example/o/r/pull/7"
