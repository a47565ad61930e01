"""The wording around place names that `locate` reads: how English news introduces a place the
gazetteer may lack, and the words before or after a name that say it is not where the attack struck
(where someone spoke or serves, a reference point, a flag state, a route's ends, a dateline)."""

from __future__ import annotations

import re

REGION = re.compile(r"\b(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\b",
                    re.I)

# A named place the gazetteer may lack, recognised by how English news introduces it: "the town of
# Tamsara", "Balgo village", "the Kirvan quarter", "Dorsa, a town in Niger".
_NAME = r"(?:al-|el-|Al-|El-)?[A-Z][\w’'-]+(?:\s+(?:al-|el-)?[A-Z][\w’'-]+){0,3}"

_KIND = (r"village|town|city|community|hamlet|locality|settlement|district|neighbou?rhood|quarter|suburb|"
         r"camp|market|commune|ward|township|area|"
         # local administrative units as English copy names them: Ethiopia's kebele and woreda, South Asia's
         # tehsil, taluk, mandal and upazila, the Philippines' barangay, East Africa's sub-county,
         # Francophone Africa's sub-prefecture and subdivision, Myanmar's village tract, Ukraine's hromada
         r"kebele|woreda|tehsil|taluka?|mandal|upazila|barangay|sub-county|subcounty|sub-prefecture|"
         r"subdivision|village tract|hromada|municipality")

_SITE_KIND = (r"facility|facilities|plant|factory|headquarters|premises|refinery|compound|hotel|church|cathedral|"
              r"mosque|school|university|stadium|airport|depot|warehouse|concert hall|mall|cantonment|garrison|"
              r"barracks")

VENUE = re.compile(
    r"\b(?i:the\s+)?(?:(?i:rural|small|remote|border|farming|mining|market|northern|southern|eastern|western)\s+)?"
    r"(?i:" + _KIND + r")\s+of\s+(?P<of>" + _NAME + r")"
    r"|(?P<named>" + _NAME + r")\s+(?P<kind>(?i:" + _KIND + "|" + _SITE_KIND + r"))\b"
    r"|\b(?:in|on|at|into|near|targeting|targeted|attacked|struck|hit)\s+(?P<app>" + _NAME + r"),\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:" + _KIND + r")\b")

VENUE_NOT = re.compile(r"^(?:the|a|an|this|that|its|their|his|her|our|in|on|at|one|another|refugee|displacement|"
                       r"displaced|military|army|police|local|old|new|holy|islamic|catholic|christian|muslim|jewish|"
                       r"january|february|march|april|may|june|july|august|september|october|november|december|"
                       r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)

# The region or country after a place, as an appositive: "in the town of Tamsara, North province".
APPOSITIVE_BEFORE = re.compile(r"\b(?:in|at|near|on|of|into)\s+(?i:the\s+)?(?:(?i:" + _KIND + r")\s+of\s+)?" + _NAME +
                               r"(?:\s+(?i:" + _KIND + r"))?,\s*$")

GENERIC_SITE = re.compile(
    r"\b(?:(?:a|an|another|one|the same)\s+|(?<=\bat\s)|(?<=\bon\s))(?:[\w.’'-]+\s+){0,3}?(?P<noun>base|airbase|air base|airfield|outpost|"
    r"facility|installation|garrison|camp|compound|military site)\b"
    r"(?:\s+(?:used|housing|hosting|that hosts|where)[^,.]{0,60}?)?"
    r"\s+(?:in|near|inside)\s+(?:the\s+)?(?:(?P<region>(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central)\s+)?"
    r"(?P<where>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", re.I)

LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|on|from|into|inside|outside|across|over|off|of|around|towards?|between|targeting|targeted|"
    r"struck|hit|hitting|striking|attacked|attacking|shelled|bombed)\s+(?:the\s+)?(?:(?:[\w-]+ern|central|"
    r"city|town|village|province|region|district|outskirts|suburbs?|port|area|capital|occupied|"
    r"[\w-]+-held|[A-Z][\w-]+(?:’s|'s)|(?:north|south)-?(?:east|west)|"
    r"(?-i:[A-Z][a-z]+(?:an|ese|i|ish)))\s+(?:of\s+)?){0,3})$", re.I)  # "northwest", "Nigerian"

NOT_A_PLACE_AFTER = re.compile(r"\s+(?:(?:State|Province|Region|District)\s+)?(?:war|wars|conflict|crisis|ceasefire|"
                               r"truce|talks|deal|government|authorities|officials|ministry|militants|fighters|forces|"
                               r"army|military|front|policy|issue|question|file|envoy|border crossing|peace|"
                               r"governor|deputy governor|mayor|commissioner|spokes(?:man|woman|person))\b", re.I)

# The start of an armed group's own name, not a place: "a cell of the Santa Rosa de Lima Cartel", "the Sinjar
# Resistance Units".
ORG_AFTER = re.compile(r"(?:\s+(?:de\s+|del\s+|de\s+la\s+|of\s+)?[A-Z][\w’'-]*){0,3}\s+(?:Cartel|Gang|Brigades?|"
                       r"Battalions?|Militia|Resistance Units|Liberation (?:Army|Front|Movement))\b")

# Where someone speaks from or serves, not where the attack struck: "the governor of X State",
# "an army spokesman in the province", "the embassy in the capital", "the health ministry in X".
OFFICE_BEFORE = re.compile(r"\b(?i:governor|mayor|minister|ministry|spokes(?:man|woman|person)|commissioner|"
                           r"president|prime minister|embassy|consulate|ambassador|envoy|prefect|lawmakers?|"
                           r"senator|council|administrator)\b"
                           r"(?:\s+(?:of\s+|for\s+)?[A-Z][\w.’'-]*){0,3}\s+(?:of|in|for)\s+(?:the\s+)?$")

