"""`briefing add`: articles into seeds/ with front matter, from files, stdin and a local HTTP server."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import socket
import threading
from pathlib import Path

import pytest

from generator import cli
from generator.extract.add import add, normal_url, yearless_dateline
from generator.errors import InputError
from generator.extract.ingest import ingest
from generator.extract.readers import read_md

WIRE = """Bomb kills two police officers at Karachi checkpoint

KARACHI, March 3 (Reuters) - A roadside bomb exploded next to a police checkpoint in Karachi on Sunday, killing two officers and wounding four, a police spokesman said.

No group has claimed responsibility for the blast.
"""

STATEMENT = """Statement on the shelling of Kharkiv district

The regional administration reports that artillery shells hit a residential district overnight. Three civilians were wounded.

Emergency crews are at the scene.
"""

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Drone strike hits fuel depot near Erbil | The Northern Ledger</title>
<meta property="og:title" content="Drone strike hits fuel depot near Erbil">
<meta property="og:site_name" content="The Northern Ledger">
<meta property="og:url" content="https://ledger.example/news/2024/drone-strike-fuel-depot">
<meta property="article:published_time" content="2024-06-11T08:30:00+03:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport news and results</a></nav>
<header><p>Subscribe to the Northern Ledger for the latest headlines from the region</p></header>
<main><article>
<h1>Drone strike hits fuel depot near Erbil</h1>
<p>An explosive-laden drone struck a fuel storage depot on the outskirts of Erbil late on Monday, setting two tanks ablaze, the regional interior ministry said in a statement.</p>
<p>Firefighters brought the blaze under control by early Tuesday. There were no casualties, according to the ministry, which did not say who launched the drone.</p>
<p>The depot supplies fuel to power stations across the region, and officials said electricity cuts could follow.</p>
</article></main>
<aside><h2>Most read</h2><p>Ten recipes for the summer holidays you will love</p></aside>
<footer><p>Copyright The Northern Ledger. All rights reserved.</p></footer>
</body></html>
"""


