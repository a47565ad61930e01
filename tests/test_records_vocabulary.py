"""The record format's labels, ranks and vocabulary maps (generator/records/vocabulary.py)."""

from generator import textsafe
from generator.records import format as fmt
from generator.records import vocabulary as vocab


def test_every_value_of_a_vocabulary_has_a_label():
    assert set(vocab.EVENT_LABELS) == set(fmt.EVENT_TYPES)
    assert set(vocab.TITLE_LABELS) == set(fmt.EVENT_TYPES)
    assert set(vocab.ROLE_LABELS) == set(fmt.ROLES)
    assert set(vocab.ACTOR_KIND_LABELS) == set(fmt.ACTOR_KINDS)


def test_titles_say_attack_where_the_site_says_other_attack():
    assert vocab.EVENT_LABELS["other"] == "Other attack" and vocab.TITLE_LABELS["other"] == "Attack"
    assert all(vocab.TITLE_LABELS[t] == vocab.EVENT_LABELS[t] for t in fmt.EVENT_TYPES if t != "other")


def test_weapons_map_onto_event_types():
    assert {w for w, _ in vocab.WEAPON_EVENT_TYPE} <= set(fmt.WEAPONS)
    assert {t for _, t in vocab.WEAPON_EVENT_TYPE} <= set(fmt.EVENT_TYPES)
    assert vocab.STANDOFF_WEAPON_EVENT_TYPE["mortar"] == "shelling"
    assert "gun" not in vocab.STANDOFF_WEAPON_EVENT_TYPE and "bomb" not in vocab.STANDOFF_WEAPON_EVENT_TYPE


def test_geo_rank_orders_precisions_and_ties_a_sea_with_a_province():
    assert set(vocab.GEO_SPECIFICITY) == set(fmt.GEO_PRECISIONS)
    ranks = [vocab.geo_rank(p) for p in ("site", "town", "district", "province", "country", "unknown")]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    assert vocab.geo_rank("sea") == vocab.geo_rank("province")
    assert vocab.geo_rank("nowhere") == vocab.geo_rank("unknown")


def test_date_rank_follows_the_date_precisions():
    assert [vocab.DATE_RANK[p] for p in fmt.DATE_PRECISIONS] == list(range(len(fmt.DATE_PRECISIONS)))


def test_month_numbers_by_name_and_abbreviation():
    assert vocab.MONTH_NUMBER["march"] == vocab.MONTH_NUMBER["mar"] == 3
    assert vocab.MONTH_NUMBER["sept"] == vocab.MONTH_NUMBER["sep"] == 9
    assert len(set(vocab.MONTH_NUMBER.values())) == 12


def test_clip_cuts_at_a_space_and_never_inside_an_entity():
    assert textsafe.clip("short", 10) == "short"
    assert textsafe.clip("one two three", 9) == "one two …"
    assert textsafe.clip("abcdefg&lt;hij", 10) == "abcdefg …"


def test_month_pattern_matches_every_month_name_and_abbreviation():
    import re

    assert all(re.fullmatch(vocab.MONTH_PATTERN, m.capitalize()) for m in vocab.MONTH_NUMBER)
    assert not re.fullmatch(vocab.MONTH_PATTERN, "Monday")
