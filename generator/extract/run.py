"""The extract command's stages: read the seeds -> extract (cached) -> cluster and merge -> reconcile -> write.

Each stage is a public function (`read_seeds`, `extract_articles`, `build_drafts`, `write_records`);
`draft`, `propose` and `run_extract` chain them, and `bench/run.py` times them one by one. Nothing is
written to records/ until every stage has succeeded. Per-article extraction is a pure function, so
its results are cached (`generator.cache.ExtractionCache`) and it runs on an executor: this machine's
processes (`generator.extract.local`) or a Dask cluster (`generator.extract.on_dask`), with output
identical to a serial run. The stamps that let an unchanged run or reconcile do nothing are
`generator.cache.Stamps` in the cache folder.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.cache import ExtractionCache, Stamps, digest, kb_fingerprint, tree_state
from generator.errors import Problem
from generator.records.format import Article
from generator.records.io import slugify
from generator.records.merge import Drafts

if TYPE_CHECKING:
    from generator.records.kb import KnowledgeBase

log = logging.getLogger("briefing")


# --------------------------------------------------------------------------- read and extract


def read_seeds(seeds_dir: Path, cache_dir: Path | None = None, *, progress: bool = False,
               strict: bool = False) -> tuple[list[Article], list[Problem]]:
    """The articles under `seeds_dir` and the problems of its files (unreadable seeds, missing dates);
    `strict` makes any unreadable seed an `InputError`. `cache_dir` keeps the cleaned articles."""
    from generator.errors import InputError
    from generator.extract.ingest import ingest

    if not seeds_dir.is_dir():
        raise InputError(Problem(str(seeds_dir), None, "", "no such folder; give --seeds the folder of articles"))
    ingested = ingest(seeds_dir, cache_dir, progress=progress)
    problems = list(ingested.problems)
    if strict and problems:
        raise InputError(problems)
    articles = list(ingested.articles)
    # The most common cause of an `undated-` id: say it loudly, with the fix.
    problems += [Problem(a.path, None, "published", "no publication date, so 'Tuesday' or 'yesterday' cannot be "
                         "dated and its incidents may get undated- ids; add "
                         + ("`published: YYYY-MM-DD` to its front matter or " if a.path.endswith((".md", ".markdown"))
                            else "") + f"an entry `{a.path}: {{published: YYYY-MM-DD}}` to seeds/sources.yaml")
                 for a in articles if a.published is None]
    return articles, problems


def fingerprint(records_dir: Path | None) -> str:
    """The extraction cache's key for a records folder: the extractor's versions and code, the shipped
    data and the knowledge base the curated records make (`generator.cache.kb_fingerprint`)."""
    from generator.extract.local import versions
    from generator.records.kb import load_kb

    shipped = load_kb(None)
    kb = load_kb(records_dir) if records_dir else shipped
    return kb_fingerprint(kb, shipped, versions())


@dataclass
class Extracted:
    """What `extract_articles` gives: results by article id, the knowledge base they were made with,
    and how many came from the cache."""

    results: dict[str, dict]
    kb: KnowledgeBase
    hits: int
    misses: int


def extract_articles(articles: list[Article], records_dir: Path | None, *, cache_dir: Path | None = None,
                     jobs: int | None = None, executor: str = "local", progress: bool = False) -> Extracted:
    """Every article's extraction: from the cache in `cache_dir` when its inputs are unchanged, else on
    `jobs` processes (default: one per core) or a Dask cluster (`executor`)."""
    from generator.records.kb import load_kb

    kb = load_kb(records_dir)
    store = ExtractionCache(cache_dir, fingerprint(records_dir))
    results = extract_all(articles, records_dir, jobs=jobs or os.cpu_count() or 1, cache=store,
                          executor=executor, progress=progress)
    return Extracted(results, kb, store.hits, store.misses)


def extract_all(articles: list[Article], records_dir: Path | None, *, jobs: int = 1, cache: ExtractionCache,
                executor: str = "local", progress: bool = False) -> dict[str, dict]:
    """Extraction results by article id; misses run on `jobs` processes (or a Dask cluster)."""
    results: dict[str, dict] = {}
    todo: list[Article] = []
    for a in articles:
        hit = cache.get(a)
        if hit is not None:
            results[a.id] = _from_cache(hit)
        else:
            todo.append(a)
    if todo:
        from generator.progress import bar as progress_bar

        bar = progress_bar(len(todo), "extract", progress, unit="article")
        for article, value in _run(todo, records_dir, jobs, executor, cache.fingerprint):
            cache.put(article, _to_cache(value))
            results[article.id] = value
            bar.update(1)
        bar.close()
    return results


def _to_cache(value: dict) -> dict:
    """An article's extraction result as plain data for the cache: its candidates as `Candidate.to_data`."""
    return dict(value, candidates=[c.to_data() for c in value["candidates"]])


