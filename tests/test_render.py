"""Rendering: escaping of untrusted text, links both ways, determinism, and golden files.

Golden files live in tests/golden/briefs/ and hold every file `render_files` produces for the
fixture records. After an intended change to templates or views, refresh them with

    UPDATE_GOLDEN=1 python -m pytest tests/test_render.py

and review the diff (`git diff tests/golden`) before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest

from generator import textsafe
from generator.site.render import MANIFEST, render_files
from generator.records.io import load_records
from generator.site.pages import render_site
from generator.site.values import page_slug

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
FIXTURES = ROOT / "tests" / "fixtures" / "records"
GOLDEN = ROOT / "tests" / "golden" / "briefs"
MD_EXTENSIONS = ["tables", "toc"]  # as in mkdocs.yml

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }} {% if 1 %}x{% endif %}",
    "a | b | c",
    "# heading\n- list\n1. ordered\n> quote",
    "text { onclick=alert(1) }",
    "![img](http://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "&lt;script&gt;",
    "*bold* _it_ `code` \\escaped",
    "=====",
    "-",
]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MD_EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE)
def test_textsafe_md_makes_no_markup(text):
    html = to_html(textsafe.md(text))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "onclick" not in html.split(">", 1)[0]  # never an attribute of the wrapping element
    body = re.sub(r"^<p>|</p>$", "", html.strip())
    assert "<" not in body.replace("&lt;", ""), html  # one paragraph of text, no element inside
    assert "\n" not in textsafe.md(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_textsafe_md_survives_a_table_cell(text):
    html = to_html(f"| a | b |\n| --- | --- |\n| {textsafe.md(text)} | end |\n")
    assert html.count("<td>") == 2 and "<td>end</td>" in html


def test_textsafe_md_renders_text_as_written():
    text = "Rockets (two) hit base_1 at 5*3 [sic] & more | #1"
    assert to_html(textsafe.md(text)) == f"<p>{text.replace('&', '&amp;')}</p>"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                                 "//evil.example", "/relative", "mailto:a@b.c", "http://", "", None,
                                 "http://a b.example"])
def test_textsafe_html_link_shows_unsafe_urls_as_text(url):
    html = to_html(textsafe.html_link("title", url))
    assert "<a " not in html and "title" in html


def test_textsafe_html_link_keeps_http_urls_and_cannot_be_broken_out_of():
    html = to_html(textsafe.html_link("t", "https://x.example/a(b)c d"))
    assert "<a " not in html  # a space means this is not one URL
    html = to_html(textsafe.html_link("t]", "https://x.example/a(b)\"><script>"))
    assert html.count("<a ") == 1 and "<script" not in html and '"><' not in html


def test_textsafe_text_plain_has_no_html_characters():
    assert not set("<>&\"'`") & set(textsafe.text_plain("<b>&\"'`</b>"))


def test_views_page_slug_refuses_paths():
    assert page_slug("2024-01-20-a-b") == "2024-01-20-a-b"
    for bad in ("../../x", "a/b", ".hidden", "A B", "..", "x..y"):
        slug = page_slug(bad)
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) and "/" not in slug
    assert page_slug("../../x") != page_slug("x")


def hostile_records():
    bad = HOSTILE[0] + HOSTILE[1]
    incident = {
        "id": "../../etc/x", "title": bad, "summary": "\n".join(HOSTILE), "date": "2024-01-02",
        "event_type": "drone_attack", "date_basis": HOSTILE[3],
        "location": {"name": bad, "place": "../p", "country": "IQ", "lat": 33.0, "lon": 44.0},
        "actors": [{"actor": "../a", "role": "claimed", "sources": ["s1"]},
                   {"actor": "missing-actor", "role": "target", "sources": []}],
        "claims": [{"actor": None, "description": bad, "text": HOSTILE[4], "source": "s1"}],
        "sources": [{"article": "s1", "title": bad, "outlet": HOSTILE[7], "url": "javascript:alert(1)",
                     "published": None, "evidence": [{"text": "\n".join(HOSTILE), "supports": ["date"]}]}],
        "context": [{"text": HOSTILE[5], "source": "nope"}],
    }
    actor = {"id": "../a", "name": bad, "aliases": HOSTILE[:3], "kind": "armed_group",
             "affiliations": ["../../zzz"], "description": HOSTILE[6]}
    place = {"id": "../p", "name": bad, "aliases": [HOSTILE[2]], "lat": 33.0, "lon": 44.0}
    return {incident["id"]: incident}, {actor["id"]: actor}, {place["id"]: place}


def test_render_escapes_hostile_records_on_every_page():
    files = render_site(*hostile_records(), templates_dir=TEMPLATES)
    for rel, text in files.items():
        assert ".." not in rel.split("/"), rel
        if rel == "feed.xml":
            assert "<script" not in text, rel  # XML-escaped; JSON and CSV carry the text as data
        if not rel.endswith(".md"):
            continue
        body = text.split("\n---\n", 1)[-1]
        html = to_html(body)
        assert "<script" not in html and "<img" not in html, rel
        assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__(), rel
        assert "onerror" not in re.findall(r"<[^>]*>", html).__str__(), rel
        assert "onclick" not in re.findall(r"<[^>]*>", html).__str__(), rel
        # Jinja never evaluates text from a record (charts hold numbers of their own, no record text)
        assert "49" not in re.sub(r"<svg.*?</svg>", "", html, flags=re.S)


def test_render_shows_dangling_references_as_text():
    incidents, _, _ = hostile_records()
    files = render_site(incidents, {}, {}, templates_dir=TEMPLATES)
    page = files[f"incidents/{page_slug('../../etc/x')}.md"]
    assert "missing-actor" in page and "actors/missing-actor." not in page


def page_links(rel: str, text: str) -> set[str]:
    """Every internal page a generated page links to, as a briefs/-relative `.md` path: Markdown links
    (`](x.md)`) and the hrefs of raw HTML blocks (`href="x.html"`), which MkDocs neither rewrites nor
    checks (`use_directory_urls: false`: page `a/b.md` is served as `a/b.html`)."""
    targets = set(re.findall(r"\]\(([^)<>#]+\.md)\)", text))
    for href in re.findall(r'href="([^"]*)"', text):
        if href.startswith("#") or re.match(r"^[a-z]+:", href):
            continue
        page = href.split("#", 1)[0]
        assert page.endswith(".html"), (rel, href)
        targets.add(page[:-len(".html")] + ".md")
    return {os.path.normpath(os.path.join(os.path.dirname(rel), t)) for t in targets}


def test_render_links_both_ways(fixture_records):
    files = render_site(fixture_records.incidents, fixture_records.actors, fixture_records.places,
                        templates_dir=TEMPLATES)
    inc_rel = "incidents/2024-01-20-ain-al-asad-air-base-drone-attack.md"
    links = {rel: page_links(rel, text) for rel, text in files.items() if rel.endswith(".md")}
    for actor in ("islamic-resistance-in-iraq", "kataib-hezbollah", "united-states-armed-forces"):
        assert f"actors/{actor}.md" in links[inc_rel]
        assert inc_rel in links[f"actors/{actor}.md"]
    assert "places/ain-al-asad-air-base.md" in links[inc_rel]
    assert inc_rel in links["places/ain-al-asad-air-base.md"]
    # reverse affiliation: Kataib Hezbollah names the IRI; the IRI page lists it back
    assert "actors/kataib-hezbollah.md" in links["actors/islamic-resistance-in-iraq.md"]
    # every index page reaches every incident
    for index in ("incidents/index.md", "timeline.md"):
        assert {r for r in links[index] if r.startswith("incidents/") and r != "incidents/index.md"} \
            == {f"incidents/{page_slug(i)}.md" for i in fixture_records.incidents}, index
    # every relative link in every page points at a page that exists
    for rel, targets in links.items():
        for resolved in targets:
            assert resolved in files or (ROOT / "briefs" / resolved).exists(), (rel, resolved)


def test_render_raw_html_links_point_at_rendered_pages(fixture_records):
    """Raw HTML blocks carry `.html` links MkDocs does not check (`mkdocs build --strict` only checks
    Markdown links): each must be a page render produces (or a hand-written one), each `#source-N`
    an anchor of the same page, and nothing may point outside the site."""
    files = render_site(fixture_records.incidents, fixture_records.actors, fixture_records.places,
                        templates_dir=TEMPLATES)
    hostile = render_site(*hostile_records(), templates_dir=TEMPLATES)
    checked = 0
    for pages in (files, hostile):
        for rel, text in pages.items():
            if not rel.endswith(".md"):
                continue
            for href in re.findall(r'href="([^"]*)"', text):
                checked += 1
                if re.match(r"^[a-z]+:", href):
                    assert href.startswith(("https://", "http://")), (rel, href)
                    continue
                page, _, anchor = href.partition("#")
                target_text = text
                if page:
                    assert page.endswith(".html") and not page.startswith("/"), (rel, href)
                    target = os.path.normpath(os.path.join(os.path.dirname(rel), page[:-5] + ".md"))
                    assert not target.startswith(".."), (rel, href)
                    assert target in pages or (ROOT / "briefs" / target).exists(), (rel, href)
                    target_text = pages.get(target) or (ROOT / "briefs" / target).read_text(encoding="utf-8")
                if anchor:  # an id in raw HTML (attr_list is not enabled: `{ #id }` would be text)
                    assert f'id="{anchor}"' in target_text, (rel, href)
    assert checked > 50


def test_render_is_deterministic(fixture_records):
    first = render_files(fixture_records, TEMPLATES)
    again = render_files(load_records(FIXTURES), TEMPLATES)
    reversed_records = load_records(FIXTURES)
    reversed_records.incidents = dict(reversed(list(reversed_records.incidents.items())))
    reversed_records.actors = dict(reversed(list(reversed_records.actors.items())))
    assert first == again == render_files(reversed_records, TEMPLATES)
    assert all(str(ROOT) not in text for text in first.values())


def test_render_matches_golden_files(fixture_records):
    """Set UPDATE_GOLDEN=1 to rewrite tests/golden/briefs/ from the current render."""
    files = render_files(fixture_records, TEMPLATES)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        from generator import fsio

        previous = [p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()] \
            if GOLDEN.is_dir() else []
        fsio.write_tree(GOLDEN, files, prune=iter(previous))
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
                for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(expected) == sorted(files), "pages added or removed: UPDATE_GOLDEN=1 to refresh"
    for rel in sorted(files):
        assert files[rel] == expected[rel], f"{rel} differs from the golden file: UPDATE_GOLDEN=1 to refresh"
    assert MANIFEST in files


def test_render_keeps_a_redirect_for_former_ids(fixture_records):
    files = render_site(fixture_records.incidents, fixture_records.actors, fixture_records.places,
                        templates_dir=TEMPLATES)
    page = files["incidents/2024-01-28-erbil-rocket-attack.md"]
    assert 'url=2024-01-28-erbil-air-base-rocket-attack.html"' in page
    assert "](2024-01-28-erbil-air-base-rocket-attack.md)" in page


def test_textsafe_md_round_trips_any_text():
    """Whatever the text, Markdown renders `md(text)` as one paragraph that reads as the text."""
    import html as htmllib

    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ab1. -+=#*_`[](){}<>&|!\\:;'\"/~^$%@\n\t") + ["http://x.example", "&amp;",
                                                                                  "javascript:", "<b>"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(alphabet, max_size=30).map("".join))
    def check(text):
        expected = textsafe.one_line(text)
        html = to_html(textsafe.md(text))
        if not expected:
            assert html == ""
            return
        assert html.startswith("<p>") and html.endswith("</p>"), html
        inner = html[3:-4]
        assert "<" not in inner, html
        assert htmllib.unescape(inner) == expected, html

    check()


def test_views_aliases_differing_only_in_case_have_one_order():
    """Sorted by lower case, then as written: not by set order, which changes with PYTHONHASHSEED (the
    MkDocs hook and `python -m generator render` are different processes and must write the same bytes)."""
    from generator.site.views import Site

    for aliases in (["Nigerian army", "Nigerian Army", "NA"], ["Nigerian Army", "NA", "Nigerian army"]):
        site = Site({}, {"x": {"id": "x", "name": "X", "aliases": aliases}},
                    {"p": {"id": "p", "name": "P", "aliases": aliases}})
        assert site.actor_view("x", site.actors["x"])["aliases"] == ["NA", "Nigerian Army", "Nigerian army"]
        assert site.place_view("p", site.places["p"])["aliases"] == ["NA", "Nigerian Army", "Nigerian army"]


def test_render_tag_links_reach_their_section_of_the_tags_page(fixture_records):
    files = render_site(fixture_records.incidents, fixture_records.actors, fixture_records.places,
                        templates_dir=TEMPLATES)
    # ids as the page has them once Markdown (with mkdocs.yml's extensions) made it HTML
    html = to_html(files["tags.md"].split("\n---\n", 1)[1])
    anchors = set(re.findall(r'<h3 id="(tag-[a-z0-9-]+)"', html))
    linked = {(rel, a) for rel, text in files.items() if rel.startswith("incidents/")
              for a in re.findall(r'href="\.\./tags\.html#([^"]+)"', text)}
    assert linked and {a for _, a in linked} <= anchors
    # every incident appears under its event type and its country
    inc = "incidents/2024-01-20-ain-al-asad-air-base-drone-attack.md"
    assert {a for rel, a in linked if rel == inc} == {"tag-drone-attack", "tag-iraq"}
    section = html.split('id="tag-drone-attack"', 1)[1].split("<h3", 1)[0]
    assert "2024-01-20-ain-al-asad-air-base-drone-attack.html" in section


def test_render_search_entries_are_html_escaped():
    """Material's search UI inserts an entry's title and text as HTML: they carry no tag, only text."""
    import html as htmllib
    import json

    from generator.site.pages import SEARCH_ENTRIES

    incidents, actors, places = hostile_records()
    inc = next(iter(incidents.values()))
    inc["actors"][1]["actor"] = "../a"
    inc["summary"] = "<img src=x onerror=alert(1)> " + "& " * 600  # long: the cut must not split `&amp;`
    entries = json.loads(render_site(incidents, actors, places, templates_dir=TEMPLATES)[SEARCH_ENTRIES])
    assert len(entries) == 1
    for value in (entries[0]["title"], entries[0]["text"]):
        assert "<" not in value and ">" not in value, value
        assert not re.search(r"&(?!(?:amp|lt|gt);)", value), value  # every `&` starts an entity
    assert htmllib.unescape(entries[0]["title"]) == textsafe.one_line(inc["title"])
    assert htmllib.unescape(entries[0]["text"]).startswith("<img src=x onerror=alert(1)> & &")
    assert len(entries[0]["text"]) <= 905


def test_hook_escapes_whatever_search_entries_it_merges(tmp_path):
    import json

    from mkdocs.exceptions import PluginError

    from generator.mkdocs.hooks import incident_search_entries

    path = tmp_path / "entries.json"
    path.write_text(json.dumps([{"location": "incidents/a.html", "title": "<img src=x onerror=alert(1)>",
                                 "text": "&lt;b&gt; <script>alert(2)</script>"}]), encoding="utf-8")
    assert incident_search_entries(path) == [{
        "location": "incidents/a.html", "title": "&lt;img src=x onerror=alert(1)&gt;",
        "text": "&lt;b&gt; &lt;script&gt;alert(2)&lt;/script&gt;"}]
    for bad in ({"location": "javascript:alert(1)", "title": "t", "text": "t"},
                {"location": "incidents/../../x.html", "title": "t", "text": "t"},
                {"location": "incidents/a.html", "title": ["<b>"], "text": "t"}):
        path.write_text(json.dumps([bad]), encoding="utf-8")
        with pytest.raises(PluginError):
            incident_search_entries(path)


@pytest.mark.parametrize("char", ["\x80", "\x9f", "\x07", "\ufffe", "\x85", "\u2028"])
def test_render_control_characters_keep_the_front_matter(fixture_records, char):
    """MkDocs drops front matter it cannot read as YAML: the raw lines then show on the page, and an
    incident page is no longer kept out of search."""
    import copy

    from mkdocs.utils.meta import get_data

    incidents = copy.deepcopy(fixture_records.incidents)
    iid = "2024-01-28-erbil-air-base-rocket-attack"
    incidents[iid]["title"] = f"Rockets{char} fired at{char}Erbil"
    actors = copy.deepcopy(fixture_records.actors)
    actors["kataib-hezbollah"]["name"] = f"Kataib{char}Hezbollah"
    files = render_site(incidents, actors, fixture_records.places, templates_dir=TEMPLATES)
    body, meta = get_data(files[f"incidents/{iid}.md"])
    assert meta.get("search") == {"exclude": True} and meta["title"].startswith("Rockets")
    assert not body.startswith("---") and char not in body
    body, meta = get_data(files["actors/kataib-hezbollah.md"])
    assert meta["title"].startswith("Kataib") and char not in body


# ------------------------------------------------------------------- records render cannot show
#
# `render` (and so `mkdocs build`) must never skip a record silently nor die with a traceback: a record
# that does not parse, holds a list or mapping where one value belongs, nests too deep or takes a
# reserved id is an error naming its file and line, as `check` names it.


@pytest.fixture
def project(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(FIXTURES, tmp_path / "records")
    monkeypatch.chdir(tmp_path)  # messages name `records/...` as the command line shows them
    return tmp_path


def _edit_record(path: Path, change) -> None:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _check_lines(rel: str) -> set[str]:
    """What `check` reports about one record file."""
    from generator.records.check import validate

    records = load_records(Path("records"))
    return {f"records/{p}" for p in validate(records) if p.path == rel}


INCIDENT = "incidents/2024-01-28-erbil-air-base-rocket-attack.yaml"
DEEP = [[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]


def _nest(depth: int) -> str:
    return "[" * depth + "]" * depth


UNRENDERABLE = {
    "event_type list": (INCIDENT, lambda d: d.update(event_type=["x"])),
    "country list": (INCIDENT, lambda d: d["location"].update(country=["IQ"])),
    "title mapping": (INCIDENT, lambda d: d.update(title={"a": 1})),
    "weapon list": (INCIDENT, lambda d: d.update(weapons=[["rocket"]])),
    "role mapping": (INCIDENT, lambda d: d["actors"][0].update(role={"a": 1})),
    "evidence supports": (INCIDENT, lambda d: d["sources"][0]["evidence"][0].update(supports=[{"a": [1]}])),
    "deep unknown field": (INCIDENT, lambda d: d.update(notes=DEEP)),
    "reserved id": (INCIDENT, lambda d: d.update(id="index")),
    "reserved former id": (INCIDENT, lambda d: d.update(former_ids=["index"])),
    "actor kind mapping": ("actors/kataib-hezbollah.yaml", lambda d: d.update(kind={"a": 1})),
    "actor aliases nested": ("actors/kataib-hezbollah.yaml", lambda d: d.update(aliases=[["KH"]])),
    "place name list": ("places/erbil-air-base.yaml", lambda d: d.update(name=["Erbil"])),
}


@pytest.mark.parametrize("case", sorted(UNRENDERABLE))
def test_render_reports_what_check_reports_for_a_record_it_cannot_show(project, case):
    from generator.site.render import render_briefs
    from generator.errors import InputError

    rel, change = UNRENDERABLE[case]
    _edit_record(project / "records" / rel, change)
    expected = _check_lines(rel)
    assert expected, "check reports nothing"
    with pytest.raises(InputError) as err:
        render_briefs(Path("records"), TEMPLATES, Path("briefs"))
    reported = {str(p) for p in err.value.problems}
    assert reported and reported <= expected, (reported, expected)
    assert all(re.match(rf"records/{re.escape(rel)}(:\d+)?: ", line) for line in reported)
    assert not Path("briefs").exists()  # nothing written


@pytest.mark.parametrize("text, line", [
    ("title: [unclosed\n", 2),
    ("id: x\ntitle: a\n  b: c\n", 3),
    ("id: x\nsources:\n  - " + "- " * 100 + "x\n", 3),  # too deep for the parsers: never handed to them
    ("title: " + _nest(500) + "\n", 1),  # the fast loader reads it, the round-trip one gives up slowly
    ("title: " + _nest(30_000) + "\n", 1),  # PyYAML's C loader dies of it (segmentation fault)
])
def test_render_fails_naming_the_file_of_a_record_that_does_not_parse(project, text, line):
    from generator.site.render import render_briefs
    from generator.errors import InputError

    render_briefs(Path("records"), TEMPLATES, Path("briefs"))
    before = {p: p.read_bytes() for p in Path("briefs").rglob("*") if p.is_file()}
    path = project / "records" / INCIDENT
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        render_briefs(Path("records"), TEMPLATES, Path("briefs"))
    assert [str(p).split(": ", 1)[0] for p in err.value.problems] == [f"records/{INCIDENT}:{line}"]
    if "nested more than" not in str(err.value):  # check's round-trip loader reads no line for those
        assert {str(p) for p in err.value.problems} <= _check_lines(INCIDENT)
    assert {p: p.read_bytes() for p in Path("briefs").rglob("*") if p.is_file()} == before
    with pytest.raises(InputError):  # and again: a failed run leaves no stamp that would skip it
        render_briefs(Path("records"), TEMPLATES, Path("briefs"))


def test_render_for_serve_shows_the_problems_on_the_record_page(project):
    from generator.site.render import render_briefs

    path = project / "records" / INCIDENT
    path.write_text(path.read_text(encoding="utf-8").replace("event_type: rocket_attack", "event_type: [x]"),
                    encoding="utf-8")
    problems: list = []
    render_briefs(Path("records"), TEMPLATES, Path("briefs"), problems=problems)
    assert [str(p) for p in problems] == sorted(_check_lines(INCIDENT))
    page = Path("briefs/incidents/2024-01-28-erbil-air-base-rocket-attack.md").read_text(encoding="utf-8")
    assert f"records/{INCIDENT}:10: event_type: [&#x27;x&#x27;] is not allowed" in page
    assert "2024-01-28-erbil-air-base-rocket-attack" not in Path("briefs/incidents/index.md").read_text(
        encoding="utf-8")
    assert Path("briefs/incidents/2024-01-20-ain-al-asad-air-base-drone-attack.md").is_file()
    again: list = []  # the next render reports it again (no stamp skips it) ...
    render_briefs(Path("records"), TEMPLATES, Path("briefs"), problems=again)
    assert [str(p) for p in again] == [str(p) for p in problems]
    path.write_text((FIXTURES / INCIDENT).read_text(encoding="utf-8"), encoding="utf-8")
    fixed: list = []  # ... until it is fixed, and the page is the record's again
    render_briefs(Path("records"), TEMPLATES, Path("briefs"), problems=fixed)
    assert fixed == []
    page = Path("briefs/incidents/2024-01-28-erbil-air-base-rocket-attack.md").read_text(encoding="utf-8")
    assert "Rockets fired at Erbil Air Base" in page and "cannot be shown" not in page


WRONG_VALUES = [["x"], {"a": 1}, DEEP, "text", "", 7, -3, 2.5, True, None, "2024-13-45"]


def test_render_never_dies_on_a_wrong_value_in_any_field(fixture_records, monkeypatch):
    """Every field of every kind of record, set to each wrong value: render either shows the record or
    names the value as one it cannot show (`misplaced_values`); it never raises."""
    import copy
    import functools

    from generator.site import pages as render

    monkeypatch.setattr(render, "make_env", functools.lru_cache(render.make_env))  # compile templates once

    from generator.site.render import misplaced_values
    from generator.records.io import to_plain

    base = {kind: to_plain(getattr(fixture_records, kind)) for kind in ("incidents", "actors", "places")}
    targets = [("incidents", "2024-01-28-erbil-air-base-rocket-attack"), ("actors", "kataib-hezbollah"),
               ("places", "erbil-air-base")]
    tried = 0
    for kind, rid in targets:
        for path in _field_paths(base[kind][rid]):
            for value in WRONG_VALUES:
                records = copy.deepcopy(base)
                record = records[kind].pop(rid)
                _set(record, path, value)
                if misplaced_values(kind, record):
                    continue
                # keyed as records.load_records keys it: by its id when that is text, else its file name
                records[kind][record["id"] if isinstance(record.get("id"), str) and record["id"] else rid] = record
                try:
                    render_site(records["incidents"], records["actors"], records["places"], templates_dir=TEMPLATES)
                except Exception as exc:  # noqa: BLE001
                    pytest.fail(f"{kind}/{rid} {path} = {value!r}: {exc!r}")
                tried += 1
    assert tried > 200


def _field_paths(data, prefix=()):
    """The path of every value in `data`, containers included, first items of lists only."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _field_paths(value, (*prefix, key))
    elif isinstance(data, list) and data:
        yield (*prefix, 0)
        yield from _field_paths(data[0], (*prefix, 0))


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def test_reserved_page_names_are_no_ids(project):
    """`incidents/index.md` is the incidents index: a record with id `index` is a schema error, wherever
    an id goes; a null where an id may be null stays valid."""
    from generator.records.check import validate

    rel = INCIDENT
    _edit_record(project / "records" / rel, lambda d: d.update(id="index", former_ids=["index"], related=["index"]))
    _edit_record(project / "records" / "actors/kataib-hezbollah.yaml", lambda d: d.update(affiliations=["index"]))
    problems = [p for p in validate(load_records(Path("records"))) if "reserved" in p.message]
    assert sorted((p.path, p.field) for p in problems) == [
        ("actors/kataib-hezbollah.yaml", "affiliations[0]"), (rel, "former_ids[0]"), (rel, "id"),
        (rel, "related[0]")]
    assert all(p.message == "'index' is reserved for a generated page; choose another id" for p in problems)


