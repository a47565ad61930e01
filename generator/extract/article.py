"""Extract: one article -> incident candidates, each a draft record with its evidence.

`extract_article` is a pure function of the article, the knowledge base and the language pipeline:
the same article always gives the same candidates, so it can be cached by content and run in parallel.
Stages: sentences (news vs background) -> mentions of attacks -> groups by place -> for each group its
date, place, type, weapons, actors and claims, casualties, and the sentences that support each.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.extract import actors as act
from generator.extract import blame as blm
from generator.extract import casualties as cas
from generator.extract import claims as clm
from generator.extract import events as ev
from generator.extract import grouping as grp
from generator.extract import lexicon as lx
from generator.extract import locate as loc
from generator.extract import uncertain as unsure
from generator.extract.candidate import Candidate
from generator.extract.dates import DateMention, reference_day
from generator.extract.kinds import GROUND_TYPES, sea_coded, weapons_and_type
from generator.extract.sentences import NEWS_WINDOW_DAYS, Sentence, build_sentences, date_anchor
from generator.records.format import Article
from generator.records.kb import KnowledgeBase

EXTRACTOR_VERSION = "2"  # bump when extraction changes what it returns; the cache is keyed by it


@dataclass
class ArticleResult:
    """What one article yields: candidates (draft incidents with their evidence), context lines, unknown
    actor names."""

    article: str
    candidates: list[Candidate] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)
    new_actors: list[dict] = field(default_factory=list)


def extract_article(article: Article, kb: KnowledgeBase, annotator) -> ArticleResult:
    doc = annotator(article.text)
    sentences = build_sentences(doc, article.text, article.published, annotator.place_candidates,
                                article.published_precision)
    return assemble(article, sentences, kb)


def assemble(article: Article, sentences: list[Sentence], kb: KnowledgeBase) -> ArticleResult:
    result = ArticleResult(article.id)
    countries = loc.article_countries(sentences, kb)
    mentions = ev.find_mentions(sentences, kb, countries, article.published)
    groups = grp.split_retaliation(grp.group_mentions(mentions, kb, grp.dateline_place(sentences, kb, countries),
                                                       sentences))
    claims = clm.find_claims(sentences, kb)
    published = article.published
    latest = reference_day(article.published, article.published_precision)
    fallback = grp.lead_date(groups, published, latest)
    _attach_claims(groups, claims, sentences)
    for g in groups:
        cand = _candidate(article, g, sentences, kb, published, latest, fallback, groups)
        if cand is not None:
            result.candidates.append(cand)
    result.context = _context(article, sentences)
    seen = set()
    for c in result.candidates:
        for claim in c.new_actors:
            if claim not in seen:
                seen.add(claim)
                result.new_actors.append({"name": claim, "kind": "armed_group"})
    return result


# --------------------------------------------------------------------------- claims to groups


def _attach_claims(groups: list[ev.Group], claims: list[act.Role], sentences: list[Sentence]) -> None:
    if not groups:
        return
    for c in claims:
        s = sentences[c.sentence]
        named = [g for g in groups if g.where and g.where.place and g.where.name and
                 (g.where.name in s.text or (g.where.place.name in s.text))]
        if named:
            targets = named
        elif re.search(r"\b(?:attacks|both|two attacks|the strikes|these attacks|all (?:three|four|of the))\b",
                       s.text, re.I) and len(groups) > 1:
            targets = [g for g in groups if not any(x.actor or x.description for x in g.claims)] or groups
        else:
            prior = [g for g in groups if any(m.sent.idx <= s.idx for m in g.mentions)]
            targets = [max(prior, key=lambda g: max(m.sent.idx for m in g.mentions if m.sent.idx <= s.idx))] \
                if prior else groups[:1]
        for g in targets:
            g.claims.append(c)


# --------------------------------------------------------------------------- one candidate


# Another incident than the lead's, which must not borrow the lead's date.
SEPARATE = re.compile(r"\b(?:in a separate|separately|in another (?:attack|strike|incident)|elsewhere|earlier(?:, |"
                      r" this week| in the week)|days earlier|the previous week)\b", re.I)
# "the second blast", "these attacks": the attack already reported, not another one.
DEFINITE_ATTACK = re.compile(r"\b(?:the|any of the|all|both|these|those|this|that|its)\s+(?:(?:first|second|third|"
                             r"last|latest|twin|two|deadly|initial)\s+)?(?:attacks?|strikes?|blasts?|explosions?|"
                             r"bombings?|incidents?|shelling|raid|assault)\b", re.I)
TALLY = re.compile(r"\b(?:elsewhere|separately|in a separate|since (?:the )?(?:start|beginning|war|conflict|\w+ \d{4})|"
                   r"so far this|this year|in total|decade|(?:the|a) war\b|conflict|rebellion|insurgency|civil war|"
                   r"(?:has|have|had) (?:\w+ly )?killed (?:thousands|hundreds|tens of thousands|scores))",
                   re.I)


def _casualties_belong(s: Sentence, g: ev.Group, groups: list[ev.Group], sentences: list[Sentence]) -> bool:
    """Does a sentence that names no attack of its own give casualties of this group's attack?

    It must be news, name no other place, and either follow this group's last mention before any other
    group's, or speak of all the attacks at once ("no casualties in any of the attacks")."""
    if any(m.sent.idx == s.idx and m.where is not None and not re.search(
            r"\b(?:any|all|each|both) of the (?:attacks|strikes|incidents)\b", s.text, re.I)
           for other in groups if other is not g for m in other.mentions):
        return False  # the sentence reports another attack of this article, somewhere else
    if s.background or lx.STRONG_ATTACK.search(s.news_text) and not DEFINITE_ATTACK.search(s.news_text):
        return False
    if all(m.answered for m in g.mentions):
        return False  # the attack a strike answers: what follows is the strike's news
    if g.aside and s.para not in {m.sent.para for m in g.mentions}:
        return False  # an attack reported in passing: figures further down are the main attack's
    if TALLY.search(s.news_text):
        return False  # "thousands have been killed in the insurgency": a running tally, not this attack's toll
    if not re.search(lx.KILL_WORD + "|" + lx.WOUND_WORD + r"|\bcasualties\b", s.news_text, re.I):
        return False
    if re.search(r"\b(?:any|all|each|both) of the (?:attacks|strikes|incidents)\b|\bin all (?:the )?(?:attacks|"
                 r"strikes)\b", s.news_text, re.I):
        return any(m.sent.idx < s.idx for m in g.mentions)
    previous = [(max(m.sent.idx for m in other.mentions if m.sent.idx < s.idx), other is g)
                for other in groups if any(m.sent.idx < s.idx for m in other.mentions)]
    if not previous or not max(previous)[1]:
        return False
    # Another attack named in between (even one that is not an incident here) takes the figures.
    last = max(previous)[0]
    if any(lx.STRONG_ATTACK.search(x.news_text) and not DEFINITE_ATTACK.search(x.news_text)
           and _elsewhere(x, g) for x in sentences[last + 1:s.idx]):
        return False
    last_para = max(m.sent.para for m in g.mentions if m.sent.idx < s.idx)
    # Further down, a toll still belongs to the attack when no other attack was named since.
    return s.para - last_para <= 3 or len(groups) == 1


