"""Where the generator writes files: atomic, only-when-changed writes of whole trees, under a lock.

Records and their memory, briefs, caches and stamps, the search index the MkDocs hook rewrites and the
seeds `add` saves are all written here. Elsewhere files are only deleted (`records/edits.py` removes a
renamed or merged record's old file after writing the new one; `mkdocs/serving.py` removes the HTML
of pages gone from a dirty build), and `data/make_tables.py`, a maintainer's tool run by hand, writes
the knowledge-base tables under generator/data/ directly.

Gather, then write: callers build every output in memory first and hand it over in one call, so a run
that fails part-way writes nothing. Each file goes to a temporary sibling (`.<name>.<pid>.<random>.tmp`)
and is renamed into place, so a run killed at any point leaves every file either as it was or as it
should be. A temporary file a killed run left behind is deleted by the next run that takes the lock of
its folder (`run_lock`), once the process named in it is gone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import sys
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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
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


# A temporary file of `write_atomic`: `.<name>.<pid of the writer>.<mkstemp's random part>.tmp`
# (earlier versions wrote no pid).
TEMP_FILE = re.compile(r"^\..+?\.(?:(?P<pid>\d+)\.)?[A-Za-z0-9_]{8}\.tmp$")
OLD_TEMP_AGE = 60  # seconds: a write takes milliseconds, so a temporary file without a pid this old is stale


def clean_temporaries(root: Path, *, recursive: bool = True) -> list[Path]:
    """Delete the temporary files killed writers left under `root`; returns those deleted.

    A temporary file whose writer is still running (another process writing a cache beside us) is kept."""
    import time

    removed = []
    folders = [str(root)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        for entry in entries:
            if recursive and entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
                continue
            m = TEMP_FILE.match(entry.name)
            if not m or not entry.is_file(follow_symlinks=False):
                continue
            try:
                stale = (not _alive(int(m.group("pid"))) if m.group("pid")
                         else time.time() - entry.stat(follow_symlinks=False).st_mtime > OLD_TEMP_AGE)
                if stale:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except FileNotFoundError:
                pass
    return sorted(removed)


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal exists too)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True


def _start_time(pid: int) -> str | None:
    """The kernel's start time of a process (Linux), which tells a process from a later one with its id."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def _holder_alive(info: dict) -> bool:
    pid = info.get("pid")
    if not isinstance(pid, int) or not _alive(pid):
        return False
    started = info.get("start_ticks")
    return started is None or _start_time(pid) in (None, started)


def _holder(fd: int) -> dict:
    """What the run holding a lock wrote into the lock file ({} when nothing readable)."""
    try:
        raw = os.pread(fd, 4096, 0)
        info = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _locked_message(lock_path: Path, info: dict) -> str:
    pid = info.get("pid")
    if not isinstance(pid, int):
        return (f"{lock_path}: another briefing run is writing here; wait for it to finish. If none is running, "
                f"a process it started still holds the lock: find it with `fuser {lock_path}` and stop it")
    command = f" (`{info['command']}`)" if isinstance(info.get("command"), str) and info["command"] else ""
    since = f", since {info['since']}" if isinstance(info.get("since"), str) else ""
    return (f"{lock_path}: another briefing run is writing here: process {pid}{command}{since}. Wait for it to "
            f"finish, or stop it (`kill {pid}`) and run again")


# Lock files this process holds, by descriptor: a forked child closes its copies at once, so that a
# worker that outlives its parent cannot keep the lock (flock belongs to every copy of a descriptor).
_HELD: set[int] = set()


def _close_held_in_child() -> None:
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_in_child)


@contextlib.contextmanager
def _guard(folder: Path) -> Iterator[None]:
    """A short exclusive flock on the folder itself: taking the lock and writing who holds it, or taking
    over a dead holder's lock, happen one run at a time."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _acquire(lock_path: Path, info: dict) -> int:
    """An open descriptor of `lock_path` holding an exclusive flock, with `info` written into the file,
    or `LockedError`."""
    import fcntl

    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            with _guard(lock_path.parent):
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    holder = _holder(fd)
                    if not holder or _holder_alive(holder):
                        raise LockedError(_locked_message(lock_path, holder)) from None
                    # The run that took the lock is dead, yet the lock is held: by a process it left
                    # behind (a worker of an older version), which writes nothing here. The lock is taken
                    # over: the file is removed, and the next open makes a new, free one.
                    with contextlib.suppress(FileNotFoundError):
                        if os.path.samestat(os.fstat(fd), os.stat(lock_path)):
                            os.unlink(lock_path)
                    os.close(fd)
                    continue
                try:  # the file may have been taken over between our open and our flock
                    same = os.path.samestat(os.fstat(fd), os.stat(lock_path))
                except FileNotFoundError:
                    same = False
                if not same:
                    os.close(fd)
                    continue
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
                return fd
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise


@contextlib.contextmanager
def run_lock(folder: Path, name: str = ".briefing.lock") -> Iterator[Path]:
    """Hold an exclusive lock file in `folder` for the duration of a writing run.

    Uses `fcntl.flock`, which the kernel releases when the process dies, so a killed run never leaves a
    stale lock behind: its forked children close their copies of the lock at once (`_HELD`), and a lock
    still held when the process that wrote its name into the file is gone is taken over. The file names
    the holding process (pid, command, start) for the message another run gets. Once the lock is held,
    temporary files killed runs left in `folder` are deleted (`clean_temporaries`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / name
    info = {"pid": os.getpid(), "start_ticks": _start_time(os.getpid()),
            "since": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "command": os.path.basename(sys.argv[1])[:40] if len(sys.argv) > 1 else ""}
    fd = _acquire(lock_path, info)
    _HELD.add(fd)
    try:
        clean_temporaries(folder)
        yield lock_path
    finally:  # what the file says is read only while the lock is held, so it is left as it is
        _HELD.discard(fd)
        os.close(fd)
