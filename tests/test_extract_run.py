"""The extract command end to end: seeds -> records, merging, idempotence, edits kept, hostile input."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cache import Stamps
from generator.extract.run import run_extract

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    work = tmp_path_factory.mktemp("seeded")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    report = run_extract(work / "seeds", work / "records", jobs=1, cache_dir=None)
    return work, report


def test_pipeline_seeds_make_three_incidents_and_merge_the_al_asad_reports(seeded):
    work, report = seeded
    assert (report.articles, report.incidents) == (3, 3)
    records = [yaml.safe_load(p.read_text()) for p in sorted((work / "records" / "incidents").glob("*.yaml"))]
    rocket = next(r for r in records if r["event_type"] == "rocket_attack")
    assert [s["article"] for s in rocket["sources"]] == ["001_bff8c5740fad93cd", "002_a31e87b52b988f2a"]
    assert rocket["location"]["place"] == "al-asad-airbase"
    assert rocket["casualties"]["wounded"]["low"] == 2
    for r in records:
        article_text = {a: (work / "seeds" / f"{a}.txt").read_text() for a in (s["article"] for s in r["sources"])}
        for source in r["sources"]:
            for ev in source["evidence"]:
                assert ev["text"] in article_text[source["article"]]


def test_pipeline_rerun_changes_nothing(seeded):
    work, _ = seeded
    before = tree(work / "records")
    report = run_extract(work / "seeds", work / "records", jobs=1, cache_dir=None)
    assert report.changed == [] and tree(work / "records") == before


def test_pipeline_a_persons_edit_survives_regeneration(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    run_extract(tmp_path / "seeds", tmp_path / "records", jobs=1, cache_dir=None)
    path = next((tmp_path / "records" / "incidents").glob("*rocket-attack.yaml"))
    text = path.read_text().replace("title: ", "# checked against the CENTCOM release\ntitle: ", 1)
    text = text.replace("occurrence: confirmed", "occurrence: disputed")
    path.write_text(text)
    run_extract(tmp_path / "seeds", tmp_path / "records", jobs=1, cache_dir=None)
    after = path.read_text()
    assert "occurrence: disputed" in after
    assert "# checked against the CENTCOM release" in after


def test_pipeline_cache_gives_the_same_records(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    run_extract(tmp_path / "seeds", tmp_path / "a", jobs=1, cache_dir=tmp_path / "cache")
    report = run_extract(tmp_path / "seeds", tmp_path / "b", jobs=1, cache_dir=tmp_path / "cache")
    assert report.cache_hits == 3 and report.cache_misses == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


HOSTILE = """Militants fire rockets at <script>alert('x')</script> base

