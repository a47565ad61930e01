"""The only place that writes files: atomic, only-when-changed writes of whole trees, under a lock.

Gather, then write: callers build every output in memory first and hand it over in one call, so a run
that fails part-way writes nothing. Each file goes to a temporary sibling and is renamed into place,
so a run killed at any point leaves every file either as it was or as it should be.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from generator.errors import InputError, LockedError, Problem


def safe_join(root: Path, relpath: str) -> Path:
    """`root / relpath`, refusing any name that would land outside `root`."""
    rel = PurePosixPath(relpath)
    if rel.is_absolute() or not rel.parts or any(p in ("", ".", "..") for p in rel.parts) or "\\" in relpath:
        raise InputError(Problem(str(relpath), None, "", "refusing a path that leaves its folder"))
    return root.joinpath(*rel.parts)


def _file_mode(path: Path) -> int:
    """The mode a file at `path` should have: its current one, else what the umask allows."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> bool:
    """Write `data` to `path` atomically unless it already holds exactly that. True when written.

    `durable=False` skips the fsync: for caches, which may be lost but must never be half-written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; a written file gets the usual mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True


def write_tree(root: Path, files: Mapping[str, str | bytes], *, prune: Iterator[str] | None = None) -> list[str]:
    """Write every `relpath -> content` under `root`; delete the relpaths in `prune` that `files` lacks.

    Returns the sorted relpaths that changed (written or deleted). Only changed files are touched, so a
    watcher such as `mkdocs serve` sees no event when nothing changed.
    """
    targets = {rel: safe_join(root, rel) for rel in files}
    changed = [rel for rel in sorted(files) if write_atomic(targets[rel], files[rel])]
    for rel in sorted(set(prune or ()) - set(files)):
        path = safe_join(root, rel)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            changed.append(rel)
    return sorted(changed)


@contextlib.contextmanager
def run_lock(folder: Path, name: str = ".briefing.lock") -> Iterator[Path]:
    """Hold an exclusive lock file in `folder` for the duration of a writing run.

    Uses `fcntl.flock`, which the kernel releases when the process dies, so a killed run never leaves a
    stale lock behind.
    """
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / name
    fh = open(lock_path, "a+")
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise LockedError(f"{lock_path}: another briefing run is writing here; wait for it to finish")
            raise
        yield lock_path
    finally:
        fh.close()
