"""Ingest: seed files (`.txt`, `.md` with YAML front matter, `.html`) -> cleaned `Article`s.

The seeds walk (which files are articles, `seeds/sources.yaml`, size and encoding checks) and the
ingest cache; one reader per format, chosen by suffix, and the cleaning rules are in `readers.py`.

Publication dates come, in this order, from the file's front matter, `seeds/sources.yaml`, a dateline
in the text, or the newest timestamp encoded in an embedded post's URL; the article records which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.cache import Stamps, signature
from generator.errors import Problem
from generator.extract import readers
from generator.extract.readers import (READERS, clean_body, date_from_text, load_yaml, parse_date, yaml_line,
                                       yaml_problem)
from generator.records.format import Article

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SOURCES_FILE = "sources.yaml"
MAX_BYTES = 5 * 1024 * 1024  # a news article is a few KB; anything this large is not one



# --------------------------------------------------------------------------- the stage


@dataclass(frozen=True)
class IngestResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def load_sources(seeds_dir: Path) -> tuple[dict[str, dict], list[Problem]]:
    """`seeds/sources.yaml`: metadata by file name or stem for files that carry none."""
    path = seeds_dir / SOURCES_FILE
    if not path.exists():
        return {}, []
    root = os.path.realpath(seeds_dir)
    if os.path.dirname(os.path.realpath(path)) != root:
        return {}, [Problem(SOURCES_FILE, None, "", "skipped: a symbolic link to a file outside the seeds folder; "
                            "write the metadata into the folder instead")]
    try:
        text = _read_seed(path).decode("utf-8-sig")
        data = load_yaml(text) or {}
    except yaml.YAMLError as exc:
        return {}, [Problem(SOURCES_FILE, yaml_line(exc, text), "",
                            f"cannot read YAML: {yaml_problem(exc)}")]
    except UnicodeDecodeError as exc:
        return {}, [Problem(SOURCES_FILE, None, "", f"cannot read YAML: not UTF-8 text ({exc.reason})")]
    except ValueError as exc:  # too large, not a file
        return {}, [Problem(SOURCES_FILE, None, "", f"skipped: {exc}")]
    if not isinstance(data, dict):
        return {}, [Problem(SOURCES_FILE, 1, "", "must map file names to {url, outlet, published, title}")]
    out, problems = {}, []
    for key, value in data.items():
        if value is None:
            continue  # an entry that only carries a comment
        if not isinstance(value, dict):
            problems.append(Problem(SOURCES_FILE, None, str(key), "must be a mapping of url, outlet, published"))
            continue
        out[Path(str(key)).stem] = value
    return out, problems


def seed_files(seeds_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The seed files under `seeds_dir`, sorted; anything else is reported, not read: files of other
    kinds, hidden files and folders (a name starting with '.'), what is not a regular file, and symbolic
    links that lead outside `seeds_dir` (a link in a pull request must not make CI read the machine's
    files)."""
    root = os.path.realpath(seeds_dir)
    files, problems = [], []

    def inside(path: str) -> bool:
        target = os.path.realpath(path)
        return target == root or target.startswith(root.rstrip(os.sep) + os.sep)

    def walk(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(prefix.rstrip("/") or ".", None, "", f"skipped: cannot list the folder "
                                    f"({exc.strerror})"))
            return
        for entry in entries:
            rel = prefix + entry.name
            is_link = entry.is_symlink()
            if rel == SOURCES_FILE:
                continue  # read by load_sources
            if entry.name.startswith("."):
                what = "folder" if entry.is_dir() else "file"
                problems.append(Problem(rel, None, "", f"skipped: a hidden {what} (its name starts with '.'); "
                                        "rename it if it holds articles"))
            elif is_link and not inside(entry.path):
                problems.append(Problem(rel, None, "", "skipped: a symbolic link to a place outside the seeds "
                                        "folder; copy the article into the folder instead"))
            elif entry.is_dir():
                if is_link:
                    problems.append(Problem(rel, None, "", "skipped: a symbolic link to a folder; its files "
                                            "are read under their own names"))
                else:
                    walk(Path(entry.path), rel + "/")
            elif not entry.is_file():
                problems.append(Problem(rel, None, "", "skipped: not a regular file"))
            elif Path(entry.name).suffix.lower() in SUFFIXES:
                files.append(Path(entry.path))
            else:
                suffix = Path(entry.name).suffix
                problems.append(Problem(rel, None, "", f"skipped: {suffix or 'no suffix'} is not a seed format "
                                        f"({', '.join(SUFFIXES)})"))

    walk(Path(seeds_dir), "")
    return sorted(files), problems