def _elsewhere(s: Sentence, g: ev.Group) -> bool:
    """Does a sentence name a place other than the group's ("a drone attack on Kursk")? An attack
    sentence that names none, or the group's own place, goes on about the same attack."""
    where = g.where
    own = {x.lower() for x in (where.name if where else None, where.place.name if where and where.place else None,
                               where.place.admin1 if where and where.place else None) if x}
    places = [e for e in s.news_ents() if e.label in ("PLACE", "GPE", "COUNTRY")]
    if not places:
        return False
    return not any(e.text.lower() in x or x in e.text.lower() for e in places for x in own) and not any(
        e.ref and where and e.ref == where.country for e in places)


def _candidate(article: Article, g: ev.Group, sentences: list[Sentence], kb: KnowledgeBase,
               published: dt.date | None, latest: dt.date | None, fallback: DateMention | None,
               groups: list[ev.Group]) -> Candidate | None:
    sents = g.sentences()
    lead = any(s.para < ev.LEAD_PARAGRAPHS for s in sents) or g.response is not None
    if any(SEPARATE.search(m.text) for m in g.mentions) or g.aside:
        fallback = None  # "in a separate attack": it does not share the lead's date
    date, how = grp.group_date(g, published, fallback, latest)
    texts = [m.text for m in g.mentions]
    casualty_sents = list(sents) + [s for s in sentences if s.idx not in {x.idx for x in sents}
                                    and _casualties_belong(s, g, groups, sentences)]
    figures: list[tuple[Sentence, cas.Figure]] = []
    answered = {m.sent.idx: m for m in g.mentions if m.answered}
    for s in casualty_sents:
        # The attack a retaliation answers: its own clause's figures, not the strike's.
        for f in cas.find_figures(answered[s.idx].text if s.idx in answered else s.news_text):
            figures.append((s, f))
    # A claimant's own toll ("saying its fighters had killed 30") yields to any other figure of its kind.
    claimed_in = {c.sentence for c in g.claims}
    theirs = [s.idx in claimed_in and clm.claimant_toll(answered[s.idx].text if s.idx in answered else s.news_text,
                                                        f.start) for s, f in figures]
    figures = [(s, f) for (s, f), t in zip(figures, theirs) if not t or all(
        u or x.kind != f.kind for (_, x), u in zip(figures, theirs))]
    if g.response is not None:
        militants = re.compile(r"\b(?:militants?|fighters?|insurgents?|attackers?|gunmen|members)\b", re.I)
        figures = [(s, f) for s, f in figures if bool(militants.search(f.text)) == bool(g.response)]
    has_claim = bool(g.claims)
    dated = how == "stated" or (g.aside and date is not None)  # an aside is kept only when its paragraph dates it
    if not (dated or lead or figures or has_claim):
        return None
    if all(m.where is None and not m.types and not m.weapons and blm.blames_only(m.sent, kb) for m in g.mentions):
        return None  # blame told in sentences of their own joins an attack, never starts one
    if all(m.plural_only for m in g.mentions) and not (
            (dated and date and date.precision in ("day", "days")) or figures):
        return None  # "amid Houthi attacks": attacks in general, not one attack
    if all(lx.LEGAL_FRAME.search(m.sent.news_text) for m in g.mentions) and not any(
            date_anchor(m.sent, d.start) == "attack" for m in g.mentions for d in m.sent.dates
            if published is None or (published - d.earliest).days <= NEWS_WINDOW_DAYS):
        return None  # a trial, arrest or inquiry over an attack the article does not date as news
    roles: list[act.Role] = []
    for m in g.mentions:
        roles.extend(blm.roles_in(m.sent, m.lo, m.hi, kb))
    where = sea_coded(g, roles, kb)
    if where is None or not where.country:
        return None
    roles = act.settle(roles, [] if g.response else g.claims, where.country, sentences, kb)
    weapons, etype = weapons_and_type(g, sentences, texts)

    if g.response is False:
        roles = [r for r in roles if r.role != "perpetrator" or not any(
            r.sentence == m.sent.idx and lx.AIR_STRIKE.search(m.text) for m in g.mentions)]
    claims_here = [] if g.response else g.claims
    actors = _actor_entries(roles, claims_here, article.id)
    # A claimant the knowledge base lacks is named in `description` until build_drafts drafts its record.
    claims = [{"actor": c.actor, "description": None if c.actor else (c.description or c.new_name),
               "text": c.text, "source": article.id} for c in claims_here if c.role == "claimed"]
    new_actors = sorted({c.new_name for c in g.claims if c.new_name})

    # "Israel said it killed a commander in a strike in Lebanon", joined to an attack in Iraq: a sentence
    # whose own attack is placed in another country tells that attack's toll, not this one's.
    abroad = {m.sent.idx for m in g.mentions if m.where and m.where.country and m.where.country != where.country}
    figures = [(s, f) for s, f in figures if s.idx not in abroad]
    if etype in GROUND_TYPES and any(not f.attackers for _, f in figures):
        figures = [(s, f) for s, f in figures if not f.attackers]  # the attackers' own dead are not victims
    killed = cas.combine([f for _, f in figures if f.kind == "killed"])
    wounded = cas.combine([f for _, f in figures if f.kind == "wounded"])
    official = any(lx.OFFICIAL.search(s.news_text) for s in sents)

    evidence = _evidence(g, figures, weapons, actors)
    place = where.place
    location = {
        "name": where.name if not where.generic else where.name.strip(),
        "place": place.id if place else None,
        "admin1": place.admin1 if place else None,
        "country": where.country,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "precision": where.precision if not where.generic else "country",
    }
    date_fields = _date_fields(article, date, how, latest)
    record = {
        "title": None,
        "summary": None,
        **date_fields,
        "event_type": etype,
        "weapons": sorted(weapons),
        "munitions": _munitions(g, article.id),
        "location": location,
        "part_of": None,
        "actors": actors,
        "occurrence": "confirmed" if official else "reported",
        "attribution": _attribution(actors, claims, denied=any(lx.DENY.search(x.news_text) for x in sents + [
            sentences[c.sentence] for c in g.claims])),
        "claims": claims,
        "casualty_reports": [r for r in [_report(article.id, figures, killed, wounded)] if r],
        "casualties": {"killed": killed, "wounded": wounded},
        "sources": [_source(article, evidence)],
        "context": [],
        "related": [],
        "review": "draft",
    }
    answers = _unplaced_answers(g, groups, published, kb)
    doubts = unsure.candidate_doubts(article, g, sentences, kb, record, date, how, where, figures)
    return Candidate(record, article.id, anchor=0 if dated else 1, venue=where.venue, answers=answers,
                     doubts=doubts, new_actors=new_actors)


