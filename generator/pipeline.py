"""The extract command as a script of stages: ingest -> extract -> cluster -> merge -> reconcile -> write.

Nothing is written until every stage has succeeded. Per-article extraction is a pure function, so it is
cached by the article's content, the knowledge base and the extractor's version, and it can run on
several processes (`jobs`) with output identical to a serial run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.errors import Problem
from generator.model import Article
from generator.reconcile import Drafts
from generator.records import slugify

log = logging.getLogger("briefing")


# --------------------------------------------------------------------------- cache codec


def _encode(obj):
    if isinstance(obj, dt.date):
        return {"$date": obj.isoformat()}
    if isinstance(obj, dict):
        return {k: _encode(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_encode(v) for v in obj]
    return obj


def _decode(obj):
    if isinstance(obj, dict):
        if set(obj) == {"$date"}:
            return dt.date.fromisoformat(obj["$date"])
        return {k: _decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_decode(v) for v in obj]
    return obj


def kb_fingerprint(records_dir: Path | None) -> str:
    """A hash of everything extraction reads besides the article: the versions, the extractor's own
    code, the shipped data files and the knowledge base as the curated records leave it.

    The records are hashed through what they mean, not through their bytes: the actor and place records a
    run drafts are copies of knowledge-base entries, and writing them must not invalidate the cache.
    """
    from generator.extract import EXTRACTOR_VERSION
    from generator.kb import load_kb

    package = Path(__file__).parent
    h = hashlib.sha256(f"{__version__}/{EXTRACTOR_VERSION}".encode())
    code = sorted((package / "extract").glob("*.py")) + [package / n for n in ("kb.py", "ingest.py", "model.py")]
    for path in code:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    data = package / "data"
    for path in sorted(data.glob("*")):
        if path.is_file() and path.suffix in (".yaml", ".tsv", ".txt", ".json"):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    shipped = load_kb(None)
    kb = load_kb(records_dir) if records_dir else shipped
    for kind, table, base in (("actor", kb.actors, shipped.actors), ("place", kb.places, shipped.places)):
        for key in sorted(table):
            entry = table[key]
            if entry is base.get(key):  # untouched shipped entry: covered by the data files' bytes
                continue
            text = _canonical(entry)
            if key not in base or text != _canonical(base[key]):
                h.update(f"{kind}:{key}:{text}".encode())
    return h.hexdigest()[:16]


def _canonical(entry) -> str:
    """An entry's fields with every list sorted: a drafted record lists affiliations in another order."""
    import dataclasses

    fields = dataclasses.asdict(entry) if dataclasses.is_dataclass(entry) else dict(vars(entry))
    return repr(sorted((k, tuple(sorted(map(str, v))) if isinstance(v, (list, tuple, set, frozenset)) else v)
                       for k, v in fields.items()))


@dataclass
class Cache:
    """Per-article extraction results on disk, keyed by article digest and knowledge-base fingerprint."""

    folder: Path | None
    fingerprint: str
    hits: int = 0
    misses: int = 0

    def _path(self, article: Article) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / self.fingerprint / f"{article.digest}-{_meta_hash(article)}.json"

    def get(self, article: Article):
        path = self._path(article)
        if path is None or not path.exists():
            self.misses += 1
            return None
        try:
            value = _decode(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, article: Article, value) -> None:
        path = self._path(article)
        if path is None:
            return
        from generator.fsio import write_atomic

        # Keys keep their order: records are dumped in dict order, so a hit must equal a fresh result.
        write_atomic(path, json.dumps(_encode(value), ensure_ascii=False), durable=False)


def _meta_hash(article: Article) -> str:
    """Metadata from sources.yaml changes an article's result without changing its bytes."""
    key = f"{article.id}|{article.published}|{article.published_precision}|{article.outlet}|{article.url}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]


# --------------------------------------------------------------------------- workers

_WORKER: dict = {}


