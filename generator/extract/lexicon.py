"""Words that signal attacks, weapons, casualties, claims and background, as compiled patterns.

These are rules of English news writing, not knowledge about particular actors or places (that lives
in `generator/data/`). Each pattern is general: it must hold for any outlet and any conflict.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- weapons (text order kept)

WEAPON_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("ballistic_missile", re.compile(r"\bballistic[- ]missiles?\b", re.I)),
    ("cruise_missile", re.compile(r"\b(?:anti-ship |land-attack )?cruise[- ]missiles?\b", re.I)),
    ("drone", re.compile(r"\b(?:drones?|UAVs?|unmanned (?:aerial|aircraft|surface) (?:vehicles?|systems?|vessels?)|"
                         r"quadcopters?|Shaheds?|loitering munitions?)\b", re.I)),
    ("rocket", re.compile(r"\b(?:rockets?|Katyushas?|multi-rocket|rocket-propelled grenades?|RPGs?)\b", re.I)),
    ("missile", re.compile(r"\b(?<!ballistic )(?<!cruise )missiles?\b", re.I)),  # "a projectile" names none
    ("mortar", re.compile(r"\bmortars?(?: rounds?| shells?| fire)?\b", re.I)),
    ("artillery", re.compile(r"\b(?:artillery|shelling|shelled|howitzers?|tank fire)\b|"
                             # "shells" alone only where they fly: "shells landed in", "fired shells at"
                             r"\bshells\b(?=\s+(?:landed|fell|hit|struck|slammed|exploded|rained|pounded)\b)|"
                             r"\b(?:fired|firing|lobbed|launched)\s+(?:\w+\s+)?shells\b", re.I)),
    ("grenade", re.compile(r"\b(?:(?:hand |stun )?grenades?)\b", re.I)),
    ("bomb", re.compile(r"\b(?:bombs?|bombings?|bomb(?:ed|er|ers)|explosive(?:s| devices?| vests?| belts?)|IEDs?|"
                        r"VBIEDs?|explosives?-(?:laden|packed|rigged|filled)|"
                        r"car[- ]bombs?|suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers)?|vests?)|"
                        r"detonat(?:ed|ion|ions)|blasts?|explosions?)\b", re.I)),
    ("knife", re.compile(r"\b(?:knives|knife|machetes?|stabb(?:ed|ing)|axes)\b", re.I)),
    ("gun", re.compile(r"\b(?:gunm[ae]n|gunfire|guns?|gun ?battles?|gunned down|machine-gunned|Kalashnikovs?|AK-47s?|gunshots?|shootings?|shot dead|opened fire|open fire|firearms?|"
                       r"rifles?|automatic weapons|machine[- ]guns?|sniper)\b", re.I)),
]
# "the airfield, where the drones are based": weapons kept somewhere are not the attack's weapons.
IDLE_WEAPON = re.compile(r"\s+(?:are|were|is|was|had been|have been|being)\s+(?:\w+ly\s+)?(?:stationed|based|"
                         r"deployed|kept|stored|parked|housed|produced|made|manufactured|assembled|repaired)\b", re.I)
# Explosions follow many weapons; they say "bomb" only when nothing else was named.
# Verbs too common in other senses ("revenue hits a snag") to signal an attack on their own.
WEAK_VERB = re.compile(r"^(?:hits?|hitting|str(?:uck|ikes|iking)|fir(?:ed|ing)|launch(?:ed|ing|es)|target(?:ed|ing|s)|"
                       r"killed|landed|fell|impacted)$", re.I)

AIR_STRIKE = re.compile(r"\b(?:air ?strikes?|air[- ]raids?|warplanes?|fighter jets?|(?:Israeli |US |U\.S\. )?jets|"
                        r"bombers|gunships?|aerial (?:strikes?|bombardment|attacks?)|struck from the air|"
                        r"AC-130\w*|F-\d\d\w*|helicopter gunships?|"
                        # bombs that only aircraft drop: "a glide bomb", "guided aerial bombs", "barrel bombs"
                        r"glide bombs?|guided (?:aerial )?bombs?|aerial bombs?|barrel bombs?)\b", re.I)

# --------------------------------------------------------------------------- attack triggers

ATTACK_NOUN = re.compile(
    r"\b(?:attacks?|strikes?|airstrikes?|bombings?|bombardments?|blasts?|explosions?|shelling|shootings?|"
    r"assaults?|raids?|ambush(?:es)?|massacres?|barrages?|salvos?|volleys?|assassinations?|killings?|"
    r"incidents?|operations?)\b", re.I)
ATTACK_VERB = re.compile(
    r"\b(?:attack(?:ed|ing)|target(?:ed|ing|s)|str(?:uck|ikes|iking)|hit(?:s|ting)?|fir(?:ed|ing)|"
    r"launch(?:ed|ing|es)|shell(?:ed|ing)|bomb(?:ed|ing)|opened fire|stormed(?!\s+(?:back|out|off|to)\b)|ambushed|assassinated|"
    r"exploded|detonated|went off|blew up|slammed into|crashed into|rained down|came under attack|"
    r"came under fire|was attacked|were attacked|massacred|gunned down|shot dead|killed|landed|fell|impacted)\b", re.I)
# What attackers do to a place or to people, told without an attack word: "gunmen raided a police post",
# "militants torched a school". The same verbs tell police raids, riots and crimes ("police raided a house",
# "protesters set fire to tyres", "a man stabbed his neighbour"), so they count only after an attacker noun
# (GROUND_ATTACKERS) or an armed group the knowledge base knows.
GROUND_VERB = re.compile(r"\b(?:raid(?:ed|ing)|overr(?:an|un)|besieg(?:ed|ing)|torch(?:ed|ing)|"
                         r"set (?:fire to|ablaze|alight|on fire)|burn(?:ed|t) down|stabb(?:ed|ing)|"
                         r"hack(?:ed|ing) to death|behead(?:ed|ing)|execut(?:ed|ing)|clash(?:ed|ing) with)\b", re.I)
# A weapon thrown: "hurled a grenade into a bar", "lobbed mortar rounds at the base". Stones and balls are thrown
# too, so these count only with a weapon named in the same sentence.
THROW_VERB = re.compile(r"\b(?:hurl(?:ed|ing)|lobb(?:ed|ing)|threw|throwing|toss(?:ed|ing))\b", re.I)
# A strike that is a stoppage of work: "doctors went on strike", "a general strike", "strike action".
LABOUR_STRIKE = re.compile(r"\b(?:on|hunger|general|labou?r|workers'?|indefinite|sit-down) strikes?\b|"
                           r"\bstrikes? (?:action|by (?:workers|doctors|teachers|nurses|unions?|lecturers|drivers|"
                           r"staff|employees))\b|\b(?:went|go|going|goes|gone) on (?:an? )?(?:\w+ )?strike\b", re.I)
# Deaths no one inflicted: disasters, accidents, a blast of gas or fuel. A sentence telling one, with no attack
# word, attacker or weapon besides the blast itself, tells no attack ("a gas cylinder explosion killed three").
MISHAP = re.compile(r"\b(?:floods?|flooding|landslides?|mudslides?|earthquakes?|storms?|cyclones?|hurricanes?|"
                    r"typhoons?|lightning|heatwaves?|stampedes?|outbreaks?|cholera|epidemics?|"
                    r"(?:road|traffic|car|bus|truck|train|boat|plane|air|helicopter) (?:crash|accident|collision)e?s?|"
                    r"capsized|derailed|collapsed?|collapsing|short[- ]circuit|electrical fault|"
                    r"(?:car|bus|minibus|truck|lorry|train|vehicle)s? (?:crashed|collided|overturned|plunged)|"
                    r"skid(?:s|ded|ding)? off the road|(?:fell|falls|plunged|plunges|skid(?:s|ded)?|rolled) (?:down )?"
                    r"into (?:a |the )?(?:deep )?(?:gorge|ravine|river|canal|ditch)|"
                    r"(?:the|this) accident (?:took place|occurred|happened)|"
                    r"(?:fuel|gas|oil|petrol) (?:depot|station|storage)s?|"
                    r"(?:gas|cylinder|boiler|tanker|transformer|fuel|pipeline|factory|chemical|fireworks?|methane|"
                    r"oxygen) (?:\w+ )?(?:explosions?|blasts?|fires?|leaks?)|(?:gas|fuel|oil) tankers?)\b", re.I)
STRONG_ATTACK = re.compile(r"\b(?:attack|strike|airstrike|bombing|blast|explosion|shelling|shooting|assault|raid|"
                           r"ambush|massacre|barrage|assassination)s?\b", re.I)

# Event-type nouns: the compound an article itself uses ("rocket attack") decides the type first.
TYPE_PHRASES: list[tuple[str, re.Pattern]] = [
    ("assassination", re.compile(r"\bassassinat(?:ion|ed)\b", re.I)),
    ("drone_attack", re.compile(r"\bdrones?(?:[- ]\w+)?\s+(?:attacks?|strikes?|assaults?)\b|\battack drones?\b", re.I)),
    ("rocket_attack", re.compile(r"\brockets?(?:[- ]\w+)?\s+(?:attacks?|fire|strikes?|barrages?|salvos?)\b|"
                                 r"\bmulti-rocket attacks?\b", re.I)),
    ("missile_attack", re.compile(r"\bmissiles?\s+(?:attacks?|strikes?|barrages?)\b", re.I)),
    ("air_strike", re.compile(r"\bair ?strikes?\b|\bair[- ]raids?\b|\bself-defen[cs]e strikes?\b", re.I)),
    ("shelling", re.compile(r"\b(?:shelling|artillery (?:fire|strikes?|attacks?)|mortar (?:fire|attacks?))\b", re.I)),
    ("bombing", re.compile(r"\b(?:bombings?|suicide (?:car |truck |vehicle )?(?:attacks?|bombings?|bombers?)|"
                           r"car bomb(?:s|ers?)?|explosives?-(?:laden|packed) (?:vehicles?|cars?|trucks?)|"
                           r"twin blasts?|explosions?|blasts?)\b", re.I)),
    ("armed_clash", re.compile(r"\b(?:clash(?:es|ed)?|firefights?|gunfights?|gun battles?|fighting between)\b", re.I)),
    ("other", re.compile(r"\b(?:shootings?|gunm[ae]n|opened fire|mass shooting)\b", re.I)),
]
# A ground assault fought out with the defenders: armed men storming, raiding, overrunning a place, a gun
# battle, attackers "neutralized" by security forces. Such attacks are armed clashes, not a shooting.
GROUND_ASSAULT = re.compile(r"\b(?:(?<!air )(?<!air-)raid(?:s|ed)?|storm(?:ed|ing)|gun ?battles?|gunfights?|firefights?|"
                            r"exchanges? of (?:gun)?fire|exchang(?:ed|ing) (?:gun)?fire|infiltrat(?:e|ed|ing)|"
                            r"neutrali[sz](?:e|ed|ing)|clash(?:es|ed)?|overran|besieg(?:e|ed|ing))\b", re.I)
# Who carries out a ground attack when no weapon is named ("terrorists attacked a mosque").
GROUND_ATTACKERS = re.compile(r"\b(?:militants?|jihadists?|rebels?|insurgents?|terrorists?|gunmen|assailants?|"
                              r"attackers?|armed men|bandits?|fighters)\b", re.I)
# Words that say a bomb went off, not only that something exploded ("bombing" may be from the air).
BOMB_WORDS = re.compile(r"\bbombs?\b|\bexplosive|\bIEDs?\b|\bsuicide\b|\bcar[- ]bomb", re.I)
SUICIDE = re.compile(r"\bsuicide[- ](?:bomb\w*|attack\w*|vests?|belts?|car|truck|blasts?|explosions?)", re.I)

SHIP = re.compile(r"\b(?:ships?|vessels?|tankers?|freighters?|bulk carriers?|container ships?|cargo ships?|"
                  r"merchant (?:ships?|vessels?)|destroyers?|warships?|frigates?|boats?)\b", re.I)

# --------------------------------------------------------------------------- background markers

# Connectors after which a clause names an earlier, different event.
CONNECTOR = re.compile(
    r"(?:,\s*|\s)[“\"]?(?:just\s+|only\s+|shortly\s+|days\s+|hours\s+|weeks\s+)?(?:following|after|since|"
    r"in the wake of|in (?:[\w-]+\s+)?response to|(?:as\s+)?(?:an?|the)\s+(?:[\w-]+\s+){0,2}?response to|"
    r"in retaliation for|to avenge|avenge|came after|comes after|followed|"
    r"follows|follow|weeks after|days after|months after|anniversary of|(?:was|were|is|are) responsible for|"
    r"(?:was|were|is|are) blamed for|(?:was|were|is|are) behind|(?:had )?masterminded|(?:had )?orchestrated)\s", re.I)
# "The attack came as ...": only after an attack noun does "as"/"amid" open an earlier event.
WEAK_CONNECTOR = re.compile(r"\s(?:(?:come|comes|came) as|(?:come|comes|came) amid|amid)\s", re.I)
# A sentence that opens with a connector ("After the explosion in Gaza, ...") names the earlier event first.
LEADING_CONNECTOR = re.compile(r"^(?:(?:just |only |shortly |hours |days |weeks )?(?:after|following|since|amid|"
                               r"in the wake of|in response to|in retaliation for|before)\b[^,]{3,160}),\s*", re.I)
BACKGROUND_SENTENCE = re.compile(
    r"\b(?:it is not the first time|is the latest (?:in|of)|(?:have|has|had) previously (?:been )?(?:attacked|targeted|hit|struck|shelled|bombed|claimed|carried out|launched|conducted)|earlier attacks?|(?:is|are) known to|routinely|frequently|regularly|habitually|"
    r"last year|years? ago|months? ago|in recent (?:days|weeks|months|years)|"
    r"since the (?:start|beginning) of|so far this year|have (?:been )?(?:resumed|carried out|launched) "
    r"(?:more than |at least |over )?\d+|attacks since|(?:at least|more than|over) \d+ (?:attacks|incidents))\b",
    re.I)

# A date next to a reporting verb dates the statement ("said Thursday"), not the attack.
REPORT_VERB_BEFORE = re.compile(r"\b(?:said|says|told|confirmed|announced|statement|reported|briefing|added|"
                                r"stated|according to|posted|wrote|condemned|denounced|expressed|voiced)\b[^.]{0,25}$",
                                re.I)
REPORT_VERB_AFTER = re.compile(r"^[^.,;]{0,12}?\b(?:said|says|claimed|announced|confirmed|reported|told|stated|"
                               r"released|issued|published|posted|condemned|denounced|expressed|voiced|"
                               r"warned|urged|vowed)\b", re.I)


def is_reporting_date(sentence: str, start: int, end: int) -> bool:
    return bool(REPORT_VERB_BEFORE.search(sentence[:start]) or REPORT_VERB_AFTER.search(sentence[end:]))


# A trial, an arrest or an inquiry over an attack: "remanded four suspects who attacked the mosque",
# "charged over the bombing", "an inquiry into the strike". Such a report is news of the proceedings.
LEGAL_FRAME = re.compile(
    r"\b(?:court|judge|tribunal|trial|tried|remand\w*|arraign\w*|charg(?:ed|es)|indict\w*|convict\w*|sentenc\w*|"
    r"acquit\w*|prosecut\w*|plead\w*|verdict|extradit\w*|inquiry|inquest|investigation|probe|arrest\w*|detain\w*|"
    r"custody|suspects?|held|nabbed|apprehended)\b[^.]{0,120}?\b(?:who|that|for|over|into|in connection with|behind|suspected of|"
    r"accused of|of)\s+(?:[\w'’-]+\s+){0,6}?(?:attack\w*|bomb\w*|massacre\w*|killings?|shootings?|strikes?|"
    r"blasts?|raids?|assaults?|firing|fired|shelling|ambush\w*)\b"
    # "the mall shooting trial", "bombing suspects": the attack names the proceedings
    r"|\b(?:attacks?|bombings?|shootings?|massacres?|killings?|blasts?|ambush(?:es)?|raids?)\s+(?:trials?|cases?|"
    r"inquiry|inquest|probe|hearings?|verdicts?|suspects?|convicts?|defendants?)\b"
    # "the suspects were detained in raids": the raid is the arrest
    r"|\b(?:arrested|detained|captured|held|apprehended)\s+in\s+(?:a\s+|the\s+)?(?:[\w-]+\s+)?(?:raids?|"
    r"operations?|sweeps?)\b", re.I)

# --------------------------------------------------------------------------- claims and attribution

CLAIM = re.compile(
    r"\b(?:claim(?:ed|s|ing)? (?:responsibility|credit)|(?:took|take|taking|accepted) responsibility|"
    r"claimed (?:the|an|a|to have|it|that)|claiming (?:the|an|a|to have|it|that)|"
    r"said(?: in a statement| on \w+| in a \w+ statement)?(?: that)? (?:it|they|its fighters) (?:had )?"
    r"(?:carried out|launched|targeted|attacked|fired|struck|hit|conducted)|"
    r"claimed\b)", re.I)
CLAIMED_BY = re.compile(r"\bclaimed by\b", re.I)
ACCUSE = re.compile(r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|attribut(?:ed|es|ing)|held responsible|"
                    r"suspected|alleged(?:ly)?|pinned (?:it|the attack) on|(?:believed|thought) to (?:be|have been))\b",
                    re.I)
DENY = re.compile(r"\b(?:denied|denies|deny|rejected (?:any )?(?:responsibility|involvement)|disputed|"
                  r"distanc(?:ed|es) itself|(?:had|has|have) no (?:involvement|role|part|hand)|"
                  r"(?:was|were|is|are) not (?:behind|involved|responsible))\b", re.I)
OFFICIAL = re.compile(r"\b(?:official|officials|spokes(?:person|man|woman)|ministry|military said|army said|"
                      r"Pentagon|Central Command|CENTCOM|government said|police said|authorities|governor|"
                      r"confirmed|statement)\b", re.I)

# "a group calling itself X", "a militia known as X": how reports introduce a name they cannot vouch for.
SELF_NAMED = re.compile(r"\b(?:group|militia|faction|organi[sz]ation|movement|brigade|outfit)\s+(?:calling itself|"
                        r"called|known as|named|which calls itself|that calls itself)\s+(?:the\s+)?"
                        r"(?P<name>(?:[A-Z][\w’'-]*|al-[\w’'-]+|of|al|el|the|wal-[\w’'-]+)(?:\s+(?:[A-Z][\w’'-]*|"
                        r"al-[\w’'-]+|of|al|el|the|wal-[\w’'-]+|bin))*)")
GROUP_NOUN = re.compile(
    r"\b(?:(?:an?|the|another|one|two|three|several|some|unidentified|unknown|suspected)\s+)?"
    r"(?:[A-Z][\w'’-]*[- ](?:based|backed|allied|aligned|linked|affiliated)\s+|pro-[A-Z][\w-]*\s+|"
    r"(?:Islamist|jihadist|Shi(?:a|ite)|Sunni|armed|militant|extremist|rebel|insurgent|terrorist|"
    r"[A-Z][a-z]+(?:i|ian|ese|an|ic|ish))\s+)+"  # a demonym: "an Iraqi militia", "a Somali faction"
    r"(?:militias?|groups?|fighters|militants|gunmen|rebels|insurgents|extremists|jihadists|proxies|"
    r"proxy groups?|factions?)\b")

# --------------------------------------------------------------------------- casualties

_NUM_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
              "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
              "a hundred|one hundred|two hundred|a dozen|dozens|scores|hundreds|thousands|several|many|"
              "a few|some|multiple|numerous|a large number of|large numbers of|a number of")
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_BELOW_HUNDRED = _NUM_WORDS.split("|a hundred")[0]  # one ... ninety
# "one hundred and two", "two hundred and forty-five": before the single words, or "one" alone would match
HUNDREDS = rf"(?:a|{_ONES}) hundred(?: and (?:{_BELOW_HUNDRED})(?:[- ](?:{_ONES}))?)?(?![\w-])"
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{HUNDREDS}|(?:{_NUM_WORDS})(?:[- ](?:{_ONES}))?)"
QUAL = (r"(?:at least|more than|over|nearly|almost|about|around|approximately|some|up to|as many as|"
        r"fewer than|less than|roughly|an estimated|a total of|another|a further|an additional)")
PEOPLE = (r"(?:people|persons|civilians|soldiers|troops|servicemen|service members|"
       r"personnel|fighters|militants|members|children|women|men|residents|worshippers|tourists|"
       r"police(?:men| officers)?|officers|guards|workers|sailors|crew(?: members)?|passengers|"
       r"others|of them|individuals|victims|students|villagers|pilgrims|mourners|attendees|guests|"
       r"visitors|staff|bystanders|foreigners|nationals|citizens|"
       r"\w+s)")  # any plural noun: "Americans", "concertgoers"
WHO = rf"(?:(?:[\w.'’“”\"-]+\s+){{0,4}}?{PEOPLE})"
# One person, as the last item of a list ("two engineers and a Pakistani were killed").
PERSON_NOUN = (r"(?:man|woman|boy|girl|child|baby|soldier|civilian|person|policeman|policewoman|officer|worker|guard|"
               r"teenager|resident|journalist|farmer|driver|fighter|militant|commander|citizen|national|tourist|"
               r"student|pilgrim|worshipper|nurse|doctor|paramedic|medic|volunteer|[A-Z][a-z]+(?:an|i|ese))")
# One person, counted by "a"/"one" before the noun: "a citizen was martyred", "killing a shopkeeper".
ONE_PERSON = (r"(?:man|woman|boy|girl|child|baby|soldier|civilian|person|policeman|policewoman|officer|worker|guard|"
              r"teenager|resident|journalist|farmer|driver|fighter|militant|commander|citizen|passenger|passer-by|"
              r"bystander|shopkeeper|trader|vendor|teacher|student|pupil|nurse|doctor|paramedic|medic|volunteer|"
              r"pilgrim|worshipper|imam|priest|pastor|official|councillor|lawmaker|judge|pilot|sailor|guardsman|"
              r"contractor|employee|owner|herder|miner|fisherman|villager|tourist|national)")
# Military statements and South Asian and Nigerian papers say "martyred", "embraced shahadat", "paid the
# supreme price" of their own dead.
KILL_WORD = (r"(?:killed|shot dead|gunned down|dead|died|deaths?|death of|lost their lives|killing|fatalities|slain|massacred|perished|dying|"
             r"martyred|embraced (?:shahadat|martyrdom)|paid the (?:supreme|ultimate) price)")
WOUND_WORD = (r"(?:wounded|injured|hurt|injuring|wounding|injuries|wounds|hospitali[sz]ed|"
              r"(?:taken|admitted) to (?:a |the )?hospitals?|casualties|traumatic brain injuries)")
CASUALTY_PATTERNS = [
    # "at least 37 people were killed", "eight soldiers were injured", "11 dead"
    re.compile(rf"(?<![Nn]o )\b(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+(?P<who>{WHO}\s+)?(?:(?:were|was|have been|had been|are|"
               rf"is|been|being|got|reportedly|believed to (?:have been|be)|confirmed|feared|left|sustained|"
               rf"suffered)\s+)*"
               rf"(?:(?:\w+ly|also|all|both)\s+)?(?P<verb>{KILL_WORD}|{WOUND_WORD})(?:\b|(?=[A-Z]))", re.I),
    # "four pilgrims attending a festival in the town were killed": a participle phrase between.
    # "23 people, including schoolchildren, have been killed": an apposition between.
    re.compile(rf"(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+(?P<who>{WHO}),?\s+(?:attending|at|in|inside|near|from|of|who|"
               rf"gathered|waiting|including|among them)\b[^.;]{{0,80}}?\b(?:were|was|have been|had been)\s+(?:\w+ly\s+)?"
               rf"(?P<verb>{KILL_WORD}|{WOUND_WORD})\b", re.I),
    # "killing at least 11", "killed 84 people", "injuring 22 others"
    re.compile(rf"\b(?P<verb>killing|killed|massacring|massacred|wounding|wounded|injuring|injured|leaving|left)\s+"
               rf"(?P<q>{QUAL}\s+)?"
               rf"(?P<n>{NUM})\b(?:\s+(?P<who>{WHO}))?(?:\s+(?P<verb2>dead|injured|wounded))?", re.I),
    # "the hundreds of wounded", "dozens of dead"
    re.compile(rf"(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+of\s+(?:the\s+)?(?P<verb>wounded|injured|dead)\b", re.I),
    # "resulting in injuries to eight soldiers", "casualties among the militants"
    re.compile(rf"\b(?P<verb>injuries|wounds|deaths)\s+(?:to|of|among)\s+(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+(?P<who>{WHO})",
               re.I),
    # "which led to the loss of at least nine lives", "claimed 25 lives"
    re.compile(rf"\b(?P<verb>loss of|claimed|claiming|took|taking|cost)\s+(?:the\s+)?(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+"
               rf"(?:\w+\s+)?lives\b", re.I),
    # "the number of people killed in the bombing has risen to 40", "the number of soldiers killed"
    re.compile(rf"\b(?:number|toll) of (?:[\w'’-]+\s+){{0,2}}?(?P<verb>killed|dead|injured|wounded)\b"
               rf"[^.;]{{0,80}}?\b(?:rose|risen|climbed|reached|stands at|stood at|increased|jumped)\s+"
               rf"(?:from\s+{NUM}\s+)?(?:to\s+)?"
               rf"(?P<q>{QUAL}\s+)?(?P<n>{NUM})\b", re.I),
    # "a 12-year-old boy was killed", "a citizen was martyred": one person
    re.compile(rf"\b(?P<n>an?|one)\s+(?:[\w-]+\s+){{0,3}}?(?P<who>{ONE_PERSON})\s+(?:was|has been|had been|were)\s+"
               rf"(?:\w+ly\s+)?(?P<verb>{KILL_WORD}|{WOUND_WORD})\b", re.I),
    # "killing a woman", "the strike killed a local commander", "killed a commander of X and two of his guards"
    re.compile(rf"\b(?P<verb>killing|wounding|injuring|killed|wounded|injured|shot dead|gunned down)\s+(?P<n>an?|one)\s+"
               rf"(?:[\w-]+\s+){{0,2}}?(?P<who>{ONE_PERSON})\b(?:[^.;,]{{0,60}}?\s+and\s+(?P<more>{NUM})\s+"
               rf"(?:of\s+(?:his|her|its|their)\s+)?{PEOPLE}\b)?", re.I),
    # "mourned the death of two of its fighters", "the killing of three soldiers", "the injury of 52 others"
    re.compile(rf"\b(?P<verb>death|deaths|killing|killings|injury|injuries|wounding)\s+of\s+(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+"
               rf"(?P<who>(?:of\s+"
               rf"(?:its|their|the|his|her|our)\s+)?{WHO})", re.I),
    # "12 bodies were recovered", "many bodies": the dead, counted
    re.compile(rf"(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+(?:other\s+|more\s+|charred\s+)?(?P<verb>bodies|corpses)\b", re.I),
    # "claimed the lives of more than 30 villagers", "costing the lives of 7"
    re.compile(rf"\b(?P<verb>claimed|claiming|took|taking|cost|costing)\s+the\s+lives\s+of\s+(?P<q>{QUAL}\s+)?"
               rf"(?P<n>{NUM})\b", re.I),
    # "we lost 12 of our loved ones", "the unit lost three soldiers"
    re.compile(rf"\b(?P<verb>lost)\s+(?P<q>{QUAL}\s+)?(?P<n>{NUM})\s+(?:of\s+(?:our|their|its|his|her)\s+)?"
               rf"(?:[\w-]+\s+)?(?:ones|people|members|relatives|children|sons|daughters|soldiers|comrades|"
               rf"colleagues|men)\b", re.I),
    # "the number of dead rose to 11, and injured to 38": a toll update whose second figure is elliptic
    re.compile(rf"\band\s+(?:the\s+(?:number\s+of\s+)?)?(?P<verb>injured|wounded|dead|killed)\s+(?:rose\s+|"
               rf"increased\s+|climbed\s+)?to\s+(?P<q>{QUAL}\s+)?(?P<n>{NUM})\b", re.I),
    # "the death toll rose from 11 to 23": a revision, not a range (read before the range below)
    re.compile(rf"\b(?P<verb>death toll|toll)\b[^.;]{{0,60}}?\b(?:rose|risen|climbed|jumped|increased|revised)\s+"
               rf"(?:up\s+)?from\s+{NUM}\s+to\s+(?P<q>{QUAL}\s+)?(?P<n>{NUM})\b", re.I),
    # "the toll ranges from eighty to several hundred"
    re.compile(rf"\b(?P<verb>death toll|toll)\b[^.;]{{0,40}}?\b(?:from|between)\s+(?P<n>{NUM})\s+(?:to|and)\s+"
               rf"(?P<n2>{NUM})(?P<unit>\s+(?:hundred|thousand))?\b", re.I),
    # "the death toll from Sunday's strike has risen to 25"
    re.compile(rf"\b(?P<verb>death toll|toll)\b[^.;]{{0,60}}?\b(?:rose|risen|climbed|reached|jumped|increased|stands at|"
               rf"stood at|is|was)\s+(?:to\s+|at\s+)?(?P<q>{QUAL}\s+)?(?P<n>{NUM})\b", re.I),
    # "the death toll rose to 133", "death toll of 11"
    re.compile(rf"\b(?P<verb>death toll|toll)\s+(?:\w+\s+){{0,4}}?(?:to|at|of|reached|stands at|stood at)\s+"
               rf"(?P<q>{QUAL}\s+)?(?P<n>{NUM})\b", re.I),
]
BARE_CASUALTIES = re.compile(r"\b(?:there were|caused|causing|resulted in|reports? of|left|leaving|with)\s+"
                             r"(?:several\s+|multiple\s+|some\s+)?(?P<a>deaths|fatalities|injuries|dead and wounded)"
                             r"(?:\s+and\s+(?P<b>injuries|deaths|wounded|fatalities))?\b", re.I)
# "no one was hurt", "the crew are safe", "material damage only" say that nobody was killed or hurt (listed
# first, with no `what`, so that both figures are 0).
NONE_CASUALTIES = re.compile(r"\b(?:no(?:-| )one|nobody) (?:was|were) (?:hurt|harmed)\b|"
                             r"\b(?:the )?(?:crew|crew members|everyone|all (?:on board|crew members)) (?:were|was|are|is) "
                             r"(?:reported )?(?:safe|unharmed|unhurt)\b|"
                             r"\b(?:only material (?:damage|losses)|material (?:damage|losses) only)\b|"
                             r"\bno (?:immediate )?(?:reports? of )?(?P<what>casualties|injuries|deaths|fatalities|"
                             r"one was (?:hurt|injured|killed)|damage or (?:injuries|casualties)|"
                             r"(?:[\w.-]+\s+){0,2}?(?:personnel|people|one|soldiers|troops|civilians|crew|sailors|"
                             r"service ?members) (?:were|was) (?:reported )?(?:hurt|injured|wounded|killed))\b|"
                             r"\bwithout (?:causing )?(?P<what2>casualties|injuries)\b", re.I)
VAGUE_WOUND = re.compile(r"\b(?:minor|light|slight|non-life-threatening|serious) (?:wounds|injuries)\b|"
                         r"\b(?:were|was) (?:lightly |slightly |seriously )?(?:wounded|injured|hurt)\b", re.I)

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
    "two hundred": 200, "a dozen": 12, "a": 1, "an": 1,
}
# Vague quantities: (low, high); high None = open-ended.
VAGUE_NUMBERS = {"several": (2, None), "many": (2, None), "multiple": (2, None), "numerous": (2, None),
                 "a number of": (2, None), "a large number of": (2, None), "large numbers of": (2, None), "a few": (2, None), "some": (2, None), "dozens": (24, None),
                 "scores": (40, None), "hundreds": (200, None), "thousands": (2000, None)}
QUALIFIER_BOUNDS = {"at least": "low", "more than": "above", "over": "above", "nearly": "below",
                    "almost": "below", "up to": "upper", "as many as": "upper", "fewer than": "below",
                    "less than": "below"}