def _unplaced_answers(g: ev.Group, groups: list[ev.Group], published: dt.date | None,
                      kb: KnowledgeBase) -> list[dict]:
    """Recent attacks this group's strike answers that the article does not place ("in response to a
    deadly attack on a border post on Monday", "the attack on our soldiers"): the countries the clause
    names or qualifies (a state's forces are its country's), its day
    and words, so that a record of such an attack there may be flagged."""
    out = []
    answered = {m.sent.idx for x in groups for m in x.mentions if m.answered}
    for s in g.sentences():
        clause = ev.answer_clause(s, published)
        if clause is None or s.idx in answered:
            continue
        lo, hi, day = clause
        countries = sorted({e.ref for e in s.ents_in(lo, hi) if e.label in ("COUNTRY", "DEMONYM") and e.ref} | {
            kb.actors[e.ref].country for e in s.ents_in(lo, hi) if e.label == "ACTOR" and e.ref in kb.actors
            and kb.actors[e.ref].kind in ("state", "military") and kb.actors[e.ref].country})
        if countries:
            out.append({"date": day.day.isoformat(), "countries": countries, "text": s.text[lo:hi].strip(" .")})
    return out


def _actor_entries(roles: list[act.Role], claims: list[act.Role], article: str) -> list[dict]:
    best: dict[tuple[str, str], dict] = {}
    for r in [*claims, *roles]:
        if r.actor:
            best.setdefault((r.actor, r.role), {"actor": r.actor, "role": r.role, "sources": [article]})
        elif r.description and r.role in ("perpetrator", "accused"):  # an unnamed doer, described
            entry = {"description": r.description, "role": r.role, "sources": [article]}
            best.setdefault(act.actor_key(entry), entry)
    # An actor that claimed is not also listed as merely accused by the same source, nor as its
    # perpetrator when a state announced it.
    claimed = {a for a, role in best if role in ("claimed", "perpetrator")}
    # Nor as the target of its own strike ("responding to attacks on U.S. forces" in a U.S. strike's report).
    return sorted((v for (a, role), v in best.items() if not (role in ("accused", "target") and a in claimed)),
                  key=act.actor_sort)


