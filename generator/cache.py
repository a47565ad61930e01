"""Every cache of the generator: what lets a step skip work whose inputs have not changed.

A cache only ever skips work; it never changes what is written. Everything here is this program's
own memory, written atomically (never half a file) and without fsync unless asked: a lost or damaged
cache entry costs time, not correctness, and reads as absent.

- **File signatures** (`signature`, `tree_state`): a file is taken as unchanged while its size and
  modification time (ns) are. `tree_state` is the one walk of a folder that every stamp hashes.
- **Stamps** (`Stamps`): named JSON files in a cache folder, each the state of what a step read when
  it last succeeded, so that the next run can compare and do nothing. The extract command
  (`extract-stamp.json`) and its reconcile step (`reconcile-stamp.json`) keep theirs in
  `.cache/extract/`, render (`render-stamp.json`) in `.cache/` beside `records/`.
  `Stamps.forget_stamps()` makes the next run do everything again (the per-article results stay).
  The same store keeps other JSON caches by name (`.cache/extract/ingest.json`: each seed's cleaned
  article, by the seed's signature).
- **State files** (`load_state`, `save_state`): pickled state a step carries from one run to the next
  (render's `render-state-*.pickle`: records as last parsed, pieces of the downloads), with a copy in
  memory of what this process wrote last, so `mkdocs serve` does not read back its own state.
- **Per-article extraction results** (`ExtractionCache`, in `.cache/extract/<fingerprint>/`): keyed by
  the article's bytes and metadata and by `kb_fingerprint` (the extractor's code and the knowledge
  base), so a changed article, and only it, is extracted again. Results are JSON (`encode`/`decode`
  keep dates), with keys in their order: a hit must equal a fresh result, key order included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import fsio

PACKAGE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- file signatures


def signature(path: Path) -> tuple[int, int] | None:
    """`(size, mtime_ns)` of a file, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def files_state(base: Path, paths: Iterable[Path]) -> list:
    """`[relpath, size, mtime_ns]` of each path, named relative to `base` (so that `records` and
    `/abs/records` agree); a missing file is `[relpath, None, None]`."""
    out = []
    for path in paths:
        sig = signature(path)
        out.append([Path(path).relative_to(base).as_posix(), *(sig or (None, None))])
    return out


def tree_state(root: Path, skip: Callable[[str], bool] = lambda name: False) -> list:
    """Every file under `root` (but those whose name, or whose folder's name, `skip` names) as
    `[relpath, size, mtime_ns]`, sorted: what a stamp compares."""
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


