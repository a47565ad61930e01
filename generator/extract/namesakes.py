"""Names two actors share, told apart by the attacked country.

Governments give their enemies the same names: "the Khawarij" is what Pakistan's military calls the TTP
and what Somalia's government calls al-Shabaab. The knowledge base lists such a name under both actors;
the language pipeline links it to one of them, and once the incident's country is known, an actor of
another country named in the sentence only by the shared name gives way to its namesake of that country.
"""

from __future__ import annotations

import re

from generator.records.kb import KnowledgeBase, normalise


def namesake(kb: KnowledgeBase, actor_id: str, country: str | None, text: str) -> str:
    """`actor_id`, or the actor of `country` that shares the name `text` uses for it."""
    a = kb.actors.get(actor_id)
    shared = kb.shared_actor_names()
    if not shared or a is None or not country or not a.country or a.country == country:
        return actor_id
    for form in (a.name, *a.aliases):
        others = [x for x in shared.get(normalise(form), ()) if x != actor_id and kb.actors[x].country == country]
        if others and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.I):
            return others[0]
    return actor_id
