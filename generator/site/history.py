"""When each record last changed, from the project's git history: the feed's `updated` and the CSV's
`timestamp` (`exports.record_updated`).

A record's change time is the committer time of the last commit that changed its file: an analyst's
correction moves it as much as a new source does, and it is the same on every checkout of a commit,
so the same commit (and the same working tree) renders byte-identical downloads. A record file with
uncommitted changes (modified, or new and not yet committed) counts as changed at the time of the
commit checked out (`HEAD`): it is at least that new, and the number does not drift with the clock.

The history is used only for the project's own `records/` folder at the top of a git work tree with
its whole history: anywhere else (a test's or the benchmark's throwaway project, a release tarball, a
shallow clone, where every file would seem to change in its oldest commit) `record_times` returns
nothing and the stamps fall back to the records' own dates. Because these stamps come from commits,
the files that carry them (`HISTORY_FILES`) cannot be committed themselves (a commit cannot hold its
own time): they are built like the site, ignored by git and left out of `check`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

HISTORY_FILES = ("feed.xml", "downloads/incidents.csv")  # relative to briefs/
_COMMITTED: dict[tuple, dict[str, int]] = {}  # the last history walk, by work tree, folder and commit


def _git(top: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(top), *args],
                              capture_output=True, text=True, encoding="utf-8", errors="replace",
                              stdin=subprocess.DEVNULL, check=False)
    except OSError:  # no git on this machine
        return None
    return done.stdout if done.returncode == 0 else None


def work_tree(records_dir: Path) -> Path | None:
    """The top of the git work tree when `records_dir` is its `records/` folder with full history."""
    records_dir = Path(records_dir).resolve()
    top = _git(records_dir.parent, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if top is None:
        return None
    lines = top.splitlines()
    if len(lines) != 2 or lines[1].strip() != "false" or Path(lines[0]).resolve() != records_dir.parent:
        return None
    return records_dir.parent


def head(records_dir: Path) -> str | None:
    """The commit checked out, when `records_dir` has a history (`work_tree`); part of what a render's
    stamp compares, since a commit moves record times without touching a file."""
    top = work_tree(records_dir)
    out = _git(top, "rev-parse", "HEAD") if top is not None else None
    return out.strip() if out else None


def record_times(records_dir: Path, kind: str = "incidents") -> dict[str, int]:
    """`<kind>/<file>` (relative to `records_dir`) -> Unix time of the last commit that changed the
    file, or of `HEAD` when the file has uncommitted changes; {} without a history (`work_tree`)."""
    top = work_tree(records_dir)
    if top is None:
        return {}
    name = Path(records_dir).resolve().name
    now = _git(top, "log", "-1", "--format=%H %ct")
    status = _git(top, "status", "--porcelain", "--untracked-files=all", "--no-renames", "--", f"{name}/{kind}")
    if not now or len(now.split()) != 2 or not now.split()[1].isdigit() or status is None:
        return {}
    commit, stamp = now.split()
    key = (str(top), name, kind, commit)
    if key not in _COMMITTED:  # a history walk; `mkdocs serve` renders on every reload, at one commit
        log = _git(top, "log", "--format=@%ct", "--name-only", "--no-renames", "--", f"{name}/{kind}")
        if log is None:
            return {}
        found: dict[str, int] = {}
        when = 0
        for line in log.splitlines():
            if line.startswith("@") and line[1:].isdigit():
                when = int(line[1:])
            elif line.startswith(f"{name}/") and line not in found:
                found[line] = when
        _COMMITTED.clear()
        _COMMITTED[key] = found
    times = dict(_COMMITTED[key])
    now = stamp
    for line in status.splitlines():
        if len(line) > 3 and line[3:].startswith(f"{name}/"):
            times[line[3:]] = int(now.strip())
    prefix = len(name) + 1
    return {path[prefix:]: when for path, when in sorted(times.items())}


def incident_times(records_dir: Path, paths: dict[tuple[str, str], str]) -> dict[str, int]:
    """Incident id -> change time (`record_times`), for the incidents of a `RecordSet` (`paths`)."""
    times = record_times(records_dir)
    if not times:
        return {}
    return {rid: times[rel] for (kind, rid), rel in paths.items() if kind == "incidents" and rel in times}
