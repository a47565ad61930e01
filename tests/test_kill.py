"""kill -9 at random moments (issue 11, items 5 and 11): `extract` and `render` are killed, the main
process alone, in a temporary project with a small corpus of hand-written articles. Afterwards the
forked extraction workers have exited, the next run gets the lock and succeeds, `check` reports at
most staleness (never a dangling reference or an unreadable file) and no temporary file remains.

Bounded: a fixed random seed and a few iterations. Slow (each extract loads spaCy in every worker).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "wire-erbil.txt": """\
Drones target air base near Erbil, no casualties reported

ERBIL, Iraq, March 4, 2024 (Wire) — Two explosive-laden drones were shot down near the Erbil air base in
northern Iraq on Sunday night, the Kurdistan Region's counter-terrorism service said.

No casualties or damage were reported. The Islamic Resistance in Iraq claimed the attack in a statement
on Telegram, saying it had targeted "the occupation forces".
""",
    "local-mogadishu.md": """\
---
title: Car bomb kills five at checkpoint in Mogadishu
outlet: The Coastal Courier
published: 2024-05-12
url: https://courier.example/2024/05/12/checkpoint-blast
---
A car bomb exploded at a security checkpoint in Mogadishu on Saturday, killing five people and wounding
at least 11, police told the Courier.

Al-Shabaab said it carried out the bombing. Witnesses described a loud blast followed by gunfire near
the checkpoint, which guards the road to the airport.
""",
    "statement-asad.html": """\
<html><head><meta property="og:site_name" content="Joint Task Force Press Desk">
<meta property="article:published_time" content="2024-08-06T09:00:00Z"></head>
<body><article><h1>Statement on the rocket attack on al-Asad airbase</h1>
<p>Several rockets struck al-Asad airbase in western Iraq on Monday evening, wounding three coalition
service members, one of them seriously.</p>
<p>The wounded were evacuated for treatment. An assessment of the damage is under way.</p>
</article></body></html>
""",
    "wire-maiduguri.txt": """\
Gunmen kill seven villagers near Maiduguri

MAIDUGURI, Nigeria, Jan 15, 2024 (Wire) — Gunmen killed seven villagers and abducted two women near
Maiduguri on Sunday, a local official said on Monday.

Residents blamed Boko Haram for the attack, which came a day after soldiers repelled an assault on a
nearby base.
""",
    "local-asad-followup.md": """\
---
title: Three hurt as rockets hit al-Asad, officials say
outlet: Gulf Evening Herald
published: 2024-08-06
---
Rockets hit al-Asad airbase on Monday, wounding three U.S. service members, two officials said on Tuesday.

One of the wounded was in serious condition, the officials said.
""",
}


def make_project(folder: Path) -> Path:
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    return folder


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def command(name: str) -> list[str]:
    cmd = [sys.executable, "-m", "generator", name, "--records", "records"]
    if name == "extract":
        return cmd + ["--seeds", "seeds", "--jobs", "2"]
    return cmd + ["--briefs", "briefs", "--templates", str(ROOT / "templates")]


def run(project: Path, name: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(name) + list(extra), cwd=project, env=env(), capture_output=True, text=True,
                          timeout=600)


def children(pid: int) -> set[int]:
    """Ids of the live processes whose parent is `pid` (Linux /proc)."""
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != b"Z":
                out.add(int(entry))
    return out


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                if fh.read().rsplit(b")", 1)[1].split()[0] != b"Z":
                    out.add(pid)
        except OSError:
            pass
    return out


def kill_main(project: Path, name: str, *, after: float | None = None, when_workers: bool = False,
              extra: tuple[str, ...] = ()) -> set[int]:
    """Start `name`, kill -9 its main process alone (after `after` seconds, or once it has forked its
    workers); returns the ids of the children it had."""
    proc = subprocess.Popen(command(name) + list(extra), cwd=project, env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    start = time.monotonic()
    try:
        while proc.poll() is None:
            seen |= children(proc.pid)
            elapsed = time.monotonic() - start
            if (when_workers and len(seen) >= 2 and elapsed > 1) or (after is not None and elapsed >= after) \
                    or elapsed > 300:
                seen |= children(proc.pid)
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.05)
    finally:
        proc.wait()
    return seen


def wait_gone(pids: set[int], seconds: float = 20) -> set[int]:
    end = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < end:
        time.sleep(0.1)
    left = alive(pids)
    for pid in left:  # do not leave them behind whatever the test says
        os.kill(pid, signal.SIGKILL)
    return left


def temporaries(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in project.rglob(".*.tmp"))


def check_at_most_stale(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--records", "records", "--briefs", "briefs",
                           "--templates", str(ROOT / "templates"), "--no-seeds"], cwd=project, env=env(),
                          capture_output=True, text=True, timeout=600)
    assert "problem" not in done.stderr, done.stdout[-2000:] + done.stderr[-2000:]
    assert done.returncode == 0 or "stale" in done.stderr, done.stderr[-2000:]


def test_extract_workers_exit_when_the_main_process_is_killed(tmp_path):
    project = make_project(tmp_path)
    workers = kill_main(project, "extract", when_workers=True, extra=("--no-cache",))
    assert workers, "extract forked no workers"
    assert wait_gone(workers) == set(), "workers outlived their killed parent"
    done = run(project, "extract")
    assert done.returncode == 0, done.stderr[-2000:]


def test_kill_9_loop_leaves_a_project_the_next_run_repairs(tmp_path):
    project = make_project(tmp_path)
    rng = random.Random(11)
    # First a kill while extraction workers run, then kills at random moments of both commands (records
    # already exist from the second extract on, so later kills can land in the write phase).
    plan = [("extract", None, True), ("extract", 2.0, False)]
    plan += [(rng.choice(["extract", "render"]), None, False) for _ in range(4)]
    for name, after, when_workers in plan:
        if name == "extract" and not after and not when_workers:
            after = rng.uniform(1.0, 12.0)
        elif name == "render":
            after = rng.uniform(0.2, 2.5)
        if name == "extract" and rng.random() < 0.5:
            shutil.rmtree(project / ".cache" / "extract", ignore_errors=True)  # make it extract again
        workers = kill_main(project, name, after=after, when_workers=when_workers)
        assert wait_gone(workers) == set(), f"{name}'s children outlived it"
        if (project / "records").is_dir():
            check_at_most_stale(project)
    for name in ("extract", "render"):
        done = run(project, name)
        assert done.returncode == 0, f"{name} after the kills: {done.stderr[-2000:]}"
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--records", "records", "--briefs", "briefs",
                           "--templates", str(ROOT / "templates"), "--seeds", "seeds"], cwd=project, env=env(),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert temporaries(project) == []
    assert list((project / "records" / "incidents").glob("*.yaml")), "the corpus made no incident"
