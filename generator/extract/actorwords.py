"""The words `actors` reads to find who did an attack: attack verbs and nouns, how an attack was made,
the words of accusation, habit and earlier events, and the nouns that describe an unnamed group."""

from __future__ import annotations

import re

# Verb forms (the pipeline runs without a lemmatizer, so forms are matched, not lemmas).
ROLE_VERB = re.compile(r"attack\w*|target\w*|str(?:ike|ikes|uck|iking)|hit(?:s|ting)?|fir(?:e|ed|es|ing)|"
                       r"launch\w*|shell(?:s|ed|ing)?|bomb(?:s|ed|ing)?|storm(?:s|ed|ing)?|ambush\w*|"
                       r"assassinat\w*|massacr\w*|overr(?:an|un|uns|unning)|kill(?:s|ed|ing)?|shoot(?:s|ing)?|shot|carr(?:y|ies|ied|ying)|"
                       r"conduct\w*|raid(?:s|ed|ing)?|down(?:s|ed|ing)?|intercept\w*|destroy\w*|"
                       r"detonat\w*|open(?:s|ed)?|perpetrat\w*|commit(?:s|ted|ting)?|orchestrat\w*|stag(?:e|es|ed|ing)")

DEFEND_VERB = re.compile(r"down(?:s|ed|ing)?|intercept\w*|destroy\w*")

ATTACK_NOUN = re.compile(r"attacks?|strikes?|airstrikes?|bombings?|shelling|raids?|assaults?|bombardments?|"
                         r"barrages?|ambush(?:es)?|massacres?|offensives?")

# Words that say how an attack was made ("drone strike", "air raid"): their own modifiers name its doer.
MEANS = re.compile(r"air|aerial|drone|missile|rocket|artillery|mortar|suicide|car|bomb|gunship|naval|ground|"
                   r"precision|retaliatory|self-defen[cs]e|cross-border|targeted")

BELONGING = {"belonging", "linked", "affiliated", "loyal", "allied", "tied", "connected", "attached"}

DOUBTED = ("suspected", "alleged", "apparent", "presumed", "reported", "possible", "purported")

# "Blamed", "described as", "implicitly referring to": who is named this way is accused.
ALLUDE = re.compile(r"\b(?:(?:implicitly |apparently |indirectly |in an apparent |an apparent )?"
                    r"(?:referring|reference|alluding) to|pointed the finger at|pointing the finger at)\b", re.I)

ACCUSING_VERB = re.compile(r"blam\w*|accus\w*|describ\w*|call(?:s|ed|ing)?|dubb\w*|branded|labell?ed|"
                           r"attribut\w*|alleg\w*|suspect\w*|condemn\w*")

# Connectors to an earlier event: an attack they govern is not the one reported.
EARLIER = re.compile(r"after|following|since|before|retaliat\w*|respon\w*|revenge|reprisals?|aveng\w*|answer\w*|"
                     r"anniversary|commemorat\w*|memorial")

# Routine, not one attack: "routinely carries out such bombings", "is known to carry out attacks".
HABITUAL_ADV = {"routinely", "regularly", "often", "frequently", "usually", "typically", "repeatedly", "previously",
                "commonly", "generally", "sometimes", "periodically", "increasingly"}

HABITUAL_HEAD = {"known", "continue", "continues", "continued", "tend", "tends", "used", "accustomed", "able",
                 "capable"}

# Nouns for groups a report describes without naming them. Some say who they are on their own
# ("jihadists", "rebels", "a militia"); the generic ones ("militants", "fighters", "forces") only with a
# qualifier ("Iran-backed militants", "Islamist fighters"). The doers of the act itself ("gunmen",
# "attackers", "suicide bombers") say nothing of who they were and are never recorded.
IDENTITY_NOUNS = {"jihadists", "jihadist", "islamists", "insurgents", "insurgent", "rebels", "rebel", "separatists",
                  "militia", "militias", "militiamen", "paramilitaries", "paramilitary", "extremists", "bandits",
                  "proxies", "guerrillas", "guerrilla", "mercenaries", "herders", "herdsmen"}

GENERIC_NOUNS = {"militants", "militant", "fighters", "fighter", "forces", "troops", "soldiers", "group", "groups",
                 "terrorists", "elements", "factions", "faction", "army", "military", "units", "men", "gunmen",
                 "force", "navy"}

NATIONAL_FORCES = {"army", "military", "troops", "soldiers", "forces", "air force", "navy", "armed forces"}

# What a force strikes with, owned by the speaker: "the army said its warplanes struck".
OWN_MEANS = {"jets", "warplanes", "aircraft", "planes", "drones", "helicopters", "gunships", "bombers", "artillery",
             "warships"}

QUALIFIERS = re.compile(r"(?:jihadist|islamist|islamic|foreign|paramilitary|rebel|insurgent|separatist|extremist|"
                        r"sectarian|tribal|ethnic|backed|linked|aligned|allied|affiliated|sponsored|supported|"
                        r"loyalist|pro|shiite|shia|sunni|militia|armed group)$", re.I)

# The act, not the weapon: "Russian glide bombs" are Russia's whatever stands between.
EVENT_NOUN = re.compile(r"attacks?|bombings?|blasts?|explosions?|strikes?|raids?|shootings?|massacres?|ambush(?:es)?|"
                        r"assaults?|killings?")
