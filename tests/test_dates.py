"""Dates: relative expressions resolved against the publication date, with precision."""

import datetime as dt

from generator.extract.dates import find_dates

PUB = dt.date(2024, 3, 14)  # a Thursday


def one(text, published=PUB):
    (d,) = find_dates(text, published)
    return d


def test_dates_weekday_resolves_to_the_last_such_day():
    d = one("The convoy was hit on Tuesday.")
    assert (d.earliest, d.precision) == (dt.date(2024, 3, 12), "day")
    assert one("It happened Thursday.").earliest == PUB


def test_dates_weekday_evening_flags_a_possible_local_shift():
    assert one("on Monday evening").local_shift


def test_dates_month_day_takes_the_year_of_publication_or_the_one_before():
    assert one("late on March 10").earliest == dt.date(2024, 3, 10)
    assert one("on December 30", dt.date(2024, 1, 2)).earliest == dt.date(2023, 12, 30)


def test_dates_explicit_full_date():
    assert one("On 5 August 2023 the base was shelled.").earliest == dt.date(2023, 8, 5)


def test_dates_last_24_hours_is_a_window():
    d = one("attacks over the last 24 hours")
    assert (d.earliest, d.latest, d.precision) == (dt.date(2024, 3, 13), PUB, "days")


def test_dates_yesterday_and_last_week():
    assert one("yesterday").earliest == dt.date(2024, 3, 13)
    d = one("last week")
    assert d.precision == "week" and d.latest < PUB


def test_dates_month_only_and_age():
    d = one("Three were killed in January in an attack.")
    assert d.precision == "month" and d.age(PUB) > 7


def test_dates_unresolvable_without_publication():
    assert find_dates("on Tuesday", None) == []


def test_dates_over_the_weekend_is_the_last_saturday_and_sunday():
    d = one("a drone strike on a wedding hall over the weekend", dt.date(2024, 9, 16))  # a Monday
    assert (d.earliest, d.latest, d.precision) == (dt.date(2024, 9, 14), dt.date(2024, 9, 15), "days")


def test_dates_year_less_wire_dateline_takes_the_publication_year():
    from generator.extract.readers import date_from_text

    assert date_from_text("KARACHI, March 3 (Reuters) - Gunmen attacked a bus.", [], 2024)[0] == dt.date(2024, 3, 3)
    assert date_from_text("Kandahar/Rome, June 9\nTwo engineers were killed.", [], 2024)[0] == dt.date(2024, 6, 9)
    # without a publication year it is not guessed
    assert date_from_text("KARACHI, March 3 (Reuters) - Gunmen attacked a bus.", [], None)[0] is None


def test_dates_year_less_dateline_dates_an_article_published_only_to_the_month(tmp_path):
    from generator.extract.ingest import read_article

    seed = tmp_path / "a.md"
    seed.write_text("---\ntitle: Bus attacked\npublished: 2024-03\n---\nKARACHI, March 3 (Reuters) - Gunmen "
                    "attacked a bus on Sunday, police said.\n", encoding="utf-8")
    art = read_article(seed, "a.md", {})
    assert (art.published, art.published_precision) == (dt.date(2024, 3, 3), "day")


def test_dates_a_weekday_in_local_time_may_be_the_day_after_a_foreign_outlet_published():
    # an outlet whose day is still Thursday (PUB) reports an attack far east of it "early Friday local time":
    # the day after publication where the attack happened, not the Friday before
    assert one("The blast hit the market early Friday local time, officials said.").earliest == dt.date(2024, 3, 15)
    assert one("Gunmen attacked the post on Friday (local time).").earliest == dt.date(2024, 3, 15)
    # without "local time" a weekday is still the last such day; with it, an earlier day stays earlier
    assert one("The blast hit the market early Friday, officials said.").earliest == dt.date(2024, 3, 8)
    assert one("The blast hit the market on Tuesday night local time.").earliest == dt.date(2024, 3, 12)


def test_dates_early_mid_and_late_month_narrow_the_window():
    d = one("The ambush near the town in mid-February cut the road.")
    assert (d.earliest, d.latest) == (dt.date(2024, 2, 11), dt.date(2024, 2, 20))
    assert one("Fighting resumed in early February.").latest == dt.date(2024, 2, 10)
    assert one("Fighting resumed in late February.").earliest == dt.date(2024, 2, 21)
    assert one("Fighting resumed in February.").earliest == dt.date(2024, 2, 1)


def test_dates_numeric_day_month_year_of_police_and_army_releases():
    # "at about 2200hrs on 11/03/2024": day first (as most of the world writes it) or month first
    assert one("Bandits attacked the village at about 2200hrs on 11/03/2024.").earliest == dt.date(2024, 3, 11)
    assert one("The patrol was ambushed on 03/13/2024 at dawn.").earliest == dt.date(2024, 3, 13)
    assert one("The patrol was ambushed on 13/03/2024 at dawn.").earliest == dt.date(2024, 3, 13)
    # both readings possible: the one nearest before publication (4 March, not 3 April after it)
    assert one("Gunmen struck on 4/3/2024.").earliest == dt.date(2024, 3, 4)