def _die_with(parent: int) -> None:
    """Make this worker process end when `parent` does, however it ends (kill -9 included): a worker
    left behind would block on its queue forever. On Linux the kernel sends SIGKILL when the parent
    dies (PR_SET_PDEATHSIG); elsewhere a thread watches the parent's id."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # 1 = PR_SET_PDEATHSIG
                if os.getppid() != parent:  # the parent died before the request was made
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="briefing-parent-watch", daemon=True).start()


def _worker_init(records_dir: str | None, parent: int | None = None) -> None:
    if parent is not None:  # a pool's worker process (serial runs call this in the main process)
        # A forked worker shares the parent's memory until it writes to it, and the garbage collector
        # writes to every object it scans: without this, collections copy the parent's whole heap into
        # the worker (a parent holding 700 MB made each worker 240 MB larger). Frozen objects, those
        # inherited, are never scanned; what the worker allocates itself is.
        import gc

        gc.freeze()
        _die_with(parent)
    from generator.extract.nlp import Annotator
    from generator.kb import load_kb

    kb = load_kb(Path(records_dir) if records_dir else None)
    _WORKER["kb"] = kb
    _WORKER["annotator"] = Annotator(kb)


def _worker_extract(article: Article) -> dict:
    from generator.extract import extract_article

    result = extract_article(article, _WORKER["kb"], _WORKER["annotator"])
    return {"candidates": result.candidates, "context": result.context, "new_actors": result.new_actors}


def extract_all(articles: list[Article], records_dir: Path | None, *, jobs: int = 1, cache: Cache,
                executor: str = "local", progress: bool = False) -> dict[str, dict]:
    """Extraction results by article id; misses run on `jobs` processes (or a Dask cluster)."""
    results: dict[str, dict] = {}
    todo: list[Article] = []
    for a in articles:
        hit = cache.get(a)
        if hit is not None:
            results[a.id] = hit
        else:
            todo.append(a)
    if todo:
        from generator.progress import bar as progress_bar

        bar = progress_bar(len(todo), "extract", progress, unit="article")
        for article, value in _run(todo, records_dir, jobs, executor):
            cache.put(article, value)
            results[article.id] = value
            bar.update(1)
        bar.close()
    return results


def _run(todo: list[Article], records_dir: Path | None, jobs: int, executor: str):
    rd = str(records_dir) if records_dir else None
    if executor.startswith("dask"):
        from generator.distributed import run_on_dask

        yield from run_on_dask(todo, rd, executor, jobs)
        return
    if jobs <= 1 or len(todo) < 4:
        _worker_init(rd)
        for a in todo:
            yield a, _worker_extract(a)
        return
    from concurrent.futures import ProcessPoolExecutor

    import multiprocessing

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    chunk = max(1, min(16, len(todo) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init,
                             initargs=(rd, os.getpid())) as pool:
        yield from zip(todo, pool.map(_worker_extract, todo, chunksize=chunk))


# --------------------------------------------------------------------------- drafts


def build_drafts(articles: list[Article], results: dict[str, dict], kb) -> Drafts:
    """Every article's candidates -> clustered incidents, plus the actor and place records they cite."""
    from generator.cluster import cluster, join_answered, merge
    from generator.extract.actors import actor_sort
    from generator.extract.uncertain import answered_unplaced, kept_apart

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
        for c in r["candidates"]:
            c = dict(c)
            c["claims"] = [dict(cl, actor=cl["actor"] or _new_actor(cl, new_actor_ids, kb)) for cl in c["claims"]]
            for cl in c["claims"]:
                if cl["actor"] and not any(x.get("actor") == cl["actor"] and x["role"] == "claimed" for x in c["actors"]):
                    c["actors"] = sorted(c["actors"] + [{"actor": cl["actor"], "role": "claimed",
                                                         "sources": [c["_article"]]}], key=actor_sort)
                if cl["actor"] and cl["actor"] in {v["id"] for v in new_actor_ids.values()}:
                    cl["description"] = None
            candidates.append(c)
        # Context lines go to the incidents of the same article.
    incidents = []
    for group in cluster(candidates):
        record = merge(group, kb)
        arts = {c["_article"] for c in group}
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
        drafts.actors.append({"id": actor.id, "name": actor.name, "aliases": sorted(actor.aliases),
                              "kind": actor.kind, "country": actor.country,
                              "affiliations": sorted(actor.affiliations), "description": actor.description})
        queue.extend(x for x in actor.affiliations if x not in seen)
    drafts.actors.sort(key=lambda a: a["id"])
    place_ids = sorted({r["location"]["place"] for r in incidents if r["location"]["place"]})
    for pid in place_ids:
        p = kb.places[pid]
        drafts.places.append({"id": p.id, "name": p.name, "aliases": sorted(p.aliases)[:20], "kind": p.kind,
                              "admin1": p.admin1, "country": p.country, "lat": p.lat, "lon": p.lon})
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
    """Ingest, extract (cached) and cluster: the drafts a run proposes, and its report."""
    from generator.errors import InputError
    from generator.ingest import ingest
    from generator.kb import load_kb

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
    kb = load_kb(records_dir)
    cache = Cache(cache_dir, kb_fingerprint(records_dir))
    jobs = jobs or os.cpu_count() or 1
    results = extract_all(articles, records_dir, jobs=jobs, cache=cache, executor=executor, progress=progress)
    drafts = build_drafts(articles, results, kb)
    return drafts, ExtractReport(len(articles), len(drafts.incidents), [], problems, cache.hits, cache.misses)