def _attribution(actors: list[dict], claims: list[dict], denied: bool = False) -> str:
    """How the sources attribute the attack (the ATTRIBUTION grades of generator/records/format.py); a denial contests a claim or blame.
    An actor only described ("Iran-backed militias") attributes it to no one in particular."""
    roles = {a["role"] for a in actors if a.get("actor")}
    if denied and (claims or "accused" in roles):
        return "contested"
    if "perpetrator" in roles:
        return "confirmed"
    named = {c["actor"] for c in claims if c["actor"]}
    if len(named) > 1:
        return "contested"
    if claims:
        return "claimed"
    if "accused" in roles:
        return "accused"
    return "unknown"


def _munitions(g: ev.Group, article: str) -> list[dict]:
    """What was launched, by weapon: one entry per weapon a source counts (its highest count, since
    headlines and leads restate the same salvo)."""
    counts: dict[str, int] = {}
    for m in g.mentions:
        for found in re.finditer(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\s+"
                                 r"(?:[\w-]+\s+){0,3}?(?P<w>drones?|rockets?|missiles?|ballistic missiles?|"
                                 r"cruise missiles?|mortars?)\b", m.text, re.I):
            n = cas.to_number(found.group("n"))
            if not n:
                continue
            word = found.group("w").lower()
            weapon = ("ballistic_missile" if "ballistic" in word else "cruise_missile" if "cruise" in word
                      else word.rstrip("s"))
            counts[weapon] = max(counts.get(weapon, 0), n[0])
    return [{"weapon": w, "count": c, "intercepted": None, "impacted": None, "source": article}
            for w, c in sorted(counts.items())]


