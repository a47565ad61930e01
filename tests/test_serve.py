"""Dirty builds and `mkdocs serve --dirty` (what `make serve` runs) stay whole.

A dirty build renders only changed pages; generator/mkdocs/serving.py merges the search index with the last
build's, deletes the HTML of removed pages, and lets a dirty serve keep its site between runs. Each
check compares with a clean build of the same records.

Slow (MkDocs builds and a served site): `python -m pytest -m slow tests/test_serve.py`.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bench.run import _free_port, _get  # the benchmark's serve probes
from tests.sitecopy import copy_site

pytestmark = pytest.mark.slow

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
INCIDENT = "2024-01-28-erbil-air-base-rocket-attack"


def build(root: Path, out: Path, *flags: str) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(out), *flags], cwd=root,
                            env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def search_docs(site: Path) -> set[tuple[str, str, str]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {(d["location"], d["title"], d["text"]) for d in index["docs"]}


def retitle(root: Path, incident: str, title: str) -> None:
    path = root / "records" / "incidents" / f"{incident}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(f"title: {title}\n" if line.startswith("title:") else line for line in lines),
                    encoding="utf-8")


def test_dirty_builds_keep_search_whole_and_drop_removed_pages(tmp_path):
    root = copy_site(tmp_path)
    dirty, clean = tmp_path / "dirty-out", tmp_path / "clean-out"
    build(root, dirty)
    before = search_docs(dirty)
    assert any(loc.startswith("actors/") for loc, _, _ in before)

    retitle(root, INCIDENT, "Rockets fired at Erbil air base, retitled")
    build(root, dirty, "--dirty")
    build(root, clean)
    assert search_docs(dirty) == search_docs(clean) != before
    assert any("retitled" in title for _, title, _ in search_docs(dirty))

    (root / "records" / "incidents" / f"{INCIDENT}.yaml").unlink()
    build(root, dirty, "--dirty")
    build(root, clean)
    assert not (dirty / "incidents" / f"{INCIDENT}.html").exists()
    assert search_docs(dirty) == search_docs(clean)
    html = lambda site: sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))  # noqa: E731
    assert html(dirty) == html(clean)


@contextlib.contextmanager
def serving(root: Path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 240
        while _get(base) is None:
            assert proc.poll() is None and time.monotonic() < deadline, "mkdocs serve did not answer"
            time.sleep(0.2)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def wait_for(url: str, text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url) or ""
        if text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


def test_dirty_serve_reloads_an_edit_and_keeps_its_site_between_runs(tmp_path):
    root = copy_site(tmp_path)
    kept = root / ".cache" / "serve-site"
    with serving(root) as base:
        assert (kept / "index.html").is_file()
        retitle(root, INCIDENT, "Edited while serving")
        wait_for(f"{base}incidents/{INCIDENT}.html", "Edited while serving")
        wait_for(f"{base}incidents/index.html", "Edited while serving")
        time.sleep(1.5)  # let the rebuild the brief writes trigger finish
    untouched = kept / "about.html"
    stamp = untouched.stat().st_mtime_ns
    retitle(root, INCIDENT, "Edited between runs")
    with serving(root) as base:
        wait_for(f"{base}incidents/{INCIDENT}.html", "Edited between runs")
        docs = json.loads(_get(f"{base}search/search_index.json"))["docs"]
    assert untouched.stat().st_mtime_ns == stamp  # the second start rebuilt only what changed
    locations = {d["location"].split("#")[0] for d in docs}
    assert f"incidents/{INCIDENT}.html" in locations and "actors/us-central-command.html" in locations
    assert any(d["title"] == "Edited between runs" for d in docs)


def search_entries(site: Path) -> Counter:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return Counter((d["location"], d["title"], d["text"]) for d in index["docs"])


def test_dirty_serve_keeps_one_entry_per_section_after_many_edits(tmp_path):
    """Material's plugin outlives the rebuilds of `mkdocs serve` and merges its own last index: every
    edit used to add the stale entries of the pages a rebuild renders (77 -> 156 -> 164 ...)."""
    root = copy_site(tmp_path)
    kept = root / ".cache" / "serve-site"
    with serving(root) as base:
        for n in range(4):
            retitle(root, INCIDENT, f"Edit number {n} while serving")
            wait_for(f"{base}incidents/index.html", f"Edit number {n} while serving")
            time.sleep(1.5)  # let the rebuild the brief writes trigger finish
        deadline = time.monotonic() + 60
        while not any(title == "Edit number 3 while serving" for _, title, _ in search_entries(kept)):
            assert time.monotonic() < deadline, "the search index never showed the last edit"
            time.sleep(0.5)
        time.sleep(1.5)
        served = search_entries(kept)
    clean = tmp_path / "clean-out"
    build(root, clean)
    assert max(served.values()) == 1, [k[0] for k, n in served.items() if n > 1][:5]
    assert served == search_entries(clean)


def test_build_progress_counts_each_page_read_and_written(monkeypatch, tmp_path):
    """The hook's bar for MkDocs' build: two steps a page (read and convert, then write), only the pages
    a dirty build will render, closed after the build."""
    from generator.mkdocs import hooks, serving
    from generator import progress

    made = []

    class Bar:
        def __init__(self, total, desc, enabled, unit="item"):
            self.total, self.done, self.closed = total, 0, False
            made.append(self)

        def update(self, n=1):
            self.done += n

        def close(self):
            self.closed = True

    class Page:
        def __init__(self, modified):
            self.modified = modified

        def is_modified(self):
            return self.modified

    monkeypatch.setattr(progress, "bar", Bar)
    monkeypatch.setattr(serving, "SESSION", {"command": "build", "dirty": False})
    pages = [Page(True), Page(False), Page(False)]
    hooks._start_bar(pages)
    for _ in pages:
        hooks.on_page_markdown("", page=None, config=None, files=None)
    for _ in pages:
        hooks.on_post_page("", page=None, config=None)
    hooks.on_post_build(type("Config", (), {"site_dir": str(tmp_path), "docs_dir": str(tmp_path)})())
    assert (made[0].total, made[0].done, made[0].closed) == (6, 6, True)
    serving.SESSION["dirty"] = True
    hooks._start_bar(pages)
    assert made[1].total == 2
