"""Briefing: turn a repository of news articles into a searchable site of incident briefs.

Stages (each a plain function over plain data): ingest -> extract -> cluster -> reconcile -> render.
"""

__version__ = "0.1.0"