def _from_cache(data: dict) -> dict:
    from generator.extract.candidate import Candidate

    return dict(data, candidates=[Candidate.from_data(c) for c in data["candidates"]])


def _run(todo: list[Article], records_dir: Path | None, jobs: int, executor: str, kb_key: str):
    """(article, result) for each article of `todo`, from the executor `executor` names: `local` (this
    machine's processes) or `dask[://address]`; `kb_key` is the cache's fingerprint of the knowledge base."""
    rd = str(records_dir) if records_dir else None
    if executor.startswith("dask"):
        from generator.extract.on_dask import run_on_dask

        yield from run_on_dask(todo, rd, executor, kb_key, jobs)
        return
    from generator.extract.local import run_local

    yield from run_local(todo, rd, jobs)


# --------------------------------------------------------------------------- drafts


def build_drafts(articles: list[Article], results: dict[str, dict], kb) -> Drafts:
    """Every article's candidates -> clustered incidents, plus the actor and place records they cite."""
    from generator.extract.cluster import cluster, join_answered, merge
    from generator.extract.actors import actor_sort
    from generator.extract.uncertain import answered_unplaced, kept_apart
    from generator.records.kbrecords import actor_record, place_record

    candidates = []
    new_actor_ids: dict[str, dict] = {}
    for a in articles:
        r = results.get(a.id)
        if not r:
            continue
        for name in (x["name"] for x in r["new_actors"]):
            known = kb.lookup_actor(name)
            if known is None:
                aid = slugify(name)
                new_actor_ids.setdefault(name, {"id": aid, "name": name, "aliases": [], "kind": "armed_group",
                                                "country": None, "affiliations": [],
                                                "description": "Named as a claimant in the sources; not in the "
                                                               "knowledge base. Review and complete.",
                                                "review": "draft"})
        for cand in r["candidates"]:
            c = dict(cand.record)
            c["claims"] = [dict(cl, actor=cl["actor"] or _new_actor(cl, new_actor_ids, kb)) for cl in c["claims"]]
            for cl in c["claims"]:
                if cl["actor"] and not any(x.get("actor") == cl["actor"] and x["role"] == "claimed" for x in c["actors"]):
                    c["actors"] = sorted(c["actors"] + [{"actor": cl["actor"], "role": "claimed",
                                                         "sources": [cand.article]}], key=actor_sort)
                if cl["actor"] and cl["actor"] in {v["id"] for v in new_actor_ids.values()}:
                    cl["description"] = None
            candidates.append(cand.with_record(c))
        # Context lines go to the incidents of the same article.
    incidents = []
    for group in cluster(candidates):
        record = merge(group, kb)
        arts = {c.article for c in group}
        record["context"] = sorted((x for aid in sorted(arts) for x in results[aid]["context"]),
                                   key=lambda x: (x["source"], x["text"]))
        incidents.append(record)
    kept_apart(incidents)
    join_answered(incidents, candidates, kb)
    answered_unplaced(incidents, candidates)
    drafts = Drafts(incidents=incidents)
    used_actors = {a["actor"] for r in incidents for a in r["actors"] if a.get("actor")} | \
                  {c["actor"] for r in incidents for c in r["claims"] if c["actor"]}
    new_by_id = {v["id"]: v for v in new_actor_ids.values()}
    queue, seen = sorted(used_actors), set()
    while queue:
        aid = queue.pop()
        if aid in seen:
            continue
        seen.add(aid)
        if aid in new_by_id:
            drafts.actors.append(new_by_id[aid])
            continue
        actor = kb.actors.get(aid)
        if actor is None:
            continue
        drafts.actors.append(actor_record(actor))
        queue.extend(x for x in actor.affiliations if x not in seen)
    drafts.actors.sort(key=lambda a: a["id"])
    place_ids = sorted({r["location"]["place"] for r in incidents if r["location"]["place"]})
    for pid in place_ids:
        p = kb.places[pid]
        drafts.places.append(place_record(p))
    return drafts


def _new_actor(claim: dict, new_actor_ids: dict[str, dict], kb) -> str | None:
    for name, rec in new_actor_ids.items():
        if claim.get("description") == name or name in claim.get("text", ""):
            return rec["id"]
    return None


# --------------------------------------------------------------------------- the command


@dataclass
class ExtractReport:
    articles: int
    incidents: int
    changed: list[str]
    problems: list[Problem]
    cache_hits: int
    cache_misses: int
    unchanged: bool = False  # nothing changed since the last run, which is what the counts are from


