"""The analyst's loop, as the README tells it, in a throwaway project: add a saved page and a wire story
with a year-less dateline, extract, see the drafts, merge a duplicate, rename one, fix a field so that
the summary follows, check, build the published site with its address, and serve it on a port the test
chooses. (CI regeneration: tests/test_ci.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import _get
from generator.records.dump import dump_document
from generator.records.io import parse_yaml, to_plain
from tests.sitecopy import ROOT, copy_site
from tests.test_serve import serving, wait_for
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

    # Fix a field (a third officer died): extract composes the title and summary from it again.
    rel = "incidents/karachi-checkpoint-bombing.yaml"
    record = project / "records" / rel
    doc, problems = parse_yaml(record.read_text(encoding="utf-8"), rel)
    assert problems == [] and doc["casualties"]["killed"]["low"] == 2 and "2 killed" in doc["summary"]
    doc["casualties"]["killed"] = {"low": 3, "high": 3, "text": "three officers"}
    record.write_text(dump_document(doc), encoding="utf-8")
    assert briefing(project, "extract", "--jobs", "1").returncode == 0
    fixed = to_plain(parse_yaml(record.read_text(encoding="utf-8"), rel)[0])
    assert fixed["casualties"]["killed"]["low"] == 3  # the analyst's value stays
    assert fixed["title"] == "Bombing in Karachi: 3 killed, 4 wounded", fixed["title"]
    assert "3 killed" in fixed["summary"] and "2 killed" not in fixed["summary"]
    assert briefing(project, "render").returncode == 0
    check = briefing(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "3 killed" in (project / "briefs" / "incidents" / "karachi-checkpoint-bombing.md").read_text()
    review_page = (project / "briefs" / "review.md").read_text(encoding="utf-8")
    assert "incidents/karachi-checkpoint-bombing.html" in review_page  # still a draft: on the review page

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

    # Serve on a port the analyst chooses (`make serve PORT=...` runs this command), read a page, stop.
    with serving(project) as base:
        assert base.startswith("http://127.0.0.1:") and not base.endswith(":8000/")
        page = wait_for(base + "incidents/karachi-checkpoint-bombing.html", "3 killed")
        assert "Bombing in Karachi" in page
        assert "karachi-checkpoint-bombing.html" in wait_for(base + "review.html", "Review")
    assert _get(base) is None  # stopped
