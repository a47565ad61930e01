"""Per-signal figures of the `uncertain` flags on a scored set: how many fields each signal flags on the
records matched to gold keys, and how many of those fields are wrong. For re-tuning the signals of
`generator/extract/uncertain.py` after extraction changes.

    python notes/flag_signals.py RECORDS_DIR GOLD_DIR [SCORE_PY]

RECORDS_DIR is what `generator extract --seeds <articles> --records RECORDS_DIR` wrote; the matching and
the judgement of each field are `../shared/eval/score.py`'s (SCORE_PY). A record keeps `{field, why}` only,
so the signal is read back from the wording of its reason (the patterns below follow uncertain.py).
"""

import collections
import importlib.util
import re
import sys
from pathlib import Path

SIGNALS = [
    ("date_unresolved", r"cannot be resolved"), ("date_none", r"^no date in the text and no publication"),
    ("date_publication", r"dated by its publication day"), ("date_lead", r"^no date in the sentences"),
    ("date_reported", r"^only the day it was reported"), ("date_window", r"gives a window of"),
    ("date_local_time", r"in the outlet's time"), ("merge_dates", r"^sources give dates"),
    ("place_unnamed_site", r"^a site the text does not name"), ("place_coarse", r"^placed only at"),
    ("place_others", r"^other places tied"), ("place_unknown_name", r"gazetteer lacks"),
    ("place_dateline", r"only in the dateline"), ("type_other", r"kind of attack is not named"),
    ("type_inferred", r"^no words name the kind"), ("merge_types", r"^sources call it differently"),
    ("weapons_none", r"^no weapon named"), ("weapons_many", r"kinds of weapon named"),
    ("merge_weapons", r"^sources name different weapons"),
    ("doer_none", r"^no source names who"), ("doer_accused_only", r"only accused, not claimed"),
    ("doer_not_armed", r"not an armed actor"), ("doer_also_target", r"also named as a target"),
    ("doer_unclaimed", r"^the source says"), ("doer_denied", r"^contested"),
    ("merge_doers", r"^sources name different doers"), ("toll_unread", r"^the report speaks of"),
    ("toll_elsewhere", r"^no figure tied"), ("toll_mixed", r"may count the dead"),
    ("merge_tolls", r"^sources disagree"), ("merge_undated", r"^merged with reports that give no date"),
    ("kept_apart", r"was kept apart"), ("answered_unplaced", r"answers an attack of .* it does not place"),
]
SCORED = {"event_type": "type"}  # the scorer's name of a field


def signal_of(why: str) -> str:
    return next((name for name, pattern in SIGNALS if re.search(pattern, why)), "other: " + why[:40])


def main() -> int:
    records_dir, gold_dir = Path(sys.argv[1]), Path(sys.argv[2])
    score_py = sys.argv[3] if len(sys.argv) > 3 else str(Path(__file__).resolve().parents[2] / "shared/eval/score.py")
    spec = importlib.util.spec_from_file_location("score", score_py)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    keys, articles = score.load_gold(gold_dir)
    actors = {str(a["id"]): a for a in score.load_yaml_dir(records_dir / "actors")}
    places = {str(p["id"]): p for p in score.load_yaml_dir(records_dir / "places")}
    records = score.load_yaml_dir(records_dir / "incidents")
    result = score.score(keys, articles, records, actors, places)
    by_id = {r["id"]: r for r in records}
    counts = collections.defaultdict(lambda: [0, 0])
    missed = []
    for row in result["rows"]:
        if not row.startswith(("OK", "PARTIAL")):
            continue
        lines = row.split("\n")
        rid = lines[0].split("-> ")[1].strip()
        wrong = {line.strip().split(":")[0] for line in lines[1:]}
        flagged = set()
        for flag in by_id[rid].get("uncertain") or []:
            field = SCORED.get(flag["field"], flag["field"])
            flagged.add(field)
            for why in flag["why"].split("; "):
                counts[(field, signal_of(why))][0] += 1
                counts[(field, signal_of(why))][1] += field in wrong
        missed += [f"{rid}: {field}" for field in sorted(wrong - flagged)]
    for (field, name), (n, bad) in sorted(counts.items()):
        print(f"{field:12} {name:20} flags {n:3}, of them wrong {bad:3}")
    print("wrong and not flagged:", *missed, sep="\n  ")
    s = result["summary"]
    print(f"flags: recall {s['flag_recall']:.3f} rate {s['flag_rate']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
