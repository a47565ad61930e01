"""Extraction on this machine: serially, or on a pool of worker processes (`--jobs N`).

Each worker loads the knowledge base and the language pipeline once, then extracts the articles it is
given; results come back in the order of the articles, so the output is identical to a serial run.
`generator.extract.on_dask` is the same for a Dask cluster.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.records.format import Article


def versions() -> str:
    """The package's and the extractor's versions: what a cached or remote result must have been made with."""
    from generator import __version__
    from generator.extract.article import EXTRACTOR_VERSION

    return f"{__version__}/{EXTRACTOR_VERSION}"


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
    from generator.records.kb import load_kb

    kb = load_kb(Path(records_dir) if records_dir else None)
    _WORKER["kb"] = kb
    _WORKER["annotator"] = Annotator(kb)


def _worker_extract(article: Article) -> dict:
    from generator.extract.article import extract_article

    result = extract_article(article, _WORKER["kb"], _WORKER["annotator"])
    return {"candidates": result.candidates, "context": result.context, "new_actors": result.new_actors}


def run_local(todo: list[Article], records_dir: str | None, jobs: int) -> Iterator[tuple[Article, dict]]:
    """(article, result) for every article in `todo`, in order: in this process when `jobs` is 1 or
    there are few articles, else on `jobs` worker processes."""
    if jobs <= 1 or len(todo) < 4:
        _worker_init(records_dir)
        for a in todo:
            yield a, _worker_extract(a)
        return
    from concurrent.futures import ProcessPoolExecutor

    import multiprocessing

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    chunk = max(1, min(16, len(todo) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init,
                             initargs=(records_dir, os.getpid())) as pool:
        yield from zip(todo, pool.map(_worker_extract, todo, chunksize=chunk))
