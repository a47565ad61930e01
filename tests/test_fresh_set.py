"""The fresh sets (tests/fixtures/fresh, fresh-b): articles written for the generalisation round, in outlets'
styles the development set lacks (a Pakistani daily's "CITY:" dateline, an army press release, a
liveblog without a date, an agency's "City (Country) (AFP) -", reports from Moscow on a strike in Ukraine,
a state news agency, an army communique), with gold files in the development set's format. Scored before
any rule was written for them: `fresh` (16 articles) incident F1 0.60 (14 records for 6 incidents, 1
invented); `fresh-b` (8 articles, written after the first fixes) 0.89 with the round's starting rules;
`fresh-where` (15 articles on where and which incident: places named in passing, one attack told by three
outlets with three spellings, two attacks in one city on consecutive days, a roundup of three oblasts, a
follow-up with arrests, a US outlet a day behind the attack's local time, two negatives) 0.75 before its
rules (date 0.38, place 0.75), 1.00 after; `fresh-where-b` (8 articles, written after the first where fixes)
0.89 (date 0.50, 1 invented), 1.00 after (the trial "for their role in the November 2021 suicide bombings",
below a headline on "2021 Kampala bombings", by the events stage's earlier-year rule);
`fresh-who` (16 articles on who did it: reported speech, denials, unnamed and described doers, blame against
claims, a claim made days later, groups named only as targets or past attackers, two claimants, a military's
own strike) 0.88 with perpetrator 0.71, and perpetrator 1.00 after the who-did-it rules of round 3;
`fresh-who-b` (9 articles written after the first of those rules) 0.89 with perpetrator 0.50, after
them F1 1.00 (weapons 0.75); `fresh-c` (14 articles after round 3's rules were merged: a Burkina town in
French-influenced English from a wire, a government communique and a local paper with a claim; a Sagaing air
strike from an exile outlet and a Bangkok wire with the military's denial; an Oromia massacre from state media,
a Nairobi wire and a rights commission; a Guanajuato shooting from a liveblog, a wire and a prosecutor's
follow-up; a gas blast, a protest and a trial as negatives) 0.62 (P 0.44, 9 records for 4 keys, 2 invented;
perpetrator 0.75, sources 0.50), 0.89 and 0 invented after four rules (events: an accident told by the
headline or another sentence, a headline dating a trial's attack to an earlier year; locate: a town that opens
an armed group's name, "the Santa Rosa de Lima Cartel", places nothing, nor does a compass word opening a
zone's name, "East Wollega Zone"). Session 6: fresh and fresh-b 1.00 (a name shared by a town near the
countries the article names and a bigger one abroad is the near one; a route's ends, "the X-Y axis",
"between X and Y", yield to "40 km north of Y"); fresh-c 1.00 (a dateline abroad, "BANGKOK (AP) —", is no
evidence of the article's country and places no attack in a country the text names otherwise; local
administrative units, "X Kebele, Y Woreda", are named places, and "East X Zone" or "the Federal Government"
no evidence of a country). `fresh-d` (16 articles on where and which incident, after round 4 began: Duki coal
mines from a Quetta daily, an AP-style wire with a second attack told "separately" and a follow-up three days
later spelling it "Dukki"; a Manipur shooting from an Imphal paper printed the next day under "IMPHAL, Nov 11:",
a national wire placing it "near Moirang in Manipur's Bishnupur district" and a police press note dated
"11.11.2026"; a Maguindanao del Sur roadside bomb from a state agency filed from "COTABATO CITY" and a local
follow-up; a Haiti gang attack from a wire and a GMT live blog that calls the town by its Creole name; a Cabo
Delgado village attack from Lusa and an IS claim spelling it "Chitaxi"; a peace deal, an army-vehicle accident,
a think tank's monthly roundup and a surrender as negatives) 0.71 before its rules (P 0.55, 11 records for 6 keys,
1 invented; place 0.67, sources 0.33), 0.86 and 0 invented after six (sentences: a dated dateline is the day
"this morning" counts from and no photo caption; filed/grouping: a dateline, province or country yields to a
place the parser sees and the gazetteer lacks, "Manipur's Bishnupur" is no namesake in another state, a toll's
day is not the attack's; events: a vehicle skidding into a gorge is an accident); `fresh-e` (16 articles on
who did it and how many, written for round 4: a Somali car bomb from a Mogadishu wire with the claim "in a statement carried by its radio", a local follow-up
with the toll risen to "twelve" and a ministry statement naming "the Khawarij"; ISWAP against Boko Haram on Lake
Chad from a Nigerian daily and a Kano wire; an ADF massacre in Lubero from a Congolese radio, a Butembo wire with
the Islamic State's claim and a revised toll, and an army press release days later; a Sudan market drone strike
that the army blames and the RSF denies, from a Port Sudan wire and a doctors' network; a Nikopol drone strike from
a Kyiv live blog and the regional administration's "the enemy"; a trial, peace talks, a tanker explosion and an
anniversary of old massacres as negatives) 0.91 (perpetrator 0.80, place 0.80, sources 0.80, 0 invented), and
perpetrator 1.00 after the round's who rules ("fighters of ISWAP", a verb sharing its subject through "and"),
and F1 1.00 after merging (a place name closing a longer name, "Sokola 1 Grand Nord", gives no country).

The test runs `generator extract` on them and checks what the gold says, without the shared scorer: each
incident's reports are one record in the right country, and articles that report no new attack give none.
When the shared scorer is beside the project (`../shared/eval/score.py`), its figures are required too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FRESH = ROOT / "tests" / "fixtures" / "fresh"
SETS = ("fresh", "fresh-b", "fresh-where", "fresh-where-b", "fresh-who", "fresh-who-b", "fresh-c", "fresh-d", "fresh-e")
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
# Measured when the rules of this round were done (F1 0.60 before): keep them from sliding back.
REQUIRE = {"f1": 0.9, "place": 1.0, "date": 1.0, "killed": 1.0, "perpetrator": 1.0, "invented": 0}
# Known misses, each a limit the README names (fresh's Kordo raid and fresh-b's Ansongo ambush were two
# until session 6: a town nearest the countries named, a route's ends yielding to "40 km north of X").
KNOWN_MISSES = {# fresh-c, left after its first fixes (its Bangkok wire on a Sagaing strike and its rights body's
                # "X Kebele, Y Woreda" report joined in session 6): a prosecutor's follow-up whose only place is
                # in its first sentence, with no attack word ("the homicide of ten people in the community of X")
                # gives no record
                "2026-11-28-tarimoro-party-shooting",
                # fresh-d, left after its first fixes: a police press note that never names its state places
                # "Phubala, Bishnupur District" at the only Bishnupur the gazetteer has, a town in another state (the
                # gazetteer keeps India's towns of 15,000 and more); a local follow-up whose dateline town and
                # province the gazetteer lacks ("DATU SAUDI AMPATUAN, Maguindanao del Sur", "Saudi" read as a
                # demonym) and whose lead tells a death "a day after" the bombing gives no record; a live blog's
                # "the overnight attack on Sodo, as Saut-d'Eau is known in Creole" is placed at Ethiopia's Sodo, a city
                # of 200,000 the article never places anywhere near
                "2026-11-11-phubala-farmers-shooting", "2026-11-17-kitango-roadside-bombing",
                "2026-11-21-saut-deau-gang-attack"}
# Negatives that still give a record: a headline "rejects reports of drone strike" whose body dates the
# strike to last month (the body's sentence is background; the headline alone still makes a candidate).
KNOWN_INVENTED = {"neg-military-denial"}


def _gold():
    keys: dict[str, dict] = {}
    negatives = []
    for f in sorted(f for name in SETS for f in (FRESH.parent / name / "gold").glob("*.yaml")):
        g = yaml.safe_load(f.read_text(encoding="utf-8"))
        if not g["incidents"]:
            negatives.append(g["article"])
        for inc in g["incidents"]:
            k = keys.setdefault(inc["key"], {"articles": set(), "country": inc["country"]})
            k["articles"].add(g["article"])
    return keys, negatives


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    work = tmp_path_factory.mktemp("fresh")
    seeds = work / "seeds"
    seeds.mkdir()
    names = [f.name for name in SETS for f in (FRESH.parent / name / "articles").glob("*.md")]
    assert len(names) == len(set(names)), "two fresh sets share an article's file name"
    for name in SETS:
        for f in (FRESH.parent / name / "articles").glob("*.md"):
            (seeds / f.name).write_bytes(f.read_bytes())
    subprocess.run([sys.executable, "-m", "generator", "extract", "--seeds", str(seeds),
                    "--records", str(work / "records")], cwd=ROOT, check=True, capture_output=True)
    out = []
    for f in sorted((work / "records" / "incidents").glob("*.yaml")):
        rec = yaml.safe_load(f.read_text(encoding="utf-8"))
        out.append({"id": rec["id"], "country": rec["location"]["country"],
                    "sources": {s["article"] for s in rec["sources"]}})
    return out


def test_articles_reporting_no_new_attack_give_no_record(records):
    _, negatives = _gold()
    assert not [r["id"] for r in records if r["sources"] & (set(negatives) - KNOWN_INVENTED)]


@pytest.mark.xfail(strict=True, reason="a known limit (see KNOWN_INVENTED)")
@pytest.mark.parametrize("article", sorted(KNOWN_INVENTED))
def test_known_invented_records(records, article):
    assert not [r["id"] for r in records if article in r["sources"]]


@pytest.mark.parametrize("key", [k if k not in KNOWN_MISSES else pytest.param(k, marks=pytest.mark.xfail(
    strict=True, reason="a known limit (see KNOWN_MISSES)")) for k in sorted(_gold()[0])])
def test_each_incident_told_by_several_outlets_is_one_record(records, key):
    keys = _gold()[0]
    gold = keys[key]
    citing = [r for r in records if r["sources"] & gold["articles"]]
    # an article reporting two attacks (a roundup, two bombs in one city) is cited by both records
    told_with = [k for k, v in keys.items() if v["articles"] & gold["articles"]]
    assert len(citing) == len(told_with), [sorted(r["sources"]) for r in citing]
    exact = [r for r in citing if r["sources"] == gold["articles"]]
    assert exact and all(r["country"] == gold["country"] for r in exact)


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not beside the project")
def test_shared_scorer_figures():
    cmd = [sys.executable, str(SCORER), "--articles", str(FRESH / "articles"), "--gold", str(FRESH / "gold"),
           "--python", sys.executable]
    for name, value in REQUIRE.items():
        cmd += ["--require", f"{name}={value}"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
