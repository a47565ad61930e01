"""Synthetic news corpora for the benchmark: N articles about invented attacks, deterministic per seed.

Every article is written here from templates of our own (no text is copied from any real article or
from the development set). Incidents vary in place, date, weapon, figures, claimant and phrasing; a
share of them is reported by two or three outlets in different words (true duplicates, which the
cluster stage must merge) and a share of the articles report two attacks of the same day in two
places (which must stay two incidents). Places and actors come from the knowledge base, so the
extractor can resolve them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = {  # country -> how its forces and its government are named in the templates
    "IQ": ("Iraqi security forces", "Iraq's Joint Operations Command"),
    "SY": ("Syrian government forces", "Syria's defence ministry"),
    "YE": ("Yemeni government troops", "Yemen's government"),
    "LB": ("Lebanese army soldiers", "Lebanon's army command"),
    "UA": ("Ukrainian troops", "Ukraine's regional administration"),
    "SO": ("Somali army soldiers", "Somalia's information ministry"),
    "NG": ("Nigerian soldiers", "Nigeria's defence headquarters"),
    "ML": ("Malian soldiers", "Mali's armed forces"),
    "SD": ("Sudanese army soldiers", "Sudan's army spokesman"),
    "PK": ("Pakistani security personnel", "Pakistan's military media wing"),
    "AF": ("Afghan security forces", "Afghanistan's interior ministry"),
}
OUTLETS = ("Northern Ledger", "Meridian Wire", "Gulf Dispatch", "Harbour Times", "Continental Post",
           "Frontline Daily", "The Open Record", "Atlas News Service", "Crescent Review", "Eastern Courier")
WEAPONS = {  # weapon -> (singular, plural, verb phrase)
    "drone": ("drone", "drones", "struck"),
    "rocket": ("rocket", "rockets", "slammed into"),
    "missile": ("missile", "missiles", "hit"),
    "mortar": ("mortar round", "mortar rounds", "landed on"),
    "artillery": ("artillery shell", "artillery shells", "pounded"),
    "bomb": ("roadside bomb", "roadside bombs", "exploded near"),
}
NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OFFICIALS = ("a military spokesman", "a local official", "a security source", "the provincial governor",
             "a police commander", "a hospital director", "a government spokesperson")
FIRST = ("Karim", "Olena", "Yusuf", "Amina", "Dmytro", "Farah", "Ibrahim", "Nadia", "Samir", "Halima", "Tariq",
         "Leila", "Omar", "Zainab", "Bashir", "Irina")
LAST = ("Haddad", "Kovalenko", "Abdi", "Mansour", "Okafor", "Rahimi", "Saleh", "Petrenko", "Diallo", "Nasser",
        "Hassan", "Bello", "Qureshi", "Farouk", "Shevchenko", "Omari")


@dataclass(frozen=True)
class Incident:
    key: int
    day: dt.date
    country: str
    place: str          # the place's name as the knowledge base spells it
    weapon: str
    count: int
    killed: int
    wounded: int
    claimant: str | None  # actor name, or None when nobody claimed it
    official: str


def places_and_actors():
    """Places (sites, cities, larger towns) and armed groups per country, from the knowledge base."""
    from generator.records.kb import load_kb

    kb = load_kb(None)
    places: dict[str, list[str]] = {c: [] for c in COUNTRIES}
    seen_names: set[str] = set()
    names = [p for p in kb.places.values() if p.country in COUNTRIES]
    for p in sorted(names, key=lambda p: p.id):
        good = p.kind in ("site", "city") or (p.kind == "town" and (p.population or 0) >= 40000)
        # Names that are also common words or other entities would make the test measure ambiguity.
        if good and p.name.isascii() and p.name.lower() not in seen_names and len(p.name) > 3 \
                and p.lat is not None and " " not in p.name.strip()[:1]:
            places[p.country].append(p.name)
            seen_names.add(p.name.lower())
    actors: dict[str, list[str]] = {c: [] for c in COUNTRIES}
    for a in sorted(kb.actors.values(), key=lambda a: a.id):
        if a.kind == "armed_group" and a.country in COUNTRIES and a.name.isascii():
            actors[a.country].append(a.name)
    return places, actors


def _date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def _when(rng: random.Random, day: dt.date, published: dt.date) -> str:
    """How an article dates the attack, relative to its own publication day."""
    if day == published:
        return rng.choice([f"on {DAYS[day.weekday()]}", f"on {_date(day)}", f"early on {DAYS[day.weekday()]}",
                           f"on {DAYS[day.weekday()]}, {_date(day)}"])
    return rng.choice([f"on {_date(day)}", f"late on {_date(day)}", f"on {DAYS[day.weekday()]}, {_date(day)}"])


def _n(k: int) -> str:
    return NUMBERS[k - 1] if 1 <= k <= len(NUMBERS) else str(k)


def _lead(rng: random.Random, inc: Incident, when: str, forces: str) -> str:
    sing, plur, verb = WEAPONS[inc.weapon]
    what = f"{_n(inc.count)} {plur if inc.count > 1 else sing}"
    return rng.choice([
        f"{what[0].upper() + what[1:]} {verb} a position held by {forces} in {inc.place} {when}, "
        f"{inc.official} said.",
        f"An attack with {what} targeted {forces} in {inc.place} {when}, according to {inc.official}.",
        f"{forces[0].upper() + forces[1:]} came under attack in {inc.place} {when} when {what} {verb} "
        f"their base, {inc.official} said.",
        f"Attackers launched {what} at {forces} stationed in {inc.place} {when}, {inc.official} told reporters.",
    ])


def _toll(rng: random.Random, inc: Incident) -> str:
    if inc.killed == 0 and inc.wounded == 0:
        return rng.choice(["No casualties were reported.", "Nobody was hurt in the attack, officials said."])
    parts = []
    if inc.killed:
        parts.append(rng.choice([f"The attack killed {_n(inc.killed)} people",
                                 f"At least {_n(inc.killed)} people were killed"]))
    if inc.wounded:
        w = f"{_n(inc.wounded)} others were wounded" if parts else f"{_n(inc.wounded)} people were wounded"
        parts.append(w)
    return " and ".join(parts) + rng.choice([".", ", medical sources said.", ", according to the health authorities."])


def _claim(rng: random.Random, inc: Incident) -> str:
    if inc.claimant is None:
        return rng.choice(["No group immediately claimed responsibility for the attack.",
                           "It was not clear who carried out the attack."])
    return rng.choice([
        f"The {inc.claimant} claimed responsibility for the attack in a statement.",
        f"In a statement posted online, the {inc.claimant} said it had carried out the attack.",
        f"The {inc.claimant} later claimed the attack.",
    ])


def _filler(rng: random.Random, country: str, published: dt.date) -> list[str]:
    """Paragraphs of reporting around the news that name no attack: diplomacy, economy, reaction."""
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    gov = COUNTRIES[country][1]
    pool = [
        f"{who}, an analyst who follows the region, said the pattern of recent weeks pointed to a "
        f"group testing how quickly the authorities respond. \"They are probing, and they are patient,\" "
        f"{who.split()[0]} said.",
        f"Residents described long queues at fuel stations and a market that closed early. Several "
        f"shopkeepers said they would wait a few days before reopening.",
        f"{gov[0].upper() + gov[1:]} said an investigation was under way and that more details would be "
        f"released once it was complete.",
        f"Talks on a regional security arrangement are scheduled to resume in {MONTHS[(published.month) % 12]}, "
        f"diplomats said, although no venue has been agreed.",
        f"Aid organisations said access roads remained open and that deliveries of food and medicine "
        f"continued through the day.",
        f"The government has promised to strengthen checkpoints on the main highway and to add patrols "
        f"around markets and schools.",
        f"Local radio stations broadcast appeals for blood donors, and the main hospital extended its "
        f"visiting hours.",
        f"Officials declined to say how many troops were stationed in the area, citing security reasons.",
    ]
    rng.shuffle(pool)
    return pool[: rng.randint(3, 6)]


def _background(rng: random.Random, inc: Incident, place: str) -> str:
    past = inc.day - dt.timedelta(days=rng.randint(40, 300))
    return rng.choice([
        f"The area has seen repeated violence; in {MONTHS[past.month - 1]} {past.year}, a bombing in "
        f"{place} killed several people.",
        f"It was the latest in a series of incidents, including an attack in {place} on "
        f"{_date(past)}, {past.year}.",
    ])


def article_text(rng: random.Random, incidents: list[Incident], outlet: str, published: dt.date,
                 other_place: str) -> tuple[str, str]:
    """Title and Markdown body of one article reporting `incidents` (one, or two of the same day)."""
    main = incidents[0]
    forces = COUNTRIES[main.country][0]
    sing, plur, _ = WEAPONS[main.weapon]
    title = rng.choice([
        f"{(plur if main.count > 1 else sing).capitalize()} hit {main.place}",
        f"Attack on {forces} in {main.place}",
        f"{main.place}: {_n(main.count)} {plur if main.count > 1 else sing} strike military position",
    ])
    paras = []
    when = _when(rng, main.day, published)
    paras.append(_lead(rng, main, when, forces) + " " + _toll(rng, main))
    paras.append(_claim(rng, main))
    fill = _filler(rng, main.country, published)
    paras.extend(fill[:2])
    for extra in incidents[1:]:
        when2 = _when(rng, extra.day, published)
        sing2, plur2, verb2 = WEAPONS[extra.weapon]
        paras.append(f"In a separate attack {when2}, {_n(extra.count)} "
                     f"{plur2 if extra.count > 1 else sing2} {verb2} a checkpoint in {extra.place}, "
                     f"{extra.official} said. " + _toll(rng, extra))
        paras.append(_claim(rng, extra))
    paras.extend(fill[2:])
    paras.append(_background(rng, main, other_place))
    return title, "\n\n".join(paras) + "\n"


def make_corpus(n_articles: int, seeds_dir: Path, *, seed: int = 1) -> dict:
    """Write `n_articles` seed files (.md with front matter) into `seeds_dir`; returns what was made."""
    rng = random.Random(seed)
    places, actors = places_and_actors()
    countries = [c for c in COUNTRIES if places[c]]
    seeds_dir.mkdir(parents=True, exist_ok=True)
    start = dt.date(2022, 1, 1)
    span_days = max(60, min(1460, n_articles // 3))  # keeps attacks per place per week realistic
    written = 0
    incidents = 0
    key = 0
    duplicates = 0
    while written < n_articles:
        country = rng.choice(countries)
        day = start + dt.timedelta(days=rng.randrange(span_days))

        def incident() -> Incident:
            nonlocal key
            key += 1
            return Incident(key=key, day=day, country=country, place=rng.choice(places[country]),
                            weapon=rng.choice(list(WEAPONS)), count=rng.randint(1, 6),
                            killed=rng.choice([0, 0, 1, 2, 3, 5, 8]), wounded=rng.choice([0, 1, 2, 4, 6, 11]),
                            claimant=rng.choice(actors[country] + [None]) if actors[country] else None,
                            official=rng.choice(OFFICIALS))

        group = [incident()]
        if rng.random() < 0.15:
            second = incident()
            if second.place != group[0].place:
                group.append(second)
        incidents += len(group)
        reports = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        outlets = rng.sample(OUTLETS, reports)
        for r, outlet in enumerate(outlets):
            if written >= n_articles:
                break
            duplicates += r > 0
            published = day + dt.timedelta(days=rng.choice([0, 0, 1]))
            title, body = article_text(rng, group, outlet, published, rng.choice(places[country]))
            slug = outlet.lower().replace(" ", "-")
            url = f"https://example.org/{slug}/{published.isoformat()}/{key}-{r}"
            text = (f"---\ntitle: \"{title}\"\noutlet: {outlet}\nurl: {url}\npublished: {published.isoformat()}\n"
                    f"---\n\n{body}")
            stem = f"{written:05d}_{hashlib.sha256(text.encode()).hexdigest()[:12]}"
            (seeds_dir / f"{stem}.md").write_text(text, encoding="utf-8")
            written += 1
    return {"articles": written, "incidents": incidents, "duplicate_reports": duplicates}


if __name__ == "__main__":
    import sys

    print(make_corpus(int(sys.argv[1]), Path(sys.argv[2])))