Rockets hit Ain al-Asad air base in Iraq on Tuesday, wounding two soldiers, officials said. \
A group calling itself [the Brigade](javascript:alert(1)) | {{ config }} {% raw %} claimed responsibility \
<img src=x onerror=alert(2)> for the attack.
"""


def test_pipeline_malicious_article_is_shown_as_text_in_the_built_site(tmp_path):
    """A hostile article goes all the way through extract, render and mkdocs build."""
    from sitecopy import copy_site

    project = copy_site(tmp_path)
    shutil.rmtree(project / "records")
    (project / "seeds").mkdir()
    (project / "seeds" / "evil.txt").write_text(HOSTILE)
    (project / "seeds" / "sources.yaml").write_text("evil.txt:\n  published: 2024-03-14\n  url: javascript:alert(3)\n")
    run_extract(project / "seeds", project / "records", jobs=1, cache_dir=None)
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "generator", "render"], cwd=project, check=True, env=env)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, check=True,
                   env=env)
    pages = list((project / "site").rglob("*.html"))
    joined = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert "alert(" in joined  # the text is there ...
    assert "<script>alert" not in joined and "<img src=x" not in joined  # ... but never as markup
    assert 'href="javascript:' not in joined
    assert "{{ config }}" in joined or "{{ config }}" not in HOSTILE


def test_pipeline_unknown_claimant_becomes_a_draft_actor(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "n1.md").write_text(
        "---\ntitle: New group claims rocket attack\npublished: 2024-02-10\n---\n"
        "Rockets struck the Conoco gas field base in eastern Syria on Friday, causing no casualties, a "
        "coalition official said.\n\nA previously unknown group calling itself the Liwa al-Fajr al-Jadid "
        "claimed responsibility for the attack in a statement.\n")
    run_extract(tmp_path / "seeds", tmp_path / "records", jobs=1, cache_dir=None)
    actor = yaml.safe_load((tmp_path / "records" / "actors" / "liwa-al-fajr-al-jadid.yaml").read_text())
    assert (actor["name"], actor["kind"], actor["review"]) == ("Liwa al-Fajr al-Jadid", "armed_group", "draft")
    (incident,) = [yaml.safe_load(p.read_text()) for p in (tmp_path / "records" / "incidents").glob("*.yaml")]
    assert {"actor": "liwa-al-fajr-al-jadid", "role": "claimed", "sources": ["n1"]} in incident["actors"]


def test_pipeline_check_fails_on_stale_records_and_briefs(tmp_path):
    """`check` exits 1 with a short diff when the seeds gained an article or briefs lag the records."""
    from generator.cli import main

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    records, briefs = tmp_path / "records", tmp_path / "briefs"
    args = ["--records", str(records), "--briefs", str(briefs), "--templates", str(tmp_path / "templates")]
    run_extract(tmp_path / "seeds", records, jobs=1, cache_dir=None)
    assert main(["render", *args]) == 0
    assert main(["check", *args, "--seeds", str(tmp_path / "seeds"), "--no-cache"]) == 0
    (tmp_path / "seeds" / "new.txt").write_text(
        "Drone hits Erbil airport\n\nA drone struck Erbil International Airport in Iraq on Monday, wounding "
        "two guards, officials said.\n")
    assert main(["check", *args, "--seeds", str(tmp_path / "seeds"), "--no-cache"]) == 1
    run_extract(tmp_path / "seeds", records, jobs=1, cache_dir=None)
    assert main(["check", *args, "--no-seeds"]) == 1  # records moved on, briefs did not
    assert main(["render", *args]) == 0
    assert main(["check", *args, "--seeds", str(tmp_path / "seeds"), "--no-cache"]) == 0


def test_pipeline_rerun_on_a_varied_corpus_writes_nothing(tmp_path):
    """Forty generated articles (duplicates across outlets, two attacks a day, restated salvos): the
    second run, from the cache, must find every record and every memory file already as it would write them."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import make_corpus

    make_corpus(40, tmp_path / "seeds", seed=3)
    first = run_extract(tmp_path / "seeds", tmp_path / "records", jobs=1, cache_dir=tmp_path / "cache")
    assert first.incidents > 10
    before = tree(tmp_path / "records")
    forgotten = Stamps(tmp_path / "cache").forget_stamps()  # make the second run reconcile in full
    assert forgotten == ["extract-stamp.json", "reconcile-stamp.json"]
    second = run_extract(tmp_path / "seeds", tmp_path / "records", jobs=1, cache_dir=tmp_path / "cache")
    assert not second.unchanged and second.cache_hits == second.articles
    assert second.changed == [] and tree(tmp_path / "records") == before


def test_pipeline_skips_reconcile_only_when_nothing_changed(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    options = dict(jobs=1, cache_dir=tmp_path / "cache")
    run_extract(tmp_path / "seeds", tmp_path / "records", **options)
    assert run_extract(tmp_path / "seeds", tmp_path / "records", **options).changed == []
    memory = next((tmp_path / "records" / ".generated" / "incidents").glob("*.yaml"))
    memory.unlink()  # any change under records/ makes the next run reconcile again
    report = run_extract(tmp_path / "seeds", tmp_path / "records", **options)
    assert report.changed == [f".generated/incidents/{memory.name}"] and memory.exists()


def test_pipeline_rerun_with_nothing_changed_does_nothing_and_reports_the_same(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "seeds" / "scan.pdf").write_bytes(b"%PDF-1.4")
    options = dict(jobs=1, cache_dir=tmp_path / "cache")
    first = run_extract(tmp_path / "seeds", tmp_path / "records", **options)
    assert not first.unchanged and first.problems
    again = run_extract(tmp_path / "seeds", tmp_path / "records", **options)
    assert again.unchanged and again.changed == [] and again.cache_misses == 0
    assert (again.articles, again.incidents, again.problems) == (first.articles, first.incidents, first.problems)

    seed = sorted((tmp_path / "seeds").glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOfficials urged calm.\n", encoding="utf-8")
    edited = run_extract(tmp_path / "seeds", tmp_path / "records", **options)
    assert not edited.unchanged and edited.cache_misses == 1
    assert run_extract(tmp_path / "seeds", tmp_path / "records", **options).unchanged

    record = sorted((tmp_path / "records" / "incidents").glob("*.yaml"))[0]
    record.write_text(record.read_text(encoding="utf-8").replace("review: draft", "review: reviewed"),
                      encoding="utf-8")
    curated = run_extract(tmp_path / "seeds", tmp_path / "records", **options)
    assert not curated.unchanged and curated.cache_misses == 0
    assert "review: reviewed" in record.read_text(encoding="utf-8")


def _freeze_count() -> int:
    import gc

    return gc.get_freeze_count()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked workers")
def test_pipeline_forked_workers_leave_the_parents_objects_to_the_parent():
    """A worker's garbage collector must not scan (and so copy) the heap it inherits from its parent."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from generator.extract.local import _worker_init

    held = [[i] for i in range(1000)]  # objects the parent holds when the pool forks
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_worker_init,
                             initargs=(None, os.getpid())) as pool:
        assert pool.submit(_freeze_count).result() >= len(held)
