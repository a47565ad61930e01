"""Hostile input, round 2 (issue 11), the data and process side: YAML alias bombs and deep nesting in
every YAML the project reads, seeds that are links, huge, UTF-16 or hidden, impossible dates, the run
lock after a kill, temporary files and the order records are written in.

Fast tests only; the kill -9 loop is in `test_kill.py`, the property-based test in `test_yaml_property.py`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from generator import fsio

from generator.extract import ingest
from generator.errors import InputError, LockedError
from generator.records.io import load_plain, load_records, load_records_fast, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "records"


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) when the block runs longer than `seconds`."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def bomb(levels: int, width: int = 10, key: str = "title") -> str:
    """A YAML alias bomb: `width ** levels` strings once expanded, a few hundred bytes as text."""
    lines = ['a0: &a0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    lines.append(f"{key}: *a{levels}")
    return "\n".join(lines) + "\n"


WIRE = ("BAGHDAD, Sept 10, 2024 (Wire) — Rockets struck a base in western Iraq last week, wounding two "
        "soldiers, officials said on Tuesday.\n")


# ----------------------------------------------------------------------------- item 4: YAML aliases


def test_front_matter_alias_is_refused_with_its_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bomb.md").write_text("---\n" + bomb(6) + "---\n" + WIRE)
    with deadline(20):
        result = ingest.ingest(seeds)
    assert result.articles == ()
    [problem] = result.problems
    assert problem.path == "bomb.md"
    assert "line 4: cannot read the front matter: YAML alias '*a1' to a list or mapping refused" in problem.message


def test_sources_yaml_alias_is_refused_with_its_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Rockets hit a base\n\n" + WIRE)
    (seeds / "sources.yaml").write_text(bomb(6, key="a"))
    with deadline(20):
        result = ingest.ingest(seeds)
    assert [str(p) for p in result.problems] == [
        "sources.yaml:3: cannot read YAML: YAML alias '*a1' to a list or mapping refused: metadata is plain data; "
        "write the value out instead"]
    assert [a.id for a in result.articles] == ["a"]


def test_record_alias_is_refused_by_both_loaders_and_the_memory_reader(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(FIXTURES, records)
    (records / "incidents" / "bomb.yaml").write_text("id: bomb\n" + bomb(9))
    memory = records / ".generated" / "incidents" / "bomb.yaml"
    memory.parent.mkdir(parents=True)
    memory.write_text("id: bomb\n" + bomb(9))
    with deadline(20):
        slow, fast = load_records(records), load_records_fast(records)
        assert load_plain(memory) is None
    for loaded in (slow, fast):
        assert "bomb" not in loaded.incidents
        assert [str(p) for p in loaded.problems] == [
            "incidents/bomb.yaml:4: cannot read YAML: YAML alias '*a1' to a list or mapping refused: records hold "
            "plain data; write the value out instead"]
    assert len(fast.incidents) == len(slow.incidents) == 4


def test_an_alias_to_a_scalar_is_read(tmp_path):
    """PyYAML writes `date: &id001 2024-01-05` and `date_latest: *id001` for a date used twice: one value."""
    data, problems = parse_yaml("id: x\ndate: &d 2024-01-05\ndate_latest: *d\n", "incidents/x.yaml")
    assert problems == [] and data["date_latest"] == dt.date(2024, 1, 5)
    assert ingest.load_yaml("published: &p 2024-01-05\nseen: *p\n")["seen"] == dt.date(2024, 1, 5)


def test_knowledge_base_does_not_expand_an_alias_in_an_actor_record(tmp_path):
    from generator.records.kb import load_kb

    records = tmp_path / "records"
    (records / "actors").mkdir(parents=True)
    (records / "actors" / "bomb.yaml").write_text("id: bomb\nname: Bomb\n" + bomb(9, key="aliases"))
    with deadline(20):
        kb = load_kb(records)
    assert "bomb" not in kb.actors


def test_render_of_records_with_an_alias_bomb_finishes(tmp_path):
    """`mkdocs serve` renders through `render_briefs`; a bomb there kept it at 100 % CPU for good."""
    from generator.site.render import render_briefs

    records = tmp_path / "records"
    shutil.copytree(FIXTURES, records)
    (records / "incidents" / "bomb.yaml").write_text("id: bomb\n" + bomb(9))
    with deadline(60), pytest.raises(InputError) as refused:
        render_briefs(records, ROOT / "templates", tmp_path / "briefs", stamp=tmp_path / "stamp.json")
    # A record that cannot be read stops the render (issue #11 item 6) with the loader's file:line message.
    assert "incidents/bomb.yaml:4: cannot read YAML: YAML alias" in str(refused.value)


def test_deep_nesting_is_refused_with_a_line_and_does_not_crash_the_fast_loader(tmp_path):
    """libyaml's composer recurses in C: nesting 100,000 deep used to kill the process (SIGSEGV)."""
    records = tmp_path / "records"
    (records / "incidents").mkdir(parents=True)
    (records / "incidents" / "deep.yaml").write_text("id: deep\nx: " + "[" * 100_000 + "]" * 100_000 + "\n")
    (records / "incidents" / "indent.yaml").write_text(
        "id: indent\n" + "".join(" " * i + "k:\n" for i in range(3000)))
    script = ("import sys; from pathlib import Path; from generator.records.io import load_records_fast; "
              "print('\\n'.join(map(str, load_records_fast(Path(sys.argv[1])).problems)))")
    done = subprocess.run([sys.executable, "-c", script, str(records)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.splitlines() == [
        "incidents/deep.yaml:2: cannot read YAML: nested deeper than 40 levels; a record is a mapping of fields, "
        "lists and short lists of mappings",
        "incidents/indent.yaml:41: cannot read YAML: nested deeper than 40 levels; a record is a mapping of "
        "fields, lists and short lists of mappings"]


def test_a_control_character_in_a_record_is_reported_with_its_line():
    data, problems = parse_yaml("id: x\ntitle: a\x80b\n", "incidents/x.yaml")
    assert data is None
    assert [str(p) for p in problems] == [
        "incidents/x.yaml:2: cannot read YAML: unacceptable character #x0080: special characters are not allowed"]


# ----------------------------------------------------------------------------- items 7, 12, 14: seeds


def test_symlinks_leaving_the_seeds_folder_are_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("Private notes\n\nThe runner's token is here.\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("Another file\n\nNot an article of ours.\n")
    (seeds / "a.txt").write_text("Rockets hit a base\n\n" + WIRE)
    (seeds / "leak.txt").symlink_to(outside)
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "dir").symlink_to(tmp_path / "elsewhere")
    (seeds / "inside.txt").symlink_to(seeds / "a.txt")
    result = ingest.ingest(seeds)
    assert [a.id for a in result.articles] == ["a"]
    messages = {p.path: p.message for p in result.problems}
    for name in ("leak.txt", "passwd.txt", "dir"):
        assert messages[name] == ("skipped: a symbolic link to a place outside the seeds folder; copy the "
                                  "article into the folder instead")
    assert messages["inside.txt"].startswith("skipped: the same bytes as a.txt")
    assert "Private notes" not in json.dumps([a.text for a in result.articles])


def test_sources_yaml_linked_from_outside_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "sources.yaml").write_text("a:\n  outlet: Elsewhere\n")
    (seeds / "sources.yaml").symlink_to(tmp_path / "sources.yaml")
    (seeds / "a.txt").write_text("Rockets hit a base\n\n" + WIRE)
    result = ingest.ingest(seeds)
    assert result.articles[0].outlet is None
    assert [p.message for p in result.problems] == [
        "skipped: a symbolic link to a file outside the seeds folder; write the metadata into the folder instead"]


def test_a_huge_seed_is_refused_by_its_size_before_it_is_read(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with open(seeds / "sparse.txt", "wb") as fh:
        fh.truncate(64 * 2**20)  # 64 MB that take no disk; reading them would take 64 MB of memory
    tracemalloc.start()
    try:
        result = ingest.ingest(seeds)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20
    assert [p.message for p in result.problems] == [
        "skipped: 67.1 MB is larger than the 5 MB a seed may be; split it or remove what is not article text"]


def test_utf16_with_a_byte_order_mark_is_read_and_without_one_is_named(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "Rockets hit a base\n\n" + WIRE
    (seeds / "bom-le.txt").write_bytes(text.encode("utf-16"))
    (seeds / "bom-be.txt").write_bytes(b"\xfe\xff" + text.replace("Rockets", "Missiles").encode("utf-16-be"))
    (seeds / "no-bom.txt").write_bytes(text.replace("Rockets", "Drones").encode("utf-16-le"))
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = ingest.ingest(seeds)
    assert [(a.id, a.title) for a in result.articles] == [("bom-be", "Missiles hit a base"),
                                                          ("bom-le", "Rockets hit a base")]
    assert result.articles[1].published == dt.date(2024, 9, 10)
    messages = {p.path: p.message for p in result.problems}
    assert messages == {
        "binary.txt": "skipped: looks binary (it holds NUL bytes); seeds must be text (.txt, .md, .html)",
        "no-bom.txt": "skipped: looks like UTF-16 text without a byte-order mark; re-save it as UTF-8"}


@pytest.mark.parametrize("where", ["front matter", "sources.yaml"])
def test_an_impossible_published_date_names_the_field_and_the_file(tmp_path, where):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    if where == "front matter":
        (seeds / "a.md").write_text("---\ntitle: Rockets hit a base\npublished: 2024-13-45\n---\n" + WIRE)
    else:
        (seeds / "a.md").write_text("# Rockets hit a base\n\n" + WIRE)
        (seeds / "sources.yaml").write_text("a.md:\n  published: 2024-13-45\n")
    result = ingest.ingest(seeds)
    origin = "front matter" if where == "front matter" else "seeds/sources.yaml"
    assert [str(p) for p in result.problems] == [
        f"a.md: skipped: published ({origin}): '2024-13-45' is not a date (month must be in 1..12); write it as "
        "YYYY-MM-DD"]


def test_hidden_seeds_are_reported_not_ignored(tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / ".drafts").mkdir(parents=True)
    (seeds / ".drafts" / "b.txt").write_text("Draft\n\nNot yet.\n")
    (seeds / ".a.txt").write_text("Rockets hit a base\n\n" + WIRE)
    result = ingest.ingest(seeds)
    assert result.articles == ()
    assert [str(p) for p in result.problems] == [
        ".a.txt: skipped: a hidden file (its name starts with '.'); rename it if it holds articles",
        ".drafts: skipped: a hidden folder (its name starts with '.'); rename it if it holds articles"]


# ----------------------------------------------------------------------------- item 8: dates


def test_publication_in_year_one_with_last_week_is_set_aside_not_a_crash(tmp_path):
    from generator.extract.dates import find_dates, relative_to_previous

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text("---\ntitle: Rockets hit a base\npublished: 0001-01-02\n---\n"
                                "Rockets struck a base last week, officials said.\n")
    result = ingest.ingest(seeds)
    [article] = result.articles
    assert article.published is None
    assert [str(p) for p in result.problems] == [
        "a.md: published: 0001-01-02 (front matter) is not a plausible publication date (years 1900-2199); it is "
        "set aside, so dates relative to it stay unresolved"]
    # Date arithmetic itself gives up on a mention it cannot compute instead of raising OverflowError.
    assert find_dates("Rockets struck a base last week.", dt.date(1, 1, 2)) == []
    assert find_dates("It happened yesterday.", dt.date(1, 1, 1)) == []
    [today] = find_dates("It happened on December 31, 2024.", dt.date(2025, 1, 1))
    edge = today.__class__(today.text, today.start, dt.date.max, dt.date.max, "day")
    assert relative_to_previous("a day later", edge) == []


# ----------------------------------------------------------------------------- item 5: the lock


def test_the_lock_message_names_the_holder_and_how_to_clear_it(tmp_path):
    with fsio.run_lock(tmp_path):
        with pytest.raises(LockedError) as caught:
            with fsio.run_lock(tmp_path):
                pass
    message = str(caught.value)
    assert f"process {os.getpid()}" in message and "since " in message and f"kill {os.getpid()}" in message


def test_a_forked_child_does_not_keep_the_lock_after_its_parent_dies(tmp_path):
    script = textwrap.dedent("""
        import os, sys, time
        from pathlib import Path
        from generator import fsio
        with fsio.run_lock(Path(sys.argv[1])):
            child = os.fork()
            if child == 0:
                os.close(1)
                time.sleep(60)
                os._exit(0)
            print(child, flush=True)
            os.kill(os.getpid(), 9)
    """)
    with subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                          text=True) as run:
        child = int(run.stdout.readline())
        assert run.wait(timeout=60) == -signal.SIGKILL
    try:
        assert fsio._alive(child)
        with fsio.run_lock(tmp_path):
            pass
    finally:
        os.kill(child, signal.SIGKILL)


def test_a_lock_whose_holder_is_dead_is_taken_over(tmp_path):
    """A process left behind by a dead run (a worker of an older version) still holds the flock."""
    import fcntl

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    lock = tmp_path / ".briefing.lock"
    lock.write_text(json.dumps({"pid": int(dead), "since": "2026-01-01 00:00:00 UTC"}))
    orphan = os.open(lock, os.O_RDWR)  # stands for the orphan's copy of the dead run's descriptor
    try:
        fcntl.flock(orphan, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with fsio.run_lock(tmp_path) as held:
            assert json.loads(held.read_text())["pid"] == os.getpid()
            with pytest.raises(LockedError):  # and the new lock really is held
                with fsio.run_lock(tmp_path):
                    pass
    finally:
        os.close(orphan)


# ----------------------------------------------------------------------------- item 11: after a kill


def test_stale_temporary_files_are_deleted_when_the_lock_is_taken(tmp_path):
    places = tmp_path / "places"
    places.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = places / f".x.yaml.{dead}.abcd1234.tmp"
    old = places / ".y.yaml.k2j4h_7q.tmp"  # written by a version that put no pid in the name
    live = places / f".z.yaml.{os.getpid()}.abcd1234.tmp"  # a writer that is still running
    for path in (stale, old, live):
        path.write_text("half")
    os.utime(old, (0, 0))
    with fsio.run_lock(tmp_path):
        pass
    assert sorted(p.name for p in places.iterdir()) == [live.name]


def test_temporary_files_match_the_gitignore_pattern(tmp_path):
    fsio.write_atomic(tmp_path / "a.yaml", "x")
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        real(src, dst)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fsio.os, "replace", spy)
        fsio.write_atomic(tmp_path / "a.yaml", "y")
    assert fsio.TEMP_FILE.match(seen[0]) and seen[0].startswith(".a.yaml.") and seen[0].endswith(".tmp")
    done = subprocess.run(["git", "check-ignore", "-q", f"records/places/{seen[0]}"], cwd=ROOT)
    assert done.returncode == 0


def test_places_and_actors_are_written_before_the_incidents_that_cite_them(tmp_path, monkeypatch):
    from generator.records.merge import write_reconciled

    order = []
    real = fsio.write_atomic
    monkeypatch.setattr(fsio, "write_atomic", lambda path, data, **kw: (order.append(path.parent.name),
                                                                        real(path, data, **kw))[1])
    write_reconciled(tmp_path, {"actors/a.yaml": "id: a\n", "incidents/i.yaml": "id: i\n",
                                "places/p.yaml": "id: p\n", ".generated/incidents/i.yaml": "id: i\n"})
    assert order.index("incidents") > order.index("places")
    assert order.index("incidents") > order.index("actors")
    assert order[-1] == "incidents" and len(order) == 4  # the memory (.generated/incidents) last
