"""Helpers the extraction tests share (not part of the generator)."""

from __future__ import annotations

import datetime as dt

from generator.extract.article import extract_article
from generator.records.format import Article


def extract_text(text: str, kb, annotator, published: str | None, aid: str = "t1"):
    """One article written in a test (its first paragraph the title), extracted as `extract` would."""
    day = dt.date.fromisoformat(published) if published else None
    title = text.strip().partition("\n\n")[0]
    art = Article(id=aid, path=f"{aid}.txt", title=title, text=text.strip(), published=day,
                  published_precision="day" if day else "unknown")
    return extract_article(art, kb, annotator)