def test_render_draft_shows_its_flags_first_and_reviewed_shows_none(fixture_records):
    """The draft status and the fields the draft is unsure of head the page; a reviewed page shows neither."""
    files = render_files(fixture_records, TEMPLATES)
    undated = files["incidents/undated-unknown-other.md"]
    banner = undated.index("Draft: unsure of event type, weapons, perpetrator")
    assert banner < undated.index("**Bottom line:**") < undated.index("Key facts")
    assert "<li><strong>weapons:</strong> no weapon named</li>" in undated
    erbil = files["incidents/2024-01-28-erbil-air-base-rocket-attack.md"]  # a draft with nothing flagged
    assert '<p class="admonition-title">Draft</p>' in erbil and "not yet reviewed" in erbil
    reviewed = files["incidents/2024-01-20-ain-al-asad-air-base-drone-attack.md"]  # its record keeps a flag
    assert fixture_records.incidents["2024-01-20-ain-al-asad-air-base-drone-attack"]["uncertain"]
    assert "briefing-draft" not in reviewed and "sources disagree" not in reviewed
    hostile = files["incidents/2024-02-qayyarah-shelling.md"]
    assert "alert(&#x27;flag&#x27;)" in hostile and "<script>alert('flag')" not in hostile


def _search_separator() -> str:
    from mkdocs.utils.yaml import yaml_load  # understands mkdocs.yml's `!ENV` tags

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:")[0])
    return next(p["search"]["separator"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)


def test_render_search_entry_carries_evidence_names_and_dates_as_whole_tokens(fixture_records):
    """Names given only in the evidence (a ship, a venue, a unit) reach the incident's search entry;
    its date stays one token under mkdocs.yml's search separator, so a name's number ("Tower 22")
    never matches the day of a date."""
    import copy
    import json

    from generator.site.pages import SEARCH_ENTRIES

    records = copy.deepcopy(fixture_records)
    incidents, actors, places = records.incidents, records.actors, records.places
    erbil = incidents["2024-01-28-erbil-air-base-rocket-attack"]
    erbil["sources"][0]["evidence"].append({"text": "One rocket fell near the Khanzad Hotel and another hit the "
                                            "MV Sea Falcon, moored by Tower 22, the 3rd Brigade said.",
                                            "supports": ["place"]})
    entries = json.loads(render_site(incidents, actors, places, templates_dir=TEMPLATES)[SEARCH_ENTRIES])
    entry = next(e for e in entries if e["location"] == "incidents/2024-01-28-erbil-air-base-rocket-attack.html")
    for name in ("Khanzad Hotel", "MV Sea Falcon", "Tower 22", "3rd Brigade"):
        assert name in entry["text"], entry["text"]
    assert "Sunday" not in entry["text"] and "One rocket" not in entry["text"]  # dates and sentence openers
    tokens = {t.lower() for t in re.split(_search_separator(), entry["text"]) if t}
    assert {"2024-01-28", "january", "2024", "22", "falcon", "khanzad"} <= tokens
    assert "28" not in tokens and "01" not in tokens
    for other in entries:  # every date of every entry is one token: no bare day for a name to match
        days = re.findall(r"\d{4}-\d{2}-\d{2}", other["text"])
        assert days and set(days) <= set(re.split(_search_separator(), other["text"])) or \
            "undated" in other["text"], other["text"]


def test_render_evidence_names_follow_the_capitalised_phrase_rule():
    from generator.site.pages import evidence_names

    names = evidence_names([
        "Djibo was attacked at dawn on Saturday, and residents of Djibo fled to Dori.",
        "Officials said the Houthis fired at the Galaxy Leader in the Bab el-Mandeb on 22 March.",
        "On Sunday the Ministry of Defence said its 5th Battalion had repelled al-Shabaab near Jilib.",
        "Residents of Niamey heard blasts. The CENTCOM statement named Tower 22.",
        "Drones Hit Base In Syria As Fears Grow Of Wider War",  # a headline in title case: no names
        "Several U.S. troops were hurt in Iraq's Anbar Province by an Iran-backed group, Reuters said.",
    ])
    assert names == ["Djibo", "Dori", "Houthis", "Galaxy Leader", "Bab el-Mandeb", "Ministry of Defence",
                     "5th Battalion", "al-Shabaab", "Jilib", "Niamey", "CENTCOM", "Tower 22", "U.S.", "Iraq",
                     "Anbar Province", "Iran", "Reuters"]


def _campaign(months: list[str]) -> tuple[dict, dict, dict]:
    """One armed group across `months` (YYYY-MM): it claims an attack on a base each month, is accused
    in every other, a second group is met once; each claim quoted from a source."""
    actors = {"north-brigade": {"id": "north-brigade", "name": "North Brigade", "kind": "armed_group"},
              "east-front": {"id": "east-front", "name": "East Front", "kind": "armed_group"},
              "garrison": {"id": "garrison", "name": "Garrison", "kind": "military"}}
    places = {"hill-base": {"id": "hill-base", "name": "Hill Base", "kind": "military_base", "country": "IQ"}}
    incidents = {}
    for n, month in enumerate(months):
        iid = f"{month}-10-hill-base-rocket-attack"
        entries = [{"actor": "north-brigade", "role": "claimed", "sources": ["a"]},
                   {"actor": "garrison", "role": "target", "sources": ["a"]}]
        if n % 2:
            entries.append({"actor": "north-brigade", "role": "accused", "sources": ["a"]})
        if n == 0:
            entries.append({"actor": "east-front", "role": "perpetrator", "sources": ["a"]})
        incidents[iid] = {
            "id": iid, "title": f"Rockets at Hill Base ({month})", "date": f"{month}-10", "date_precision": "day",
            "event_type": "rocket_attack", "location": {"place": "hill-base", "country": "IQ"}, "actors": entries,
            "claims": [{"actor": "north-brigade", "text": f"We struck the base in {month}.", "source": "a"}],
            "sources": [{"article": "a", "title": f"Claim {month}", "outlet": "Valley Post",
                         "url": f"https://valley.example/{month}", "evidence": []}]}
    return incidents, actors, places


def test_render_actor_brief_shows_activity_roles_co_actors_and_latest_statements():
    incidents, actors, places = _campaign(["2024-01", "2024-02", "2024-04", "2024-05"] +
                                          [f"2024-{m:02d}" for m in range(6, 13)])
    files = render_site(incidents, actors, places, templates_dir=TEMPLATES)
    page = files["actors/north-brigade.md"]
    assert page == render_site(incidents, actors, places, templates_dir=TEMPLATES)["actors/north-brigade.md"]
    chart = re.search(r"<svg class=\"briefing-chart[^\n]*</svg>", page).group(0)
    # Every month from the first to the last is a bar, the month without an incident included.
    assert re.findall(r"<title>(2024-\d\d: \d+ incidents?)</title>", chart)[:4] == [
        "2024-01: 1 incident", "2024-02: 1 incident", "2024-03: 0 incidents", "2024-04: 1 incident"]
    assert chart.count("<rect") == 12
    html = to_html(page.split("\n---\n", 1)[1])
    roles = html.split("Roles over time", 1)[1].split("</table>", 1)[0]
    assert "<th>Month</th><th>Claimed responsibility</th><th>Accused</th>" in roles
    assert "<tr><td>2024-12</td><td>1</td><td>–</td></tr>" in roles  # newest first
    assert "<tr><td>2024-02</td><td>1</td><td>1</td></tr>" in roles
    co = html.split("Appears most with", 1)[1].split("</table>", 1)[0]
    assert re.search(r'href="\.\./actors/garrison\.html">Garrison</a></td><td>11<', co)
    assert re.search(r'href="\.\./actors/east-front\.html">East Front</a></td><td>1<', co)
    quotes = html.split("Latest statements", 1)[1].split("## Incidents", 1)[0]
    assert "The 10 latest of 11, newest first." in quotes
    assert quotes.index("We struck the base in 2024-12.") < quotes.index("We struck the base in 2024-11.")
    assert "2024-01." not in quotes  # the oldest is beyond the ten latest
    assert 'Valley Post: <a href="https://valley.example/2024-12">Claim 2024-12</a>' in quotes


def test_render_place_brief_shows_activity_actors_met_and_roles_by_year_over_long_spans():
    incidents, actors, places = _campaign(["2021-03", "2022-05", "2023-07", "2024-09"])
    page = render_site(incidents, actors, places, templates_dir=TEMPLATES)["places/hill-base.md"]
    html = to_html(page.split("\n---\n", 1)[1])
    assert len(re.findall(r"<rect", html)) == 43  # March 2021 to September 2024
    roles = html.split("Roles over time", 1)[1].split("</table>", 1)[0]
    assert "<th>Year</th><th>Perpetrator</th><th>Claimed responsibility</th><th>Accused</th><th>Target</th>" in roles
    assert ('<tr><td>2021</td><td><a href="../actors/east-front.html">East Front</a></td>'
            '<td><a href="../actors/north-brigade.html">North Brigade</a></td><td>–</td>') in roles
    met = html.split("Actors met here", 1)[1].split("</table>", 1)[0]
    assert re.search(r'north-brigade\.html">North Brigade</a></td><td>4</td><td>Claimed responsibility, Accused<',
                     met)
    assert met.index("North Brigade") < met.index("East Front")  # most incidents here first
    quotes = html.split("Latest statements", 1)[1]
    assert re.search(r'— <a href="\.\./actors/north-brigade\.html">North Brigade</a>, on <a href="\.\./incidents/'
                     r'2024-09-10-hill-base-rocket-attack\.html">', quotes)


def test_hook_folds_actor_and_place_sections_into_one_search_entry():
    """Actor and place briefs have six sections, all but the facts kept out of search: one entry a page,
    not one per heading (the search payload per incident stays within bench/README.md's target)."""
    from generator.mkdocs.hooks import compact_search_docs

    docs = [{"location": "actors/x.html", "title": "X", "text": "<p>An armed group.</p>"},
            {"location": "actors/x.html#activity", "title": "Activity", "text": ""},
            {"location": "actors/x.html#roles-over-time", "title": "Roles over time", "text": ""},
            {"location": "places/y.html", "title": "Y", "text": "Kind base"},
            {"location": "places/y.html#actors-met-here", "title": "Actors met here", "text": ""},
            {"location": "actors/index.html", "title": "Actors", "text": "All"},
            {"location": "actors/index.html#armed-groups", "title": "Armed groups", "text": "X"}]
    assert compact_search_docs(docs) == [
        {"location": "actors/x.html", "title": "X", "text": "An armed group."},
        {"location": "places/y.html", "title": "Y", "text": "Kind base"}, docs[5], docs[6]]

# ------------------------------------------------------------------------------------ period briefs

def _takeaways(page: str) -> list[str]:
    """The takeaway sentences of a brief as a reader sees them (tags dropped, entities read)."""
    import html as htmllib

    if '<div class="briefing-takeaways">' in page:  # the home page's
        blocks = [page.split('<div class="briefing-takeaways">', 1)[1].split("</div>", 1)[0]]
    else:
        blocks = re.findall(r'<ul class="briefing-takeaways">(.*?)</ul>', page, re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", li)).strip()
            for block in blocks for li in re.findall(r"<li>(.*?)</li>", block)]


def test_period_briefs_from_fixture_records(fixture_records):
    files = render_site(fixture_records.incidents, fixture_records.actors, fixture_records.places,
                        templates_dir=TEMPLATES)
    # a page per week and month with incidents; the February window is in its month, in no week;
    # the undated incident is in no period
    assert sorted(r for r in files if r.startswith("periods/")) == [
        "periods/2024-01.md", "periods/2024-02.md", "periods/2024-W03.md", "periods/2024-W04.md", "periods/index.md"]
    w3, w4 = _takeaways(files["periods/2024-W03.md"]), _takeaways(files["periods/2024-W04.md"])
    jan, feb = _takeaways(files["periods/2024-01.md"]), _takeaways(files["periods/2024-02.md"])
    assert w3[0] == "1 incident this week, up from none in the previous week. 1"
    assert w3[1] == "No deaths recorded and at least 2 wounded, against none in the previous week. 1"
    assert w4[0] == "1 incident this week, as in the previous week. 1"
    assert "Drone attack: 0 incidents, down from 1; no deaths recorded in either week." in w4
    assert jan[0] == "2 incidents this month, up from none in the previous month. 1 2"
    assert feb[0] == "1 incident this month, down from 2 in the previous month. 1"
    assert "1 incident of this month is dated only to a window longer than a week" in files["periods/2024-02.md"]
    # first appearances: in the week and month of the actor's first incident only
    first = "Islamic Resistance in Iraq appears for the first time (claimed responsibility), in 1 incident. 1"
    assert first in w3 and not any("Islamic Resistance" in s for s in w4)
    assert "Islamic Resistance in Iraq claims responsibility for the first time, for 2 incidents. 1 2" in jan
    # every cite marker is the incident listed under that number
    for rel in ("periods/2024-01.md", "periods/2024-W03.md", "periods/2024-W04.md", "periods/2024-02.md"):
        listed = re.findall(r'<li>[^<]* — <a href="\.\./incidents/([^"]+)\.html"',
                            files[rel].split("\n## Incidents\n", 1)[1])
        cites = re.findall(r'<a class="briefing-cite" href="\.\./incidents/([^"]+)\.html" title="[^"]*">(\d+)</a>',
                           files[rel])
        assert cites and all(listed[int(n) - 1] == page for page, n in cites), rel
    # the latest week on the home page, linking its brief; the index lists every brief
    assert "## Latest weekly brief: Week 4 of 2024 (22–28 January 2024)" in files["index.md"]
    assert "](periods/2024-W04.md)" in files["index.md"] and _takeaways(files["index.md"]) == w4
    assert page_links("periods/index.md", files["periods/index.md"]) == {
        f"periods/{k}.md" for k in ("2024-01", "2024-02", "2024-W03", "2024-W04")}
    assert "periods/index.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_period_brief_states_deaths_contested_attributions_and_new_sources(fixture_records):
    import copy
    import datetime as dt

    incidents = copy.deepcopy(fixture_records.incidents)
    erbil = incidents["2024-01-28-erbil-air-base-rocket-attack"]
    erbil["casualties"]["killed"] = {"low": 3, "high": 5, "text": "three to five"}
    erbil["attribution"] = "contested"
    erbil["actors"].append({"actor": "kataib-hezbollah", "role": "accused", "sources": ["fx_wire_0128"]})
    asad = incidents["2024-01-20-ain-al-asad-air-base-drone-attack"]
    asad["sources"].append({"article": "fx_late_0127", "title": "Toll rises", "outlet": "Fixture <Late>",
                            "url": None, "published": dt.date(2024, 1, 27), "evidence": []})
    asad["casualty_reports"].append({"source": "fx_late_0127", "according_to": "hospital officials",
                                     "party": None, "killed": 0, "wounded": 6})
    files = render_site(incidents, fixture_records.actors, fixture_records.places, templates_dir=TEMPLATES)
    w4 = _takeaways(files["periods/2024-W04.md"])
    assert "At least 3 people killed and no injuries recorded, against no deaths and 2 wounded in the previous week. 1" in w4
    assert "Rockets fired at Erbil Air Base (Erbil Air Base, 2024-01-28): 3–5 killed. 1" in w4
    assert "Rockets fired at Erbil Air Base: attribution contested (claimed responsibility: Islamic Resistance " \
           "in Iraq; accused: Kataib Hezbollah). 1" in w4
    assert "1 new source on Drone attack on Ain al-Asad Air Base wounds U.S. personnel (2024-01-20): Fixture <Late>." in w4
    assert "Figures changed for Drone attack on Ain al-Asad Air Base wounds U.S. personnel: 6 wounded according " \
           "to hospital officials, where earlier sources gave at least 2 or 4." in w4
    assert "Fixture &lt;Late&gt;" in files["periods/2024-W04.md"]  # escaped in the page
    assert not any("Kataib Hezbollah appears" in s for s in w4)  # first seen the week before
    # the killed figure of a week counts in the next week's comparison, and in the month's deadliest
    feb = _takeaways(files["periods/2024-02.md"])
    assert "No deaths or injuries recorded, against 3 killed and 2 wounded in the previous month." in feb
    assert "No death toll is stated for the incident. 1" in feb  # not "for 1 incident of 1"
    assert "Rockets fired at Erbil Air Base (Erbil Air Base, 2024-01-28): 3–5 killed. 2" in _takeaways(
        files["periods/2024-01.md"])


def test_period_brief_breakdown_names_the_largest_groups_and_counts_the_rest(fixture_records):
    import copy

    base = fixture_records.incidents["2024-01-28-erbil-air-base-rocket-attack"]
    incidents = {}
    for n, country in enumerate(["IQ", "IQ", "SY", "YE", "LB", "IR", "JO", "IL", "SA"]):
        inc = copy.deepcopy(base)
        inc.update(id=f"inc-{n}", former_ids=[], related=[])
        inc["location"]["country"] = country
        incidents[inc["id"]] = inc
    files = render_site(incidents, fixture_records.actors, fixture_records.places, templates_dir=TEMPLATES)
    lines = _takeaways(files["periods/2024-W04.md"])
    assert lines[0].startswith("9 incidents this week, up from none in the previous week.")
    assert "Iraq: 2 incidents, up from none; no deaths recorded in either week. 1 2" in lines
    # six groups by name (most incidents first, then by name), the other two counted together
    named = [s.split(":")[0] for s in lines if re.match(r"^[A-Z][A-Za-z ]+: \d incidents?, up from none;", s)]
    assert named == ["Iraq", "Iran", "Israel", "Jordan", "Lebanon", "Saudi Arabia"]
    assert "2 other countries: 2 incidents, against none. 3 4" in lines  # Syria, Yemen

def test_render_incident_tables_show_figures_as_numbers_with_the_words_on_hover(fixture_records):
    """Every incident table: country, actors and attribution columns; killed and wounded cells hold
    numbers only (the sources' words in the title); each row carries what tables.js filters by."""
    files = render_files(fixture_records, TEMPLATES)
    index = files["incidents/index.md"]
    assert '<div class="briefing-table briefing-table--wide">' in index
    for col in ("country", "actors", "attribution", "killed", "wounded"):
        assert f'<th data-col="{col}">' in index, col
    row = next(line for line in index.splitlines() if "2024-01-20-ain-al-asad-air-base-drone-attack" in line)
    assert row.startswith('<tr data-d="2024-01-20" data-k="0,0" data-w="2,4">')
    assert row.endswith('<td>claimed</td><td>0</td><td title="2–4 (“several to four”)">2–4</td></tr>')
    assert "<td>Iraq</td>" in row and "<td>claimed</td>" in row
    assert "<td>Islamic Resistance in Iraq; Kataib Hezbollah; United States Armed Forces</td>" in row
    for rel, text in files.items():
        for row in re.findall(r"<tr data-d=.*</tr>", text):
            cells = re.findall(r"<td(?: title=\"[^\"]*\")?>([^<]*)</td>", row)
            for cell in cells[-4:-2] if rel == "map.md" else cells[-2:]:  # killed, wounded (then lat, lon)
                assert re.fullmatch(r"–|≥?\d+|\d+–\d+", cell), (rel, cell)  # never a quote fragment
    for rel in ("actors/kataib-hezbollah.md", "places/erbil-air-base.md", "map.md", "index.md"):
        assert '<div class="briefing-table' in files[rel], rel
