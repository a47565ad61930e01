"""How one value reads on the site (generator/site/values.py): casualty figures in key facts, tables and lists,
over every shape a figure takes (the wording itself is `records.casualties.phrase`)."""

from __future__ import annotations

import pytest

from generator.site.values import figure, range_text, toll_text


@pytest.mark.parametrize("value,text,cell,words", [
    (None, "not stated", "–", False),
    ({"low": 0, "high": 0, "text": None}, "none", "0", False),
    ({"low": 0, "high": 0, "text": "no casualties"}, "none (“no casualties”)", "0", True),
    (1, "1", "1", False),
    ({"low": 2, "high": 4, "text": "several to four"}, "2–4 (“several to four”)", "2–4", True),
    ({"low": 0, "high": 5, "text": None}, "up to 5", "0–5", True),
    ({"low": 3, "high": None, "text": None}, "at least 3", "≥3", True),
    ({"low": 0, "high": None, "text": None}, "an unknown number", "≥0", True),
])
def test_values_a_casualty_figure_in_key_facts_and_table_cells(value, text, cell, words):
    assert range_text(value) == text
    assert (figure(value)["cell"], figure(value)["title"], figure(value)["words"]) == (cell, text, words)


@pytest.mark.parametrize("killed,wounded,text", [
    (None, None, "toll not stated"),
    (0, {"low": 0, "high": 0}, "no one killed or wounded"),
    (0, {"low": 2, "high": 4}, "no one killed, 2–4 wounded"),
    ({"low": 1, "high": 1}, None, "1 killed, wounded not stated"),
    (None, {"low": 1, "high": None}, "killed not stated, at least 1 wounded"),
    ({"low": 0, "high": None}, {"low": 0, "high": 3}, "an unknown number killed, up to 3 wounded"),
])
def test_values_an_incidents_toll_in_one_phrase(killed, wounded, text):
    assert toll_text({"killed": killed, "wounded": wounded}) == text
