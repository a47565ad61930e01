"""The feed's `updated` (and the CSV's `timestamp`) is when a record last changed, from git history.

A project is made as a git repository (records/ at its top) with commits at fixed times: an
analyst's edit that adds no source moves the edited record's stamp and no other; the same commit
renders the same bytes; an incremental render after a commit equals a full render; outside a git
history (a copy of the same project) the stamps are the sources' days; `check` leaves the dated
downloads out (they are built, not committed).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.site import history
from generator.site.render import render_briefs
from generator.commands.check import stale_briefs
from generator.records.io import load_records

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "records"
ATOM = "{http://www.w3.org/2005/Atom}"
EDITED = "2024-01-28-erbil-air-base-rocket-attack"
OTHER = "2024-01-20-ain-al-asad-air-base-drone-attack"
FIRST, SECOND = 1893456000, 1893542400  # 2030-01-01 and 2030-01-02, 00:00 UTC

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(root: Path, *args: str, when: int | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Analyst", GIT_AUTHOR_EMAIL="analyst@example.org",
               GIT_COMMITTER_NAME="Analyst", GIT_COMMITTER_EMAIL="analyst@example.org",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def render(root: Path, briefs: str = "briefs", stamp: Path | None = None) -> dict[str, str]:
    render_briefs(root / "records", ROOT / "templates", root / briefs, stamp=stamp)
    return {rel: (root / briefs / rel).read_text(encoding="utf-8") for rel in history.HISTORY_FILES}


def updated(files: dict[str, str]) -> dict[str, str]:
    feed = ET.fromstring(files["feed.xml"])
    out = {e.find(f"{ATOM}id").text.rsplit(":", 1)[1]: e.find(f"{ATOM}updated").text
           for e in feed.findall(f"{ATOM}entry")}
    out[""] = feed.find(f"{ATOM}updated").text
    return out


def timestamps(files: dict[str, str]) -> dict[str, str]:
    return {r["event_id_cnty"]: r["timestamp"] for r in csv.DictReader(io.StringIO(files["downloads/incidents.csv"]))}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES, root / "records")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "records")
    git(root, "commit", "-q", "-m", "records", when=FIRST)
    return root


def edit_summary(root: Path) -> None:
    path = root / "records" / "incidents" / f"{EDITED}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nsummary: " in text
    path.write_text(text.replace("\nsummary: ", "\nsummary: Corrected by an analyst. ", 1), encoding="utf-8")


def test_an_edit_without_a_new_source_moves_updated(project: Path):
    before = render(project)
    assert updated(before)[EDITED] == updated(before)[OTHER] == "2030-01-01T00:00:00Z"
    assert timestamps(before)[EDITED] == str(FIRST)
    edit_summary(project)
    git(project, "commit", "-q", "-am", "an analyst's correction", when=SECOND)
    after = render(project)  # incremental: only the edited incident changed
    assert updated(after)[EDITED] == updated(after)[""] == "2030-01-02T00:00:00Z"
    assert updated(after)[OTHER] == "2030-01-01T00:00:00Z"
    assert timestamps(after)[EDITED] == str(SECOND) and timestamps(after)[OTHER] == str(FIRST)
    # A full render of the same commit writes the same bytes, and so does rendering again.
    assert render(project, "full", stamp=project / "no-stamp" / "stamp.json") == after
    assert render(project) == after


def test_an_uncommitted_edit_counts_from_the_commit_checked_out(project: Path):
    git(project, "commit", "-q", "--allow-empty", "-m", "later work", when=SECOND)
    assert updated(render(project))[EDITED] == "2030-01-01T00:00:00Z"
    edit_summary(project)
    dirty = render(project)
    assert updated(dirty)[EDITED] == "2030-01-02T00:00:00Z" and updated(dirty)[OTHER] == "2030-01-01T00:00:00Z"
    assert render(project, "again", stamp=project / "no-stamp" / "stamp.json") == dirty


def test_a_commit_alone_moves_the_stamps_of_a_render_that_had_nothing_else_to_do(project: Path):
    edit_summary(project)
    assert updated(render(project))[EDITED] == "2030-01-01T00:00:00Z"  # uncommitted: HEAD's time
    git(project, "commit", "-q", "-am", "the correction", when=SECOND)
    assert updated(render(project))[EDITED] == "2030-01-02T00:00:00Z"


def test_without_a_history_the_sources_date_the_records(project: Path, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(project / "records", copy / "records")  # a tarball of the same records
    assert history.record_times(copy / "records") == {}
    plain = updated(render(copy))
    assert plain[EDITED] == "2024-01-28T00:00:00Z" and plain[""] < "2030"
    # Nor is the history of a repository used for a records folder that is not at its top.
    nested = project / "sub"
    shutil.copytree(FIXTURES, nested / "records")
    git(project, "add", "sub")
    git(project, "commit", "-q", "-m", "a nested project", when=SECOND)
    assert history.record_times(nested / "records") == {}


def test_check_leaves_the_dated_downloads_out(project: Path):
    render(project)
    edit_summary(project)
    git(project, "commit", "-q", "-am", "the correction", when=SECOND)
    render(project)
    records = load_records(project / "records")
    assert stale_briefs(records, ROOT / "templates", project / "briefs") == []
    (project / "briefs" / "feed.xml").write_text("stale", encoding="utf-8")
    assert stale_briefs(records, ROOT / "templates", project / "briefs") == []
