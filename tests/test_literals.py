"""Literal pre-checks: a pattern is skipped only when it cannot match (extraction output must not change)."""

import re

import pytest

from generator.extract import casualties, dates, lexicon as lx
from generator.extract.literals import could_match, lowered, requirements

PATTERNS = ([p for _, p in dates._PATTERNS] + [p for _, p in lx.WEAPON_PATTERNS] + list(lx.CASUALTY_PATTERNS)
            + list(casualties.ENUMERATION) + [dates.DAY_BEFORE, dates.DAY_AFTER, lx.AIR_STRIKE]
            + [p for _, p in lx.TYPE_PHRASES])

SENTENCES = [
    "KYIV, March 3 (Wire) - Two drones struck a fuel depot overnight, killing at least four people.",
    "The ministry said on Tuesday evening that 12 soldiers were wounded in the shelling of the town.",
    "Gunmen opened fire on a market in the north on 14 February 2024, the governor told reporters.",
    "No one claimed the attack; officials said the death toll had risen to 31 by 2024-05-06.",
    "Four children, three women and two men were killed when a car bomb exploded near the mosque.",
    "The talks resumed in the capital and nothing else happened.",
    "Residents said the blast, two days ago, was heard across the valley; 40 bodies were recovered.",
    # Characters that case-insensitive matching takes for ASCII letters: lowering would miss them.
    "Two DRONEſ hit the ba\u017fe on Monday and killed five people.",
    "The \u212aATYUSHA rockets and a UAV \u0130 hit it last week.",
    "He recalled the ſhelling of \u212aharkiv over the weekend, thirty hours before.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_literals_a_skipped_pattern_never_matches(text):
    low = lowered(text)
    for pattern in PATTERNS:
        if not could_match(pattern, text, low):
            assert pattern.search(text) is None, pattern.pattern


def test_literals_skip_patterns_whose_words_are_absent():
    text = "The talks resumed in the capital and nothing else happened."
    skipped = [p for p in PATTERNS if not could_match(p, text, lowered(text))]
    assert len(skipped) >= len(PATTERNS) // 2  # the point of the pre-check: most patterns are not run
    weapons = dict(lx.WEAPON_PATTERNS)
    assert could_match(weapons["drone"], "Two UAVs hit it.", lowered("Two UAVs hit it."))
    assert not could_match(weapons["drone"], "Two jets hit it.", lowered("Two jets hit it."))


def test_literals_requirements_are_read_from_the_pattern():
    reqs = requirements(re.compile(r"\bballistic[- ]missiles?\b", re.I))
    assert set(reqs) == {frozenset({("ballistic", True)}), frozenset({("missile", True)})}
    assert requirements(re.compile(r"(?:on\s+)?(?:Monday|Tuesday)")) == (
        frozenset({("Monday", False), ("Tuesday", False)}),)
    # An optional part or an alternative that needs nothing requires nothing.
    assert requirements(re.compile(r"(?:drone)?\d+|x?")) == ()
    assert requirements(re.compile(r"\d+\s(?:killed|\w+)")) == ()


def test_literals_odd_case_folds_turn_case_insensitive_checks_off():
    assert lowered("Plain text") == "plain text"
    assert lowered("caf\u00e9 \u2019quoted\u2019") == "caf\u00e9 \u2019quoted\u2019"
    for odd in ("\u0130", "\u0131", "\u017f", "\u212a"):
        assert lowered(f"a{odd}b") is None
    text = "Two DRONE\u017f hit it."  # re.I matches the long s to "s"
    pattern = re.compile(r"\bdrones\b", re.I)
    assert pattern.search(text) and could_match(pattern, text, lowered(text))


def test_literals_find_dates_and_figures_unchanged_on_odd_text():
    text = "On Monday, \u212aILLED: five people were \u212ailled in the attack of 3 March 2024."
    found = dates.find_dates(text, dates.dt.date(2024, 3, 14))
    assert [d.text for d in found] == ["Monday", "3 March 2024"]
    assert [(f.kind, f.low) for f in casualties.find_figures(text)] == [("killed", 5)]