# Where the wounded were taken: "taken to a hospital in X", "evacuated to the capital".
TAKEN_TO_BEFORE = re.compile(r"\b(?:taken|rushed|evacuated|transported|transferred|brought|admitted|airlifted|"
                             r"flown|referred|treated)\s+(?:(?:to|at|in)\s+)?(?:[\w’'-]+\s+){0,5}?(?:to|in|at)\s+"
                             r"(?:the\s+)?$", re.I)

SPEECH_BEFORE = re.compile(r"\b(?:speaking|spoke|told reporters|told journalists|addressing|address|visiting|visit|"
                           r"trip|summit|conference|briefing|meeting|interview)\s+(?:\w+\s+){0,2}?(?:in|at|from|to)\s+"
                           r"(?:the\s+)?$", re.I)

SPEECH_VERB = re.compile(r"\b(?:said|says|told|condemned|condemns|announced|announces|called|warned|urged|stated|"
                         r"denied|"
                         r"vowed|accused|expressed|added|insisted|critici[sz]ed|reacted|responded|declared|pledged)\b")

FLAG_AFTER = re.compile(r"\s*-?\s*(?:flagged|registered|owned|operated|managed)\b", re.I)

FLAG_BEFORE = re.compile(r"\b(?:flagged|registered|owned|operated|managed|flag|flying the flag)\s+(?:in|of|by|to)\s+"
                         r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)

# The theatre of a war, not the place of one attack: "since the start of the war in the region".
WAR_BEFORE = re.compile(r"\b(?:war|wars|conflict|crisis|fighting|campaign|insurgency|occupation|ceasefire|truce|"
                        r"invasion)\s+(?:in|on|with|against|over)\s+(?:the\s+)?$|"
                        r"\bborders?\s+with\s+(?:the\s+)?$", re.I)

# A reference point, not the place: "60 km south of the port city", "north of the capital X".
REFERENCE_BEFORE = re.compile(r"\b(?:(?:\d[\d,.]*|a few|several|some)\s*(?:-\s*)?(?:km|kilomet(?:er|re)s?|(?:nautical\s+)?miles?|nm)\s+"
                              r"(?:(?:to the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?(?:of|from)|"
                              r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of|"
                              # "across the river from X", "opposite X": a landmark seen from the place
                              r"across\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:river|lake|bay|border|strait|valley)?\s*from|opposite)"
                              r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
                              re.I)

MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"

DAY_MONTH = r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"

# "CITY, Country (AP) —", "City (Country) (AFP) -", "CITY:" (South Asian and Nigerian papers), "City, Feb 1",
# "CITY, 12 March 2025:"
DATELINE_AFTER = re.compile(r"\s*(?:,\s*[A-Z][\w .]*?)?\s*(?:\([A-Za-z .]+\)\s*){0,2}[—–:-]|,\s*" + MONTH_DAY +
                            r"|,\s*" + DAY_MONTH)

ORIGIN_BEFORE = re.compile(r"(?:\b(?:fired|launched|shot|sent|came|coming|flown|originating|crossed|fire|barrages?|"
                           r"rockets?|missiles?|projectiles?|drones?)\s+(?:[\w-]+\s+){0,3}?"
                           r"from|\b(?:based in|based out of|headquartered in|operating in|active in))\s+"
                           r"(?:the\s+)?(?:[\w-]+ern\s+)?$", re.I)

OWNED_PLACE = re.compile(r"\s+(?:[A-Z][\w’'-]+\s+){1,3}(?i:" + _KIND + r")\b")

# "the Gao-Ansongo axis", "the Kaya–Dori road": a route named by the towns at its ends.
ROUTE_WORDS = r"(?:road|highway|axis|route|corridor|motorway|expressway|stretch|track)"

ROUTE_AFTER = re.compile(r"(?:\s*[-–]\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+" + ROUTE_WORDS + r"\b")

ROUTE_BEFORE = re.compile(r"[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?\s*[-–]\s*$")

BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|cities|villages?)\s+(?:of\s+)?)?$", re.I)

BETWEEN_AND = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|cities|villages?)\s+(?:of\s+)?)?[A-Z][\w'’-]*"
                         r"(?:\s+[A-Z][\w'’-]*)?\s+and\s+$")

# "in Mali's capital", "on the Sudanese capital": the capital, when no name follows ("the capital, X").
CAPITAL = re.compile(r"\b(?:in|on|at|into|targeting|targeted|hit|struck|attacked)\s+(?:the\s+)?"
                     r"(?:(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})(?:’s|'s)|(?P<dem>[A-Z][\w-]+))\s+capital\b"
                     r"(?:\s*,?\s*(?:city\s+(?:of\s+)?)?(?P<next>[A-Z]\w+))?")

WEEKDAY_OR_MONTH = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                              r"August|September|October|November|December")

_DISTRICT_WORD = r"(?:district|quarter|neighbou?rhood|suburb|area)"

DISTRICT_AFTER = re.compile(rf"\s+{_DISTRICT_WORD}\b", re.I)

DISTRICT_LAST = re.compile(rf"\s{_DISTRICT_WORD}$", re.I)

OF_CITY = re.compile(r"\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?")

COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:the\s+)?(?:(?:north|south|east|west)"
                         r"(?:-?(?:east|west))?(?:ern)?\s+)?")

# "the Operations Sector Sokola 1 Grand Nord", "Lake Chad": a place name that ends a longer name.
INSIDE_A_NAME = re.compile(r"(?<![.!?:;—–-]\s)(?<!^)\b[A-Z][a-z]+\s+$|\b[A-Z]+\s+\d+\s+[A-Z][a-z]+\s+$|\b\d+\s+[A-Z][a-z]+\s+$")
