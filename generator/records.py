"""The only module that reads and writes record YAML: `records/incidents`, `actors`, `places`.

Loading is safe (no arbitrary tags); every problem is reported as `file:line: field: message`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import Problem

KINDS = ("incidents", "actors", "places")


@dataclass
class RecordSet:
    """Every record under one records folder, by kind and id, plus the problems met loading them."""

    incidents: dict[str, dict] = field(default_factory=dict)
    actors: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    paths: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> relpath
    problems: list[Problem] = field(default_factory=list)


def load_records(records_dir: Path) -> RecordSet:
    """Read every `*.yaml` record under `records_dir`, sorted by file name."""
    out = RecordSet()
    for kind in KINDS:
        folder = records_dir / kind
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            rel = f"{kind}/{path.name}"
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                line = getattr(getattr(exc, "problem_mark", None), "line", None)
                out.problems.append(Problem(rel, None if line is None else line + 1, "",
                                            f"cannot read YAML: {exc}"))
                continue
            if not isinstance(data, dict):
                out.problems.append(Problem(rel, 1, "", "a record must be a mapping of fields"))
                continue
            rid = str(data.get("id") or path.stem)
            getattr(out, kind)[rid] = data
            out.paths[(kind, rid)] = rel
    return out
