"""Ingest: readers per format, boilerplate rules, publication dates and bad seed files."""

import datetime as dt
import shutil

from pathlib import Path

from generator.extract.ingest import ingest
from generator.extract.readers import clean_body, is_boilerplate, read_html, read_md, snowflake_time

ROOT = Path(__file__).resolve().parent.parent


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_ingest_txt_first_line_is_title_and_text_keeps_it(tmp_path):
    write(tmp_path, "a1.txt", "\n\nMortar fire hits depot\n\nThree mortar rounds struck a fuel depot on Friday.\n")
    (article,) = ingest(tmp_path).articles
    assert article.id == "a1"
    assert article.title == "Mortar fire hits depot"
    assert article.text == "Mortar fire hits depot\n\nThree mortar rounds struck a fuel depot on Friday."


def test_ingest_md_front_matter_gives_metadata(tmp_path):
    write(tmp_path, "b2.md", "---\ntitle: Strike on a bridge\nurl: https://example.org/x\noutlet: Example Post\n"
                             "published: 2024-03-02\n---\nA missile struck the bridge at dawn.\n")
    (article,) = ingest(tmp_path).articles
    assert (article.title, article.url, article.outlet) == ("Strike on a bridge", "https://example.org/x", "Example Post")
    assert article.published == dt.date(2024, 3, 2)
    assert article.published_basis == "front matter"


def test_ingest_html_keeps_main_text_only():
    raw = read_html("<html><head><title>T</title><meta property='article:published_time' content='2024-05-01T10:00Z'>"
                    "</head><body><nav>Home | World</nav><article><h1>Shelling in the north</h1>"
                    "<p>Artillery shells hit the <b>village</b> overnight.</p><script>alert(1)</script>"
                    "<aside>Read more</aside></article><footer>(c) 2024</footer></body></html>")
    assert raw.title == "Shelling in the north"
    assert "Artillery shells hit the village overnight." in raw.body
    assert "alert" not in raw.body and "Home" not in raw.body and "(c)" not in raw.body
    assert raw.meta["published"].startswith("2024-05-01")


def test_ingest_boilerplate_rules_are_general():
    assert is_boilerplate("https://twitter.com/i/web/status/123 This post can't be displayed because social "
                          "networks cookies have been deactivated.")
    assert is_boilerplate("SEE ALSO: Why the port matters")
    assert is_boilerplate("Get the morning news delivered to your inbox.> Sign up for the Daily newsletter.")
    assert is_boilerplate("World & Politics")
    assert is_boilerplate("This story first appeared on example.com. More from Example:")
    assert not is_boilerplate("Two drones struck the depot, officials said.")


def test_ingest_embedded_post_dates_an_undated_article(tmp_path):
    # 1600000000000000000 >> 22 is a 2020-09 timestamp.
    post = 1600000000000000000
    write(tmp_path, "c3.txt", f"Title\n\nBody sentence one.\n\nhttps://twitter.com/i/web/status/{post} "
                              "This post can't be displayed.\n")
    (article,) = ingest(tmp_path).articles
    assert article.published == snowflake_time(post).date()
    assert "embedded post" in article.published_basis
    assert "twitter" not in article.text


def test_ingest_sources_yaml_fills_metadata(tmp_path):
    write(tmp_path, "d4.txt", "Title\n\nBody.\n")
    write(tmp_path, "sources.yaml", "d4.txt:\n  outlet: The Daily Example\n  published: 2024-02-01\n")
    (article,) = ingest(tmp_path).articles
    assert article.outlet == "The Daily Example"
    assert article.published == dt.date(2024, 2, 1)
    assert article.published_basis == "seeds/sources.yaml"


def test_ingest_bad_files_are_reported_and_skipped(tmp_path):
    write(tmp_path, "good.txt", "Title\n\nA drone struck a base.\n")
    write(tmp_path, "latin.txt", "Caf\xe9 attack\n".encode("latin-1"))
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blob.txt", b"\x00\x01\x02binary")
    write(tmp_path, "orig.txt", "Title\n\nA rocket struck a depot.\n")
    write(tmp_path, "same.txt", "Title\n\nA rocket struck a depot.\n")
    write(tmp_path, "notes.pdf", b"%PDF")
    result = ingest(tmp_path)
    assert [a.id for a in result.articles] == ["good", "orig"]
    messages = {p.path: p.message for p in result.problems}
    assert messages["latin.txt"] == "skipped: is not UTF-8 (byte 0xe9 at offset 3); re-save it as UTF-8"
    assert messages["empty.txt"] == "skipped: is empty; add the article's text or remove the file"
    assert messages["blob.txt"].startswith("skipped: looks binary")
    assert messages["same.txt"] == "skipped: the same bytes as orig.txt; one article, two names"
    assert messages["notes.pdf"].startswith("skipped: .pdf is not a seed format")


def test_ingest_a_50_mb_seed_is_refused_and_the_rest_still_read(tmp_path):
    write(tmp_path, "big.txt", b"word " * (50 * 1024 * 1024 // 5))
    write(tmp_path, "small.txt", "Title\n\nA mortar round hit a depot.\n")
    result = ingest(tmp_path)
    assert [a.id for a in result.articles] == ["small"]
    assert result.problems[0].path == "big.txt"
    assert "52.4 MB is larger than the 5 MB a seed may be" in result.problems[0].message


def test_ingest_bad_front_matter_names_the_line(tmp_path):
    write(tmp_path, "e5.md", "---\ntitle: [unclosed\n---\nBody.\n")
    (problem,) = ingest(tmp_path).problems
    assert problem.path == "e5.md"
    assert "front matter" in problem.message


def test_read_md_without_front_matter_uses_first_line():
    raw = read_md("# Heading here\n\nBody text.")
    assert raw.title == "Heading here"


def test_clean_body_collects_post_ids():
    text, posts = clean_body("Para one.\nhttps://x.com/someone/status/1714214750400163930 This post can't be "
                             "displayed because social networks cookies have been deactivated.\nPara two.")
    assert posts == [1714214750400163930]
    assert text == "Para one.\n\nPara two."


def test_cached_ingest_equals_fresh_ingest(tmp_path):
    """The ingest cache (`cache_dir/ingest.json`) gives exactly what reading the files gives, re-reads a
    changed file, and starts afresh when seeds/sources.yaml changes."""
    import os
    import shutil

    seeds, cache = tmp_path / "seeds", tmp_path / "cache"
    shutil.copytree(ROOT / "seeds", seeds)
    fresh = ingest(seeds)
    first = ingest(seeds, cache)
    assert (cache / "ingest.json").is_file()
    again = ingest(seeds, cache)
    assert first == fresh and again == fresh
    assert [a.text for a in again.articles] == [a.text for a in fresh.articles]

    one = sorted(p for p in seeds.iterdir() if p.suffix in (".txt", ".md"))[0]
    one.write_text(one.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    st = one.stat()
    os.utime(one, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    changed = ingest(seeds, cache)
    assert changed == ingest(seeds)
    assert any("A sentence added later." in a.text for a in changed.articles)

    sources = seeds / "sources.yaml"
    if sources.is_file():
        sources.write_text(sources.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert ingest(seeds, cache) == ingest(seeds)


def test_ingest_progress_bar_changes_nothing(tmp_path, capsys):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    quiet = ingest(tmp_path / "seeds")
    shown = ingest(tmp_path / "seeds", progress=True)
    assert shown == quiet and "ingest" in capsys.readouterr().err