def _report(article: str, figures, killed, wounded) -> dict | None:
    if killed is None and wounded is None:
        return None
    party = None
    for _, f in figures:
        words = f.text
        m = re.search(r"\b(?:[A-Z][\w.]*\s+)*(?:people|civilians|soldiers|troops|personnel|servicemembers|"
                      r"service members|children|fighters|militants|forces)\b", words)
        if m:
            party = m.group(0)
            break
    return {"source": article, "according_to": None, "party": party, "killed": killed, "wounded": wounded}


def _published(article: Article) -> str:
    """The publication date and where it came from (front matter, sources.yaml, dateline, embedded post)."""
    day = article.published.isoformat() if article.published_precision == "day" else article.published.strftime("%Y-%m")
    return f"{day} ({article.published_basis})" if article.published_basis else day


def _date_fields(article: Article, date: DateMention | None, how: str, published: dt.date | None) -> dict:
    if date is not None:
        day = date.day if date.day else date.latest
        basis = f"{date.text!r} in {article.id}"
        if published:
            basis += f", published {_published(article)}"
        if how == "lead":
            basis += " (the article's main news date)"
        if date.local_shift:
            basis += "; evening or night in the outlet's time, the local date may be a day later"
        return {"date": day, "date_earliest": date.earliest, "date_latest": date.latest,
                "date_precision": date.precision, "date_basis": basis}
    if published and article.published_precision == "day":
        return {"date": published, "date_earliest": published - dt.timedelta(days=NEWS_WINDOW_DAYS),
                "date_latest": published, "date_precision": "unknown",
                "date_basis": f"no date in the text; reported in {article.id}, published {_published(article)}"}
    return {"date": None, "date_earliest": article.published, "date_latest": published, "date_precision": "unknown",
            "date_basis": "no date in the text and no publication date"}


def _evidence(g: ev.Group, figures, weapons: list[str], actors: list[dict]) -> list[dict]:
    supports: dict[int, tuple[str, set[str]]] = {}

    def add(s: Sentence, *what: str) -> None:
        text, have = supports.setdefault(s.idx, (s.text, set()))
        have.update(what)

    for m in g.mentions:
        kinds = ["event_type"]
        if m.weapons:
            kinds.append("weapons")
        if m.where is not None:
            kinds.append("location")
        if any(d.start < m.sent.news_end for d in m.sent.dates):
            kinds.append("date")
        add(m.sent, *kinds)
    for s, _ in figures:
        add(s, "casualties")
    for c in g.claims:
        text, have = supports.setdefault(c.sentence, (c.text, set()))
        have.update({"claims", "actors"} if c.role == "claimed" else {"actors"})
    return [{"text": text, "supports": sorted(have)} for _, (text, have) in sorted(supports.items())]


def _source(article: Article, evidence: list[dict]) -> dict:
    return {"article": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
            "published": article.published if article.published_precision == "day" else None,
            "evidence": evidence}


def _context(article: Article, sentences: list[Sentence]) -> list[dict]:
    out = []
    for s in sentences:
        bg = s.text if s.background else s.text[s.news_end:] if s.news_end < len(s.text) else ""
        bg = bg.strip(" ,;")
        if bg and (lx.STRONG_ATTACK.search(bg) or re.search(lx.KILL_WORD, bg, re.I)):
            m = re.match(r"(?:following|after|since|amid|in the wake of|in response to|in retaliation for|"
                         r"to avenge|came after|comes after|followed|follows|follow)\s+", bg, re.I)
            text = bg[m.end():] if m else bg
            text = text.rstrip(".")
            if len(text) > 240:
                cut = text.rfind(" ", 0, 240)
                text = text[:cut if cut > 0 else 240]
            if text and text in article.text:
                out.append({"text": text, "source": article.id})
    return out
