"""The analyst's loop, as the README tells it, in a throwaway project: add a saved page and a wire story
with a year-less dateline, extract, see the drafts, merge a duplicate, rename one, check, and build the
published site with its address. (Serving on a chosen port and CI regeneration: tests/test_ci.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitecopy import ROOT, copy_site
from tests.test_add import PAGE, WIRE


def briefing(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=900)


@pytest.mark.slow
def test_the_analysts_loop(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_site(project)
    shutil.rmtree(project / "records")
    (project / "records").mkdir()
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (tmp_path / "drone-strike.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")

    # Add: a saved page (metadata from the page), a wire story whose dateline has no year.
    added = briefing(project, "add", str(tmp_path / "drone-strike.html"))
    assert added.returncode == 0 and "published 2024-06-11 (the page's metadata)" in added.stderr
    refused = briefing(project, "add", str(tmp_path / "wire.txt"))
    assert refused.returncode == 1 and "--published YYYY" in refused.stderr
    added = briefing(project, "add", str(tmp_path / "wire.txt"), "--published", "2024")
    assert added.returncode == 0 and "Reuters, published 2024-03-03" in added.stderr
    again = briefing(project, "add", str(tmp_path / "drone-strike.html"))
    assert again.returncode == 1 and "already in seeds/2024-06-11-drone-strike-hits-fuel-depot-near-erbil.md" in again.stderr

    # Extract, then the drafts waiting for review, newest first.
    assert briefing(project, "extract", "--jobs", "1").returncode == 0
    review = briefing(project, "review")
    assert review.returncode == 0
    lines = [line.split()[1] for line in review.stdout.splitlines() if not line.startswith(" ")]
    dates = [name[:10] for name in lines]
    assert dates == sorted(dates, reverse=True)
    karachi = next(name for name in lines if "karachi" in name)
    assert karachi.startswith("2024-03-03-") and any("erbil" in name for name in lines)

    # Merge two records of one day at one base (as an analyst judging them one incident), rename one.
    same_day = [name for name in lines if name.startswith("2023-10-18-")]
    assert len(same_day) == 2
    merged = briefing(project, "merge", same_day[0], same_day[1])
    assert merged.returncode == 0, merged.stderr
    renamed = briefing(project, "rename", karachi, "karachi-checkpoint-bombing")
    assert renamed.returncode == 0, renamed.stderr

    # Nothing the edits did is undone by the generator; records and briefs check.
    assert briefing(project, "render").returncode == 0
    extract = briefing(project, "extract", "--jobs", "1")
    assert extract.returncode == 0 and "; 0 record files changed" in extract.stderr, extract.stderr
    check = briefing(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr

    # The published build knows its address; the old id redirects.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://analyst.github.io/briefing/"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout + build.stderr
    site = project / "site"
    assert (site / "incidents" / "karachi-checkpoint-bombing.html").is_file()
    assert "karachi-checkpoint-bombing.html" in (site / "incidents" / f"{karachi}.html").read_text()
    assert "https://analyst.github.io/briefing/incidents/karachi-checkpoint-bombing.html" in \
        (site / "sitemap.xml").read_text()
    assert f"{same_day[0]}.html" in (site / "incidents" / f"{same_day[1]}.html").read_text()  # merged away
