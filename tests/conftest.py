"""Shared fixtures: the hand-written fixture records."""

from __future__ import annotations

import pytest

from tests.sitecopy import FIXTURE_RECORDS


@pytest.fixture(scope="session")
def fixture_records():
    from generator.records import load_records

    return load_records(FIXTURE_RECORDS)