def propose(seeds_dir: Path, records_dir: Path, **options):
    """Everything `extract` would write, as `relpath -> text`, without writing; plus its report."""
    from generator.reconcile import reconcile

    drafts, report = draft(seeds_dir, records_dir, **options)
    return reconcile(records_dir, drafts), report


STAMP = "reconcile-stamp.json"


def _tree_state(root: Path, skip=lambda name: False) -> list:
    """Every file under `root` (but those `skip` names) as `[relpath, size, mtime_ns]`, sorted."""
    out = []

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if skip(entry.name):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                st = entry.stat()
                out.append([f"{prefix}{entry.name}", st.st_size, st.st_mtime_ns])

    walk(str(root), "")
    return sorted(out)


def _records_state(records_dir: Path) -> list:
    """Every file under records/ by size and modification time: any edit, by a person or a tool, shows."""
    return _tree_state(records_dir, skip=lambda name: name.endswith(".lock"))


def _drafts_digest(drafts: Drafts) -> str:
    return hashlib.sha256(json.dumps(_encode(vars(drafts)), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def write_records(records_dir: Path, drafts: Drafts, cache_dir: Path | None, progress: bool = False) -> list[str]:
    """Reconcile the drafts with records/ and write what changed (records first, the generator's memory
    last); returns the relpaths written. When the drafts and every record file are as the last run left
    them, reconciling again could only give the same files, so it is skipped (the stamp lives in the
    cache folder). Call under `fsio.run_lock(records_dir)`."""
    from generator import fsio
    from generator.reconcile import reconcile, write_reconciled

    stamp_path = cache_dir / STAMP if cache_dir else None
    state = {"drafts": _drafts_digest(drafts), "records": str(records_dir.resolve()),
             "files": _records_state(records_dir)}
    if stamp_path and stamp_path.exists():
        try:
            if json.loads(stamp_path.read_text(encoding="utf-8")) == state:
                return []
        except ValueError:
            pass
    from generator.progress import bar

    tick = bar(len(drafts.incidents), "reconcile", progress, unit="incident")
    changed = write_reconciled(records_dir, reconcile(records_dir, drafts, tick=tick))
    tick.close()
    if stamp_path:
        state["files"] = _records_state(records_dir)
        fsio.write_atomic(stamp_path, json.dumps(state, sort_keys=True), durable=False)
    return changed


RUN_STAMP = "extract-stamp.json"


def _run_state(seeds_dir: Path, records_dir: Path, strict: bool) -> dict:
    """What an extract run reads, by name, size and modification time: every file under seeds/ and
    records/, and the generator's own files (code, knowledge base, schemas)."""
    return {"version": __version__, "strict": strict,
            "seeds_dir": str(seeds_dir.resolve()), "records_dir": str(records_dir.resolve()),
            "seeds": _tree_state(seeds_dir), "records": _records_state(records_dir),
            "generator": _tree_state(Path(__file__).parent, skip=lambda name: name == "__pycache__")}


def run_extract(seeds_dir: Path, records_dir: Path, *, jobs: int | None = None, executor: str = "local",
                cache_dir: Path | None = None, progress: bool = False, strict: bool = False) -> ExtractReport:
    """The extract command: draft, then reconcile and write, under the run lock.

    With a cache folder, a run whose inputs (`_run_state`) are as the last successful run left them
    does nothing and says so: ingesting, extracting, clustering and reconciling the same inputs could
    only give the same records (at 10,000 articles: a fraction of a second instead of seconds of cache
    reads). The seeds' problems of that run are reported again."""
    from generator import fsio

    with fsio.run_lock(records_dir):
        if cache_dir:
            fsio.clean_temporaries(cache_dir)  # a killed run's, in the cache this run alone writes to
        stamp = cache_dir / RUN_STAMP if cache_dir else None
        state = _run_state(seeds_dir, records_dir, strict) if stamp else None
        saved = _read_json(stamp) if stamp else None
        if isinstance(saved, dict) and saved.get("state") == state:
            last = saved["report"]
            return ExtractReport(last["articles"], last["incidents"], [],
                                 [Problem(*p) for p in last["problems"]], last["articles"], 0, unchanged=True)
        drafts, report = draft(seeds_dir, records_dir, jobs=jobs, executor=executor, cache_dir=cache_dir,
                               progress=progress, strict=strict)
        report.changed = write_records(records_dir, drafts, cache_dir, progress)
        if stamp:
            state["records"] = _records_state(records_dir)
            summary = {"articles": report.articles, "incidents": report.incidents,
                       "problems": [[p.path, p.line, p.field, p.message] for p in report.problems]}
            fsio.write_atomic(stamp, json.dumps({"state": state, "report": summary}, sort_keys=True),
                              durable=False)
    return report


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