@pytest.fixture
def offline(monkeypatch):
    """Any network connection fails the test: files and stdin must be read offline."""
    def refuse(*args, **kwargs):
        raise AssertionError("briefing add opened a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def front(path: Path) -> tuple[dict, str]:
    raw = read_md(path.read_text(encoding="utf-8"))
    return raw.meta, raw.body


def the_article(seeds: Path, name: str):
    return next(a for a in ingest(seeds).articles if a.path == name)


# ------------------------------------------------------------------------------------------- text


def test_yearless_dateline_needs_the_year_and_takes_it_from_published(tmp_path, offline):
    src, seeds = tmp_path / "wire.txt", tmp_path / "seeds"
    src.write_text(WIRE, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        add(str(src), seeds)
    message = str(exc.value)
    assert "KARACHI, March 3 (Reuters) -" in message and "no year" in message
    assert "--published YYYY-MM-DD" in message and "--undated" in message
    assert not seeds.exists() or not any(seeds.iterdir())

    added = add(str(src), seeds, published="2024")
    assert added.path.parent == seeds and added.path.name == "2024-03-03-bomb-kills-two-police-officers-at-karachi-checkpoint.md"
    meta, body = front(added.path)
    assert meta == {"title": "Bomb kills two police officers at Karachi checkpoint", "outlet": "Reuters",
                    "published": dt.date(2024, 3, 3)}
    assert body.lstrip().startswith("KARACHI, March 3 (Reuters) - A roadside bomb")
    article = the_article(seeds, added.path.name)
    assert (article.published, article.published_precision, article.outlet) == (dt.date(2024, 3, 3), "day", "Reuters")
    assert "No group has claimed responsibility for the blast." in article.text


def test_published_full_date_wins_and_a_bad_one_is_refused(tmp_path, offline):
    src, seeds = tmp_path / "wire.txt", tmp_path / "seeds"
    src.write_text(WIRE, encoding="utf-8")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        add(str(src), seeds, published="3 March")
    added = add(str(src), seeds, published="2024-03-04", outlet="Reuters wire")
    assert added.draft.notes == ["the dateline 'KARACHI, March 3 (Reuters) -' gives March 3, --published "
                                 "2024-03-04; kept --published"]
    meta, _ = front(added.path)
    assert meta["published"] == dt.date(2024, 3, 4) and meta["outlet"] == "Reuters wire"


def test_undated_article_is_refused_asked_for_or_added_with_undated(tmp_path, offline):
    src = tmp_path / "statement.txt"
    src.write_text(STATEMENT, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        add(str(src), tmp_path / "a")
    assert "no publication date found" in str(exc.value) and "--published YYYY-MM-DD" in str(exc.value)

    questions = []
    added = add(str(src), tmp_path / "b", ask=lambda q: questions.append(q) or "2023-02-14")
    assert questions and "Publication date" in questions[0]
    assert front(added.path)[0]["published"] == dt.date(2023, 2, 14)

    with pytest.raises(InputError, match="--published"):
        add(str(src), tmp_path / "c", ask=lambda q: "")  # an empty answer stops

    added = add(str(src), tmp_path / "d", undated=True)
    meta, _ = front(added.path)
    assert "published" not in meta and added.path.name.startswith("undated-")
    assert the_article(tmp_path / "d", added.path.name).published is None


def test_dated_dateline_in_the_text_is_enough(tmp_path, offline):
    src = tmp_path / "a.txt"
    src.write_text(WIRE.replace("March 3 (Reuters)", "March 3, 2024 (Reuters)"), encoding="utf-8")
    added = add(str(src), tmp_path / "seeds")
    assert front(added.path)[0]["published"] == dt.date(2024, 3, 3)


def test_stdin_through_the_command_line(tmp_path, offline, monkeypatch, capsys):
    seeds = tmp_path / "seeds"
    monkeypatch.setattr("sys.stdin", io.StringIO(WIRE))
    assert cli.main(["add", "-", "--seeds", str(seeds), "--published", "2024"]) == 0
    err = capsys.readouterr().err
    assert "seeds/2024-03-03-bomb-kills" in err and "Reuters" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(STATEMENT))
    assert cli.main(["add", "-", "--seeds", str(seeds)]) == 1
    assert "--published YYYY-MM-DD" in capsys.readouterr().err
    assert len(list(seeds.iterdir())) == 1


def test_help(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["add", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "PATH|URL|-" in out and "--published" in out and "--undated" in out and "trafilatura" in out


def test_yearless_dateline_forms():
    assert yearless_dateline("WASHINGTON, Jan. 5 (Reuters) - Text").month == 1
    d = yearless_dateline("ISLAMABAD/KARACHI, Sept 30 (Reuters) — Text")
    assert (d.month, d.day, d.agency) == (9, 30, "Reuters")
    assert yearless_dateline("KARACHI, March 3, 2024 (Reuters) - Text") is None  # has its year
    assert yearless_dateline("The attack on March 3 - a Sunday - killed two.") is None


# ------------------------------------------------------------------------------------------- html


def test_saved_html_page_main_text_and_metadata(tmp_path, offline):
    src, seeds = tmp_path / "page.html", tmp_path / "seeds"
    src.write_text(PAGE, encoding="utf-8")
    added = add(str(src), seeds)
    meta, body = front(added.path)
    assert meta == {"title": "Drone strike hits fuel depot near Erbil", "outlet": "The Northern Ledger",
                    "url": "https://ledger.example/news/2024/drone-strike-fuel-depot",
                    "published": dt.date(2024, 6, 11)}
    assert "An explosive-laden drone struck a fuel storage depot" in body
    assert "electricity cuts could follow" in body
    for furniture in ("Sport news", "Subscribe", "recipes", "Copyright", "Most read"):
        assert furniture not in body
    assert not body.lstrip().startswith("Drone strike hits")  # the headline is the title, not text
    article = the_article(seeds, added.path.name)
    assert article.published == dt.date(2024, 6, 11) and article.outlet == "The Northern Ledger"


def test_page_without_text_is_refused(tmp_path, offline):
    src = tmp_path / "empty.html"
    src.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        add(str(src), tmp_path / "seeds", published="2024-01-01")


# ------------------------------------------------------------------------------------- duplicates


def test_duplicate_by_text_or_url_is_refused_naming_the_file(tmp_path, offline):
    seeds = tmp_path / "seeds"
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    first = add(str(tmp_path / "page.html"), seeds)
    # The same page again, saved by another browser: same text, other markup.
    (tmp_path / "again.htm").write_text(PAGE.replace("<nav>", "<nav><b>Menu</b>"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        add(str(tmp_path / "again.htm"), seeds)
    assert f"already in {seeds.as_posix()}/{first.path.name}" in str(exc.value)
    # The same text copied as plain text, with other spacing and case.
    copied = "Drone strike hits fuel depot near Erbil\n\n" + "\n".join(
        p.upper() + "  " for p in front(first.path)[1].split("\n\n") if p.strip())
    (tmp_path / "copy.txt").write_text(copied, encoding="utf-8")
    with pytest.raises(InputError, match="the same text"):
        add(str(tmp_path / "copy.txt"), seeds, published="2024-06-11")
    # Another text under the same address (with tracking parameters) is the same article.
    (tmp_path / "other.txt").write_text(STATEMENT, encoding="utf-8")
    with pytest.raises(InputError, match="the same URL"):
        add(str(tmp_path / "other.txt"), seeds, published="2024-06-11",
            url="http://www.ledger.example/news/2024/drone-strike-fuel-depot/?utm_source=feed")
    assert [p.name for p in seeds.iterdir()] == [first.path.name]


def test_duplicate_of_an_existing_txt_seed_with_sources_yaml(tmp_path, offline):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "old.txt").write_text(WIRE, encoding="utf-8")
    (seeds / "sources.yaml").write_text("old.txt:\n  url: https://wire.example/a/1\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text(STATEMENT, encoding="utf-8")
    with pytest.raises(InputError, match=r"seeds/old\.txt \(the same URL"):
        add(str(tmp_path / "new.txt"), seeds, undated=True, url="https://wire.example/a/1#top")
    (tmp_path / "same.txt").write_text(WIRE.replace("\n\n", "\n"), encoding="utf-8")
    with pytest.raises(InputError, match=r"seeds/old\.txt \(the same text"):
        add(str(tmp_path / "same.txt"), seeds, published="2024")


def test_normal_url():
    assert normal_url("https://www.Example.com/a/b/?utm_medium=x&id=3#frag") == "example.com/a/b?id=3"
    assert normal_url("http://example.com/a/b") == normal_url("https://example.com/a/b/")
    assert normal_url("https://example.com/a?id=3") != normal_url("https://example.com/a?id=4")


# ------------------------------------------------------------------------------------------ names


def test_file_names_are_slugs_inside_seeds(tmp_path, offline):
    seeds = tmp_path / "seeds"
    evil = "../../../etc/passwd\n" + STATEMENT.split("\n", 1)[1]
    (tmp_path / "evil.txt").write_text(evil, encoding="utf-8")
    added = add(str(tmp_path / "evil.txt"), seeds, published="2024-01-02")
    assert added.path.parent == seeds and added.path.name == "2024-01-02-etc-passwd.md"
    assert front(added.path)[0]["title"] == "../../../etc/passwd"
    # A second article with the same date and title gets its own name.
    (tmp_path / "b.txt").write_text("../../../etc/passwd\n\nAnother article entirely, about a shelling.\n",
                                    encoding="utf-8")
    second = add(str(tmp_path / "b.txt"), seeds, published="2024-01-02")
    assert second.path.name == "2024-01-02-etc-passwd-2.md"
    # Front matter cannot be broken out of by a title.
    (tmp_path / "c.txt").write_text("title: x\" ---\n\nYet another article, about a drone.\n", encoding="utf-8")
    third = add(str(tmp_path / "c.txt"), seeds, published="2024-01-02")
    assert front(third.path)[0]["title"] == 'title: x" ---'
    assert sorted(p.parent for p in seeds.rglob("*")) == [seeds] * 3


def test_refuses_what_is_not_an_article(tmp_path, offline):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="not an article format"):
        add(str(tmp_path / "x.pdf"), tmp_path / "seeds")
    with pytest.raises(InputError, match="no such file"):
        add(str(tmp_path / "missing.txt"), tmp_path / "seeds")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 attack\n\nText.\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        add(str(tmp_path / "latin.txt"), tmp_path / "seeds", undated=True)
    with pytest.raises(InputError, match="only http"):
        add("ftp://example.com/a.txt", tmp_path / "seeds")


# ------------------------------------------------------------------------------------------- URLs


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A local HTTP server on 127.0.0.1 serving tmp_path/www; yields its base URL."""
    www = tmp_path / "www"
    www.mkdir()
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(www), **kwargs)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield www, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_from_a_local_server(server, tmp_path):
    www, base = server
    (www / "story.html").write_text(PAGE, encoding="utf-8")
    (www / "wire.txt").write_text(WIRE, encoding="utf-8")
    seeds = tmp_path / "seeds"
    added = add(f"{base}/story.html", seeds)
    meta, body = front(added.path)
    assert meta["url"] == f"{base}/story.html" and meta["published"] == dt.date(2024, 6, 11)
    assert meta["title"] == "Drone strike hits fuel depot near Erbil" and "fuel storage depot" in body
    with pytest.raises(InputError, match="already in"):
        add(f"{base}/story.html?utm_campaign=x", seeds)
    plain = add(f"{base}/wire.txt", seeds, published="2024")
    assert front(plain.path)[0]["url"] == f"{base}/wire.txt"
    with pytest.raises(InputError) as exc:
        add(f"{base}/gone.html", seeds)
    assert "cannot download" in str(exc.value) and "404" in str(exc.value)
    assert len(list(seeds.iterdir())) == 2


def test_url_whose_canonical_address_is_already_a_seed(server, tmp_path):
    """A saved page keeps its canonical address; the same story fetched from another address (a mirror,
    an AMP page) that names it as canonical is a duplicate, even with edited wording."""
    www, base = server
    seeds = tmp_path / "seeds"
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    first = add(str(tmp_path / "page.html"), seeds)
    (www / "amp.html").write_text(PAGE.replace("setting two tanks ablaze", "setting two of its tanks ablaze"),
                                  encoding="utf-8")
    with pytest.raises(InputError) as exc:
        add(f"{base}/amp.html", seeds)
    assert f"already in {seeds.as_posix()}/{first.path.name} (the same URL" in str(exc.value)
