"""Scale paths give the output of a plain serial run: the extraction cache, --jobs and Dask.

Slow (each loads the spaCy model): `python -m pytest -m slow tests/test_scale.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import make_corpus
from generator.extract.ingest import ingest
from generator.cache import ExtractionCache
from generator.extract.run import extract_all, fingerprint

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("seeds")
    make_corpus(12, seeds, seed=7)
    return seeds


@pytest.fixture(scope="module")
def serial(corpus) -> dict:
    articles = list(ingest(corpus).articles)
    return extract_all(articles, None, jobs=1, cache=ExtractionCache(None, fingerprint(None)))


def test_scale_cache_hit_equals_fresh_result_and_one_edit_reextracts_one(corpus, serial, tmp_path):
    articles = list(ingest(corpus).articles)
    cache = ExtractionCache(tmp_path / "cache", fingerprint(None))
    first = extract_all(articles, None, jobs=1, cache=cache)
    assert (cache.hits, cache.misses) == (0, len(articles))
    again = ExtractionCache(tmp_path / "cache", fingerprint(None))
    second = extract_all(articles, None, jobs=1, cache=again)
    assert (again.hits, again.misses) == (len(articles), 0)
    # Equal, and in the same key order: records are dumped in dict order.
    assert repr(first) == repr(serial) and repr(second) == repr(serial)

    edited = sorted(corpus.glob("*.md"))[3]
    copy = tmp_path / "seeds"
    copy.mkdir()
    for p in corpus.glob("*.md"):
        copy.joinpath(p.name).write_bytes(p.read_bytes())
    copy.joinpath(edited.name).write_text(edited.read_text(encoding="utf-8") + "\nOfficials urged calm.\n",
                                          encoding="utf-8")
    third = ExtractionCache(tmp_path / "cache", fingerprint(None))
    extract_all(list(ingest(copy).articles), None, jobs=1, cache=third)
    assert (third.hits, third.misses) == (len(articles) - 1, 1)


def test_scale_cache_keyed_by_generator_version(corpus, tmp_path, monkeypatch):
    import generator.extract.article

    before = fingerprint(None)
    monkeypatch.setattr(generator.extract.article, "EXTRACTOR_VERSION", "test-bump")
    assert fingerprint(None) != before


def test_scale_fingerprint_ignores_drafted_copies_of_known_entries(tmp_path):
    """Writing the actor and place records a run drafts must not invalidate the whole cache."""
    from generator.records.kb import load_kb

    kb = load_kb(None)
    actor = kb.actors["islamic-resistance-in-iraq"]
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / f"{actor.id}.yaml").write_text(
        f"id: {actor.id}\nname: {actor.name}\naliases: {sorted(actor.aliases)}\nkind: {actor.kind}\n"
        f"country: {actor.country}\naffiliations: {sorted(actor.affiliations)}\n", encoding="utf-8")
    assert fingerprint(tmp_path) == fingerprint(None)
    (tmp_path / "actors" / f"{actor.id}.yaml").write_text(
        f"id: {actor.id}\nname: {actor.name}\naliases: [IRI-test-alias]\n", encoding="utf-8")
    assert fingerprint(tmp_path) != fingerprint(None)


def test_scale_jobs_2_equals_serial(corpus, serial):
    articles = list(ingest(corpus).articles)
    parallel = extract_all(articles, None, jobs=2, cache=ExtractionCache(None, "x"))
    assert repr(dict(sorted(parallel.items()))) == repr(dict(sorted(serial.items())))


def test_scale_dask_local_cluster_equals_serial(corpus, serial):
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    articles = list(ingest(corpus).articles)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        on_dask = extract_all(articles, None, cache=ExtractionCache(None, "x"), executor=f"dask://{cluster.scheduler_address}")
    assert repr(dict(sorted(on_dask.items()))) == repr(dict(sorted(serial.items())))


def test_scale_dask_scheduler_address():
    from generator.extract.on_dask import scheduler_address
    from generator.errors import BriefingError

    assert scheduler_address("dask") is None
    assert scheduler_address("dask://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert scheduler_address("dask://tls://sched:8786") == "tls://sched:8786"
    with pytest.raises(BriefingError):
        scheduler_address("ray://x")


def _extract_cli(seeds: Path, records: Path, *args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", str(seeds), "--records",
                             str(records), "--no-cache", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_scale_cli_records_identical_serial_parallel_dask(corpus, tmp_path):
    """Whole records folders, byte for byte: --jobs 1, --jobs 2 and --executor dask (a local cluster)."""
    pytest.importorskip("dask.distributed")
    for name, args in (("serial", ["--jobs", "1"]), ("jobs2", ["--jobs", "2"]),
                       ("dask", ["--jobs", "1", "--executor", "dask"])):
        _extract_cli(corpus, tmp_path / name, *args)
    assert _tree(tmp_path / "serial")
    assert _tree(tmp_path / "jobs2") == _tree(tmp_path / "serial")
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "serial")


def test_scale_bench_smoke(tmp_path):
    """The benchmark runs end to end on a tiny corpus and ends with its ratios line."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "bench/run.py", "--articles", "20", "--jobs", "1", "--no-serve",
                             "--no-small", "--work", str(tmp_path / "bench")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    last = result.stdout.strip().splitlines()[-1]
    pairs = dict(x.split("=") for x in last.split())
    assert {"build_vs_bare", "extract_vs_spacy", "rerun_pct", "changed_reextracted", "search_kb_per_incident",
            "peak_mem_gb"} <= set(pairs)
    assert pairs["changed_reextracted"] == "1"


def test_scale_render_stamp_skips_unchanged_and_sees_edits(tmp_path, monkeypatch):
    """An unchanged project renders nothing, whichever way its folders are named; an edit re-renders."""
    import shutil

    from generator.site.render import render_briefs
    from tests.sitecopy import FIXTURE_RECORDS

    shutil.copytree(FIXTURE_RECORDS, tmp_path / "records")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    first = render_briefs(tmp_path / "records", tmp_path / "templates", tmp_path / "briefs")
    assert first
    monkeypatch.chdir(tmp_path)
    assert render_briefs(Path("records"), Path("templates"), Path("briefs")) == []
    (tmp_path / "briefs" / "index.md").write_text("edited by hand\n", encoding="utf-8")
    assert render_briefs(tmp_path / "records", tmp_path / "templates", tmp_path / "briefs") == ["index.md"]
    record = sorted((tmp_path / "records" / "incidents").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    assert any(rel.startswith("incidents/") for rel in
               render_briefs(tmp_path / "records", tmp_path / "templates", tmp_path / "briefs"))
