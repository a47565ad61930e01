"""What the record format's values mean, stated once: labels, ranks and the rules tied to a vocabulary.

The vocabularies themselves (EVENT_TYPES, WEAPONS, ROLES, GEO_PRECISIONS, ...) are declared with the
record format in `generator/records/format.py`; this module gives their words for people (the site's
labels, the drafted titles), their order (how precise a place is) and the rules that map one vocabulary
onto another (a weapon to the kind of attack it makes). Extraction and the site both read them here.
"""

from __future__ import annotations


from generator.records.format import DATE_PRECISIONS

# ------------------------------------------------------------------------------------------ ids

# A record id is `format.SAFE_ID` (compiled as `records.io.SAFE_ID`): ids name files and pages, so only an
# id of that form is ever used as a path (a page for another id gets a slug and a hash, `site.values.page_slug`).

# ------------------------------------------------------------------------------------------ labels

# An event type as the site shows it (tables, filters, tags, feed, period briefs).
EVENT_LABELS = {
    "drone_attack": "Drone attack", "rocket_attack": "Rocket attack", "missile_attack": "Missile attack",
    "air_strike": "Air strike", "shelling": "Shelling", "bombing": "Bombing",
    "armed_clash": "Armed clash", "assassination": "Assassination", "attack_on_ship": "Attack on ship",
    "other": "Other attack",
}
# An event type as the first words of a drafted title ("Attack in X", not "Other attack in X"): the
# site's label, except that a title never says "other".
TITLE_LABELS = {**EVENT_LABELS, "other": "Attack"}
ROLE_LABELS = {
    "perpetrator": "Perpetrator", "claimed": "Claimed responsibility", "accused": "Accused",
    "target": "Target", "defender": "Defender", "reporter": "Reported by", "commenter": "Commented",
}
ACTOR_KIND_LABELS = {
    "state": "State", "military": "Military", "armed_group": "Armed group", "government": "Government",
    "person": "Person", "media": "Media", "international_org": "International organisation",
    "other": "Other",
}

# ------------------------------------------------------------------------------------------ weapons

# The kind of attack a weapon makes, in the order extraction tries them when no words name the kind
# (a ballistic or cruise missile before the bare "missile"; a gun or a knife makes a ground attack).
WEAPON_EVENT_TYPE = (("drone", "drone_attack"), ("rocket", "rocket_attack"), ("ballistic_missile", "missile_attack"),
                     ("cruise_missile", "missile_attack"), ("missile", "missile_attack"), ("artillery", "shelling"),
                     ("mortar", "shelling"), ("bomb", "bombing"), ("grenade", "bombing"), ("gun", "other"),
                     ("knife", "other"))
# The weapons fired from afar (what a retaliation strike answers), with the kind of attack each makes.
STANDOFF_WEAPON_EVENT_TYPE = {w: t for w, t in WEAPON_EVENT_TYPE if t not in ("bombing", "other")}

# ------------------------------------------------------------------------------------------ places

# How precise a place is, most precise first.
GEO_SPECIFICITY = ("site", "town", "district", "province", "sea", "country", "unknown")
# The same order as ranks, where a sea ties with a province (both hold many towns, neither the other):
# site 0, town 1, district 2, province and sea 3, country 4, unknown 5.
GEO_RANK = {p: i - (i >= GEO_SPECIFICITY.index("sea")) for i, p in enumerate(GEO_SPECIFICITY)}


def geo_rank(precision: object) -> int:
    """The rank of a place precision (0 = a site); a value outside the vocabulary ranks as unknown."""
    return GEO_RANK.get(precision, GEO_RANK["unknown"])  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ dates

# How precise a date is: the rank of each DATE_PRECISIONS value, in its order (0 = a day).
DATE_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}

# ------------------------------------------------------------------------------------------ months

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
# A month's number by its name or English abbreviation ("march", "mar", "sept"), lower case.
MONTH_NUMBER = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTH_NUMBER.update({m[:3]: i for m, i in list(MONTH_NUMBER.items())})
MONTH_NUMBER["sept"] = 9
# A month's name or abbreviation as English prose writes it ("March", "Mar", "Sept"), for regular expressions.
MONTH_PATTERN = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                 r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