def draft(seeds_dir: Path, records_dir: Path, *, jobs: int | None = None, executor: str = "local",
          cache_dir: Path | None = None, progress: bool = False, strict: bool = False):
    """Read the seeds, extract (cached) and cluster: the drafts a run proposes, and its report."""
    articles, problems = read_seeds(seeds_dir, cache_dir, progress=progress, strict=strict)
    extracted = extract_articles(articles, records_dir, cache_dir=cache_dir, jobs=jobs, executor=executor,
                                 progress=progress)
    drafts = build_drafts(articles, extracted.results, extracted.kb)
    return drafts, ExtractReport(len(articles), len(drafts.incidents), [], problems, extracted.hits,
                                 extracted.misses)


def propose(seeds_dir: Path, records_dir: Path, kb_files: str = "referenced", **options):
    """Everything `extract` would write, as `relpath -> text`, without writing; plus its report."""
    from generator.records.merge import reconcile

    drafts, report = draft(seeds_dir, records_dir, **options)
    return reconcile(records_dir, drafts, kb_files=kb_files), report


RECONCILE_STAMP = "reconcile-stamp.json"


def _records_state(records_dir: Path) -> list:
    """Every file under records/ by size and modification time: any edit, by a person or a tool, shows."""
    return tree_state(records_dir, skip=lambda name: name.endswith(".lock"))


def write_records(records_dir: Path, drafts: Drafts, cache_dir: Path | None, progress: bool = False,
                  kb_files: str = "referenced") -> list[str]:
    """Reconcile the drafts with records/ and write what changed (records first, the generator's memory
    last); returns the relpaths written. When the drafts and every record file are as the last run left
    them, reconciling again could only give the same files, so it is skipped (the stamp lives in the
    cache folder). Call under `fsio.run_lock(records_dir)`."""
    from generator.records.merge import reconcile, write_reconciled

    stamps = Stamps(cache_dir)
    state = {"drafts": digest(vars(drafts)), "records": str(records_dir.resolve()), "kb_files": kb_files,
             "files": _records_state(records_dir)}
    if stamps.get(RECONCILE_STAMP) == state:
        return []
    from generator.progress import bar

    tick = bar(len(drafts.incidents), "reconcile", progress, unit="incident")
    changed = write_reconciled(records_dir, reconcile(records_dir, drafts, tick=tick, kb_files=kb_files))
    tick.close()
    state["files"] = _records_state(records_dir)
    stamps.put(RECONCILE_STAMP, state)
    return changed


RUN_STAMP = "extract-stamp.json"


def _run_state(seeds_dir: Path, records_dir: Path, strict: bool, kb_files: str) -> dict:
    """What an extract run reads, by name, size and modification time: every file under seeds/ and
    records/, and the generator's own files (code, knowledge base, schemas)."""
    return {"version": __version__, "strict": strict, "kb_files": kb_files,
            "seeds_dir": str(seeds_dir.resolve()), "records_dir": str(records_dir.resolve()),
            "seeds": tree_state(seeds_dir), "records": _records_state(records_dir),
            "generator": tree_state(Path(__file__).parents[1], skip=lambda name: name == "__pycache__")}


def run_extract(seeds_dir: Path, records_dir: Path, *, jobs: int | None = None, executor: str = "local",
                cache_dir: Path | None = None, progress: bool = False, strict: bool = False,
                kb_files: str = "referenced") -> ExtractReport:
    """The extract command: draft, then reconcile and write, under the run lock; `kb_files` says
    which actor and place records become files (`generator/records/kbrecords.py`).

    With a cache folder, a run whose inputs (`_run_state`) are as the last successful run left them
    does nothing and says so: ingesting, extracting, clustering and reconciling the same inputs could
    only give the same records (at 10,000 articles: a fraction of a second instead of seconds of cache
    reads). The seeds' problems of that run are reported again."""
    from generator import fsio

    with fsio.run_lock(records_dir):
        stamps = Stamps(cache_dir)
        if cache_dir:
            fsio.clean_temporaries(cache_dir)  # a killed run's, in the cache this run alone writes to
        state = _run_state(seeds_dir, records_dir, strict, kb_files) if cache_dir else None
        saved = stamps.get(RUN_STAMP)
        if isinstance(saved, dict) and saved.get("state") == state:
            last = saved["report"]
            return ExtractReport(last["articles"], last["incidents"], [],
                                 [Problem(*p) for p in last["problems"]], last["articles"], 0, unchanged=True)
        drafts, report = draft(seeds_dir, records_dir, jobs=jobs, executor=executor, cache_dir=cache_dir,
                               progress=progress, strict=strict)
        report.changed = write_records(records_dir, drafts, cache_dir, progress, kb_files)
        if cache_dir:
            state["records"] = _records_state(records_dir)
            summary = {"articles": report.articles, "incidents": report.incidents,
                       "problems": [[p.path, p.line, p.field, p.message] for p in report.problems]}
            stamps.put(RUN_STAMP, {"state": state, "report": summary})
    return report