# Publication dates outside these years are typing errors (`0001-01-02`), and date arithmetic on them
# ("last week" before year 1) overflows: such a date is set aside with a warning.
PLAUSIBLE_YEARS = (1900, 2199)

_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
         (b"\xfe\xff", "utf-16"))


def _read_seed(path: Path) -> bytes:
    """The bytes of a seed, refusing before reading anything a seed cannot be (too large, not a file)."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise ValueError("is not a regular file")
    if st.st_size > MAX_BYTES:
        raise ValueError(f"{st.st_size / 1e6:.1f} MB is larger than the {MAX_BYTES // 2**20} MB a seed "
                         "may be; split it or remove what is not article text")
    with path.open("rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:  # it grew while being read
        raise ValueError(f"is larger than the {MAX_BYTES // 2**20} MB a seed may be")
    return raw


def _decode(raw: bytes) -> str:
    """Seed bytes -> text: UTF-8 (with or without a BOM), or UTF-16/32 with a byte-order mark."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {codec.upper()} byte-order mark but does not decode as "
                                 f"{codec.upper()} (offset {exc.start}); re-save it as UTF-8") from None
    head = raw[:8192]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 4 and min(even, odd) < max(even, odd) // 8:
            raise ValueError("looks like UTF-16 text without a byte-order mark; re-save it as UTF-8")
        raise ValueError("looks binary (it holds NUL bytes); seeds must be text (.txt, .md, .html)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                         "re-save it as UTF-8") from None


def read_article(path: Path, rel: str, sources: dict[str, dict]) -> Article:
    """One seed file -> Article. Raises ValueError with a message that says how to fix the file."""
    raw_bytes = _read_seed(path)
    text = _decode(raw_bytes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        raw = READERS[path.suffix.lower()](text)
    except yaml.YAMLError as exc:
        line = yaml_line(exc, text, first=2)  # the front matter starts on the file's second line
        where = f"line {line}: " if line else ""
        raise ValueError(f"{where}cannot read the front matter: {yaml_problem(exc)}") from None
    body, posts = clean_body(raw.body)
    title = " ".join(raw.title.split())
    if not body.strip() and not title:
        raise ValueError("is empty; add the article's text or remove the file")
    stem = path.stem
    meta = {**{k: v for k, v in sources.get(stem, {}).items() if v is not None},
            **{k: v for k, v in raw.meta.items() if v is not None}}
    origin = "front matter" if raw.meta.get("published") else f"seeds/{SOURCES_FILE}"
    published, precision, basis = None, "unknown", ""
    if meta.get("published"):
        try:
            published, precision = parse_date(meta["published"])
        except ValueError as exc:
            raise ValueError(f"published ({origin}): {exc}") from None
        basis = origin
    if published is None or precision != "day":
        found, found_precision, found_basis = date_from_text(body, posts, published.year if published else None)
        if found and (published is None or (found.year, found.month) == (published.year, published.month)
                      or precision == "year" and found.year == published.year):
            published, precision, basis = found, found_precision, found_basis
    warnings = []
    if published is not None and not PLAUSIBLE_YEARS[0] <= published.year <= PLAUSIBLE_YEARS[1]:
        warnings.append(f"published: {published.isoformat()} ({basis}) is not a plausible publication date "
                        f"(years {PLAUSIBLE_YEARS[0]}-{PLAUSIBLE_YEARS[1]}); it is set aside, so dates "
                        "relative to it stay unresolved")
        published, precision, basis = None, "unknown", ""
    return Article(
        # The headline is part of the text: it often states the news, and evidence may quote it.
        id=stem, path=rel, title=title or stem, text=f"{title}\n\n{body}" if title else body,
        url=str(meta["url"]) if meta.get("url") else None,
        outlet=str(meta["outlet"]) if meta.get("outlet") else None,
        published=published, published_precision=precision, published_basis=basis,
        digest=hashlib.sha256(raw_bytes).hexdigest(), warnings=tuple(warnings),
    )


INGEST_CACHE = "ingest.json"


def _ingest_version() -> str:
    """Cached articles are valid only for the code that made them: this file, the readers, the Article
    model and the month names."""
    from generator.records import format as model
    from generator.records import vocabulary

    h = hashlib.sha256()
    for mod in (__file__, readers.__file__, model.__file__, vocabulary.__file__):
        h.update(Path(mod).read_bytes())
    return h.hexdigest()[:16]


def _article_to_json(a: Article) -> dict:
    d = {f: getattr(a, f) for f in Article.__dataclass_fields__}
    d["published"] = a.published.isoformat() if a.published else None
    d["warnings"] = list(a.warnings)
    return d


def _article_from_json(d: dict) -> Article:
    d = dict(d)
    d["published"] = dt.date.fromisoformat(d["published"]) if d.get("published") else None
    d["warnings"] = tuple(d.get("warnings") or ())
    return Article(**d)


class _IngestCache:
    """`cache_dir/ingest.json`: each seed's Article keyed by (path, size, mtime_ns), so a re-run reads and
    cleans only the files that changed. Valid for one version of the ingest code and one
    `seeds/sources.yaml` (its bytes); anything else, or an unreadable cache, starts it afresh."""

    def __init__(self, cache_dir: Path | None, seeds_dir: Path):
        self.store = Stamps(cache_dir)
        self.path = None if cache_dir is None else Path(cache_dir) / INGEST_CACHE
        sources = seeds_dir / SOURCES_FILE
        self.key = _ingest_version() + ":" + (hashlib.sha256(sources.read_bytes()).hexdigest()[:16]
                                              if sources.is_file() else "-")
        self.old: dict = {}
        self.new: dict = {}
        self.hits = 0
        data = self.store.get(INGEST_CACHE)
        if isinstance(data, dict) and data.get("key") == self.key:
            self.old = data.get("files") or {}

    @staticmethod
    def _stamp(path: Path) -> list[int]:
        sig = signature(path)
        if sig is None:
            raise OSError(f"cannot stat {path}")
        return list(sig)

    def get(self, path: Path, rel: str) -> Article | None:
        entry = self.old.get(rel)
        if self.path is None or not entry:
            return None
        try:
            if entry[0] != self._stamp(path):
                return None
            article = _article_from_json(entry[1])
        except (OSError, TypeError, ValueError, KeyError, IndexError):
            return None
        self.new[rel] = entry
        self.hits += 1
        return article

    def put(self, path: Path, rel: str, article: Article) -> None:
        if self.path is not None:
            try:
                self.new[rel] = [self._stamp(path), _article_to_json(article)]
            except OSError:
                pass

    def save(self) -> None:
        if self.path is None or self.new == self.old:
            return
        # A read-only cache only costs time.
        self.store.put(INGEST_CACHE, {"key": self.key, "files": self.new}, durable=True, strict=False,
                       ensure_ascii=False, separators=(",", ":"))


def ingest(seeds_dir: Path, cache_dir: Path | None = None, progress: bool = False) -> IngestResult:
    """Read every seed under `seeds_dir`. A file that cannot be read is reported and skipped.

    With `cache_dir`, articles of files whose size and modification time are unchanged since the last
    run are taken from `cache_dir/ingest.json` instead of being read and cleaned again (the result is
    the same; `tests/test_ingest.py` checks it). `progress` shows a bar on stderr."""
    from generator.progress import bar

    sources, problems = load_sources(seeds_dir)
    files, skipped = seed_files(seeds_dir)
    problems.extend(skipped)
    cache = _IngestCache(cache_dir, seeds_dir)
    articles: list[Article] = []
    seen_ids: dict[str, str] = {}
    seen_digest: dict[str, str] = {}
    tick = bar(len(files), "ingest", progress, unit="file")
    for path in files:
        tick.update(1)
        rel = path.relative_to(seeds_dir).as_posix()
        if path.stem in seen_ids:
            problems.append(Problem(rel, None, "", f"skipped: another seed, {seen_ids[path.stem]}, has the same "
                                    "id (file stem); rename one of them"))
            continue
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", path.stem):
            problems.append(Problem(rel, None, "", "skipped: a seed's name may hold only letters, digits, "
                                    "'.', '_' and '-'; rename the file"))
            continue
        article = cache.get(path, rel)
        if article is None:
            try:
                article = read_article(path, rel, sources)
            except (ValueError, OSError) as exc:
                problems.append(Problem(rel, None, "", f"skipped: {exc}"))
                continue
            cache.put(path, rel, article)
        if article.digest in seen_digest:
            problems.append(Problem(rel, None, "", f"skipped: the same bytes as {seen_digest[article.digest]}; "
                                    "one article, two names"))
            continue
        problems.extend(Problem(rel, None, "", w) for w in article.warnings)
        seen_ids[path.stem] = rel
        seen_digest[article.digest] = rel
        articles.append(article)
    tick.close()
    cache.save()
    return IngestResult(tuple(articles), tuple(sorted(problems)))
