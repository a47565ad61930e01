"""Extraction on a Dask cluster: the same pure per-article function as the local path, on more machines.

`--executor dask` starts a local cluster with one single-threaded worker process per job;
`--executor dask://HOST:PORT` (or `dask://tls://HOST:PORT`, `dask://inproc://...`) connects to a running
scheduler. The knowledge base is loaded once here and broadcast to the workers, so they need neither
the records folder nor a shared file system: only the same `briefing` version and spaCy model installed.
Results come back to this process, which alone writes the cache and the records, so the output is
identical to a serial run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from generator.errors import BriefingError
from generator.extract.local import versions as _versions
from generator.records.format import Article

BATCH = 16  # articles per task: enough to hide the scheduler's per-task overhead (~1 ms)

# Per worker process: (fingerprint, kb, annotator). An Annotator is not safe to share between threads,
# so a worker with several threads runs one extraction at a time.
_STATE: dict[str, tuple] = {}
_LOCK = threading.Lock()


def scheduler_address(executor: str) -> str | None:
    """'dask' -> None (start a local cluster); 'dask://host:8786' -> 'tcp://host:8786'."""
    if executor == "dask":
        return None
    if not executor.startswith("dask://"):
        raise BriefingError(f"--executor {executor}: expected 'local', 'dask' or 'dask://HOST:PORT'")
    rest = executor[len("dask://"):]
    if not rest:
        return None
    return rest if "://" in rest else f"tcp://{rest}"


def extract_batch(articles: list[Article], kb, fingerprint: str, versions: str) -> list[dict]:
    """Runs on a worker: extract each article with this process's (cached) language pipeline."""
    from generator.extract.article import extract_article
    from generator.extract.nlp import Annotator

    if versions != _versions():
        raise RuntimeError(f"this Dask worker runs briefing {_versions()}, the client {versions}; "
                           "install the same version on every worker")
    with _LOCK:
        state = _STATE.get("current")
        if state is None or state[0] != fingerprint:
            state = (fingerprint, kb, Annotator(kb))
            _STATE["current"] = state
        _, kb, annotator = state
        out = []
        for a in articles:
            r = extract_article(a, kb, annotator)
            out.append({"candidates": r.candidates, "context": r.context, "new_actors": r.new_actors})
        return out


def run_on_dask(todo: list[Article], records_dir: str | None, executor: str, fingerprint: str,
                jobs: int = 1) -> Iterator[tuple[Article, dict]]:
    """(article, result) for every article in `todo`, in the order the tasks finish; `fingerprint` is the
    caller's knowledge-base fingerprint (its cache key), which tells workers when to load the KB again."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BriefingError("--executor dask needs the dask extra: pip install 'briefing[dask]'") from None
    from generator.records.kb import load_kb

    kb = load_kb(Path(records_dir) if records_dir else None)
    address = scheduler_address(executor)
    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(cluster if cluster is not None else address)
    try:
        kb_future = client.scatter(kb, broadcast=True, hash=False)
        batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
        futures = [client.submit(extract_batch, batch, kb_future, fingerprint, _versions(), pure=False)
                   for batch in batches]
        which = {fut.key: batch for fut, batch in zip(futures, batches)}
        for fut in as_completed(futures):
            for article, value in zip(which[fut.key], fut.result()):
                yield article, value
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