def digest(value: Any) -> str:
    """A sha256 of a JSON value (dates allowed), independent of its dicts' key order."""
    return hashlib.sha256(json.dumps(encode(value), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --------------------------------------------------------------------------- stamps


class Stamps:
    """Named JSON files in one cache folder (`folder` None: a store that holds nothing)."""

    SUFFIX = "-stamp.json"

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None

    def get(self, name: str) -> Any:
        """The value last put under `name`, or None when there is none or it cannot be read."""
        if self.folder is None:
            return None
        try:
            return json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, name: str, value: Any, *, durable: bool = False, strict: bool = True, **dumps) -> None:
        """Write `value` under `name` atomically, as `json.dumps(value, sort_keys=True, **dumps)`.
        `strict=False`: a folder that cannot be written (a read-only checkout) only costs the skip."""
        if self.folder is None:
            return
        try:
            fsio.write_atomic(self.folder / name, json.dumps(value, sort_keys=True, **dumps), durable=durable)
        except OSError:
            if strict:
                raise

    def forget(self, name: str) -> None:
        if self.folder is not None:
            (self.folder / name).unlink(missing_ok=True)

    def forget_stamps(self) -> list[str]:
        """Forget every stamp in the folder (`*-stamp.json`): the next run of each step does its work
        again, with whatever other caches the folder holds. Returns the names forgotten."""
        if self.folder is None or not self.folder.is_dir():
            return []
        gone = sorted(p.name for p in self.folder.glob(f"*{self.SUFFIX}") if p.is_file())
        for name in gone:
            self.forget(name)
        return gone


# --------------------------------------------------------------------------- state files

# The state this process wrote last, by file, with the file's signature then: `mkdocs serve` renders
# again on every reload, and reading back what it wrote a moment ago would cost half a second at
# 10,000 incidents. Any other writer changes the signature, and the file is read again.
_WRITTEN: dict[Path, tuple[tuple[int, int], dict]] = {}


def load_state(path: Path, version: int) -> dict:
    """The state last saved at `path`, or an empty one: anything unreadable, or saved with another
    `version`, counts as no state."""
    known = _WRITTEN.get(path)
    if known is not None and known[0] == signature(path):
        state = known[1]
    else:
        try:
            with open(path, "rb") as fh:
                state = pickle.load(fh)
        except Exception:  # noqa: BLE001 - a damaged or foreign cache only costs the work it would skip
            return {}
    return state if isinstance(state, dict) and state.get("version") == version else {}


def save_state(path: Path, state: dict) -> None:
    """Save `state` (holding its `version`); a folder that cannot be written is no error."""
    _WRITTEN.pop(path, None)
    try:
        fsio.write_atomic(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        return
    sig = signature(path)
    if sig is not None:
        _WRITTEN[path] = (sig, state)


# --------------------------------------------------------------------------- extraction results


def encode(obj):
    """A JSON-able copy of `obj`: dates become `{"$date": iso}`, tuples lists."""
    if isinstance(obj, dt.date):
        return {"$date": obj.isoformat()}
    if isinstance(obj, dict):
        return {k: encode(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [encode(v) for v in obj]
    return obj


def decode(obj):
    """`encode` undone."""
    if isinstance(obj, dict):
        if set(obj) == {"$date"}:
            return dt.date.fromisoformat(obj["$date"])
        return {k: decode(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [decode(v) for v in obj]
    return obj


def kb_fingerprint(kb, shipped, versions: str) -> str:
    """A hash of everything extraction reads besides the article: `versions` (the package's and the
    extractor's), the extractor's own code, the shipped data files, and the knowledge base `kb` as the
    curated records leave it (`shipped`: the knowledge base without records).

    The records are hashed through what they mean, not through their bytes: the actor and place records a
    run drafts are copies of knowledge-base entries, and writing them must not invalidate the cache.
    """
    h = hashlib.sha256(versions.encode())
    # The extractor's code: extract/ and records/ (the knowledge base, the format, its vocabularies and the
    # shared record rules extraction imports).
    code = sorted((PACKAGE / "extract").glob("*.py")) + sorted((PACKAGE / "records").glob("*.py"))
    for path in code:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for path in sorted((PACKAGE / "data").glob("*")):
        if path.is_file() and path.suffix in (".yaml", ".tsv", ".txt", ".json"):
            h.update(path.name.encode())
            h.update(path.read_bytes())
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
    fields = dataclasses.asdict(entry) if dataclasses.is_dataclass(entry) else dict(vars(entry))
    return repr(sorted((k, tuple(sorted(map(str, v))) if isinstance(v, (list, tuple, set, frozenset)) else v)
                       for k, v in fields.items()))


@dataclass
class ExtractionCache:
    """Per-article extraction results on disk (`folder` None: nothing kept), keyed by the article's
    digest and metadata and by the knowledge-base `fingerprint`."""

    folder: Path | None
    fingerprint: str
    hits: int = 0
    misses: int = 0

    def _path(self, article) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / self.fingerprint / f"{article.digest}-{_meta_hash(article)}.json"

    def get(self, article):
        path = self._path(article)
        if path is None or not path.exists():
            self.misses += 1
            return None
        try:
            value = decode(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, article, value) -> None:
        path = self._path(article)
        if path is None:
            return
        # Keys keep their order: records are dumped in dict order, so a hit must equal a fresh result.
        fsio.write_atomic(path, json.dumps(encode(value), ensure_ascii=False), durable=False)


def _meta_hash(article) -> str:
    """Metadata from sources.yaml changes an article's result without changing its bytes."""
    key = f"{article.id}|{article.published}|{article.published_precision}|{article.outlet}|{article.url}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]
