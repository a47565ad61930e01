"""Shared fixtures: the hand-written fixture records, the shipped knowledge base and the language
pipeline (loaded once per test run: the spaCy model takes seconds)."""

from __future__ import annotations

import pytest

from tests.sitecopy import FIXTURE_RECORDS


@pytest.fixture(scope="session")
def fixture_records():
    from generator.records.io import load_records

    return load_records(FIXTURE_RECORDS)


@pytest.fixture(scope="session")
def kb():
    from generator.records.kb import load_kb

    return load_kb(None)


@pytest.fixture(scope="session")
def annotator(kb):
    from generator.extract.nlp import Annotator

    return Annotator(kb)
