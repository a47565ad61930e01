"""generator/cache.py: signatures, the tree state, stamps, state files and the extraction cache."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from generator import cache


def _touch(path, text: str, mtime_ns: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def test_cache_tree_state_names_files_relative_and_sees_size_and_time(tmp_path):
    _touch(tmp_path / "b.txt", "two", 2_000_000_000)
    _touch(tmp_path / "sub" / "a.txt", "one", 1_000_000_000)
    _touch(tmp_path / "__pycache__" / "x.pyc", "skipped")
    state = cache.tree_state(tmp_path, skip=lambda name: name == "__pycache__")
    assert state == [["b.txt", 3, 2_000_000_000], ["sub/a.txt", 3, 1_000_000_000]]
    os.utime(tmp_path / "sub" / "a.txt", ns=(1_000_000_001, 1_000_000_001))
    assert cache.tree_state(tmp_path, skip=lambda name: name == "__pycache__") != state
    assert cache.tree_state(tmp_path / "missing") == []


def test_cache_files_state_marks_missing_files(tmp_path):
    _touch(tmp_path / "a.md", "x", 5)
    assert cache.files_state(tmp_path, [tmp_path / "a.md", tmp_path / "gone.md"]) == [["a.md", 1, 5],
                                                                                     ["gone.md", None, None]]


def test_cache_digest_ignores_key_order_and_keeps_dates():
    assert cache.digest({"a": 1, "b": [dt.date(2024, 1, 2)]}) == cache.digest({"b": [dt.date(2024, 1, 2)], "a": 1})
    assert cache.digest({"a": dt.date(2024, 1, 2)}) != cache.digest({"a": "2024-01-02"})


def test_cache_stamps_round_trip_and_forget_only_stamps(tmp_path):
    stamps = cache.Stamps(tmp_path / "c")
    assert stamps.get("run-stamp.json") is None
    stamps.put("run-stamp.json", {"files": [["a", 1, 2]]})
    stamps.put("other-stamp.json", [1])
    stamps.put("ingest.json", {"key": "k"})
    assert stamps.get("run-stamp.json") == {"files": [["a", 1, 2]]}
    (tmp_path / "c" / "other-stamp.json").write_text("{not json", encoding="utf-8")
    assert stamps.get("other-stamp.json") is None  # unreadable counts as absent
    assert stamps.forget_stamps() == ["other-stamp.json", "run-stamp.json"]
    assert stamps.get("run-stamp.json") is None and stamps.get("ingest.json") == {"key": "k"}
    assert not [p for p in (tmp_path / "c").iterdir() if p.name.endswith(".tmp")]
    nothing = cache.Stamps(None)
    nothing.put("x-stamp.json", 1)
    assert nothing.get("x-stamp.json") is None and nothing.forget_stamps() == []


def test_cache_stamps_in_an_unwritable_place_raise_only_when_strict(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    stamps = cache.Stamps(tmp_path / "file" / "below")  # a folder that cannot be made
    stamps.put("a-stamp.json", 1, strict=False)
    try:
        stamps.put("a-stamp.json", 1)
    except OSError:
        pass
    else:
        raise AssertionError("a strict put into an unwritable folder must raise")


def test_cache_state_files_keep_a_version_and_survive_damage(tmp_path):
    path = tmp_path / "state.pickle"
    assert cache.load_state(path, 1) == {}
    cache.save_state(path, {"version": 1, "parsed": {"a": (1, 2)}})
    assert cache.load_state(path, 1) == {"version": 1, "parsed": {"a": (1, 2)}}
    assert cache.load_state(path, 2) == {}  # another version's state is no state
    path.write_bytes(b"not a pickle")  # another writer: the signature changes, the file is read again
    assert cache.load_state(path, 1) == {}


@dataclass
class _Article:
    id: str
    digest: str
    published: dt.date | None = None
    published_precision: str = "day"
    outlet: str | None = None
    url: str | None = None


def test_cache_extraction_results_are_keyed_by_bytes_metadata_and_fingerprint(tmp_path):
    value = {"candidates": [{"date": dt.date(2024, 5, 1), "b": 1, "a": (2, 3)}], "context": [], "new_actors": []}
    article = _Article("one", "d1", dt.date(2024, 5, 2))
    store = cache.ExtractionCache(tmp_path, "fp")
    assert store.get(article) is None
    store.put(article, value)
    hit = cache.ExtractionCache(tmp_path, "fp").get(article)
    assert hit == {"candidates": [{"date": dt.date(2024, 5, 1), "b": 1, "a": [2, 3]}], "context": [],
                   "new_actors": []}
    assert list(hit["candidates"][0]) == ["date", "b", "a"]  # key order kept: records dump in dict order
    assert cache.ExtractionCache(tmp_path, "other").get(article) is None
    assert store.get(_Article("one", "d2", dt.date(2024, 5, 2))) is None
    assert store.get(_Article("one", "d1", dt.date(2024, 5, 3))) is None  # sources.yaml gave another date
    assert (store.hits, store.misses) == (0, 3)
    assert cache.ExtractionCache(None, "fp").get(article) is None
