"""`briefing add PATH|URL|-`: put one article into `seeds/` as Markdown with front matter.

Saved HTML pages and URLs go through trafilatura (main text, title, site name, canonical URL and the
date the page's metadata gives); `.txt` files and standard input take their first line as the title;
`.md` files keep their front matter. The publication date comes, in this order, from `--published`,
the page's metadata, or a dateline in the text ("KARACHI, March 3, 2024 (Reuters) -"); a dateline
without a year ("KARACHI, March 3 (Reuters) -") needs the year (`--published 2024`). An article whose
date cannot be found is asked for on a terminal, and otherwise refused unless `--undated` says that is
intended: relative dates in an undated article ("on Tuesday") can never be resolved.

The article is refused when `seeds/` already holds it (the same URL, or the same text once case,
punctuation and spacing are set aside); the message names the file. The new file's name is a slug of
the date and title, never a path the article chose, and it is written atomically.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import fsio
from generator.errors import InputError, Problem
from generator.extract.ingest import MAX_BYTES, ingest
from generator.extract.readers import clean_body, date_from_text, parse_date, read_md, read_txt
from generator.records.io import slugify
from generator.records.vocabulary import MONTH_NUMBER, MONTH_PATTERN

USER_AGENT = "briefing-add/0.1 (+https://github.com/; one article, on request)"
TIMEOUT = 30
MAX_NAME = 70  # characters of title slug in a file name
MIN_WORDS = 10  # fewer words than this in a page's main text: trafilatura fell back to page furniture

_MONTH = MONTH_PATTERN
# A wire dateline without a year: PLACE[, REGION], Month Day[ (Agency)] -
_YEARLESS = re.compile(
    r"^\s*(?P<place>[A-Z][\w.'’/ -]{0,40}?(?:,\s*[A-Z][\w.'’ -]{0,30}?)?),\s+"
    rf"(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?!\d|,?\s*\d{{4}})\s*"
    r"(?:\((?P<agency>[^()\n]{1,40})\))?\s*[-—–]")


@dataclass
class Draft:
    """An article about to be added: its metadata and its text (title excluded)."""

    title: str
    body: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    basis: str = ""  # where the date came from, written as a comment in the front matter
    notes: list[str] = field(default_factory=list)
    other_urls: list[str] = field(default_factory=list)  # the page's canonical address, when not `url`


@dataclass
class Added:
    path: Path
    draft: Draft


def _fail(where: str, message: str) -> InputError:
    return InputError(Problem(where, None, "", message))


# --------------------------------------------------------------------------------------- reading


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme.lower() in ("http", "https")


def fetch(url: str) -> tuple[bytes, str, str]:
    """GET `url` -> (body, content type, final URL); at most MAX_BYTES."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (http/https only)
            data = response.read(MAX_BYTES + 1)
            ctype = response.headers.get_content_type() or ""
            final = response.geturl()
    except OSError as exc:  # URLError, HTTPError, timeouts
        raise _fail(url, f"cannot download it ({exc}); save the page and run `briefing add FILE.html`") from None
    if len(data) > MAX_BYTES:
        raise _fail(url, f"is larger than the {MAX_BYTES // 2**20} MB an article may be")
    return data, ctype, final


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192]:
        raise _fail(where, "looks binary (it holds NUL bytes); give a text, Markdown or HTML article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(where, f"is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                           "re-save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def from_html(data: bytes, where: str, url: str | None = None) -> Draft:
    """Main text and metadata of an HTML page, by trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False,
        # Only the page's own metadata: a search of the text would take an event's date for the page's.
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise _fail(where, "no article text found in the page; copy the text into a .txt file "
                           "(first line the title) and add that")
    title = " ".join((doc.title or "").split())
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # trafilatura keeps the headline as the first line
    if not title and lines:
        title, lines = lines[0], lines[1:]
    if len(" ".join(lines).split()) < MIN_WORDS:
        raise _fail(where, f"no article text found in the page (fewer than {MIN_WORDS} words besides the "
                           "headline); copy the text into a .txt file (first line the title) and add that")
    page_url = doc.url if doc.url and is_url(doc.url) else None
    draft = Draft(title=title, body="\n\n".join(lines), url=url or page_url,
                  outlet=" ".join((doc.sitename or "").split()) or None,
                  other_urls=[page_url] if url and page_url and page_url != url else [])
    if doc.date:
        draft.published, _ = parse_date(doc.date)
        draft.basis = "the page's metadata"
    return draft


def from_text(text: str, suffix: str) -> Draft:
    """A `.txt` (first line the title) or `.md` (front matter) article."""
    raw = read_md(text) if suffix in (".md", ".markdown") else read_txt(text)
    meta = raw.meta
    draft = Draft(title=" ".join(raw.title.split()), body=raw.body.strip("\n"),
                  url=str(meta["url"]) if meta.get("url") else None,
                  outlet=str(meta["outlet"]) if meta.get("outlet") else None)
    if meta.get("published"):
        draft.published, _ = parse_date(meta["published"])
        draft.basis = "its front matter"
    return draft


def read_source(source: str, stdin_text: Callable[[], str] | None = None) -> Draft:
    """PATH, URL or `-` (standard input) -> Draft."""
    if source == "-":
        if stdin_text is None:
            raise _fail("-", "no standard input to read")
        return from_text(stdin_text().replace("\r\n", "\n"), ".txt")
    if is_url(source):
        data, ctype, final = fetch(source)
        if ctype == "text/plain":
            draft = from_text(_decode(data, source), ".txt")
            draft.url = draft.url or source
            return draft
        draft = from_html(data, source, url=source)
        if final != source:
            draft.notes.append(f"{source} redirected to {final}")
        return draft
    if "://" in source:
        raise _fail(source, "only http:// and https:// URLs can be added")
    path = Path(source)
    if not path.is_file():
        raise _fail(source, "no such file; give a saved page (.html), a .txt or .md article, a URL, or - for "
                            "standard input")
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".txt", ".md", ".markdown"):
        raise _fail(source, f"{suffix or 'no suffix'} is not an article format (.html, .htm, .txt, .md)")
    if path.stat().st_size > MAX_BYTES:
        raise _fail(source, f"is larger than the {MAX_BYTES // 2**20} MB an article may be")
    data = path.read_bytes()
    if suffix in (".html", ".htm"):
        return from_html(data, source)
    try:
        return from_text(_decode(data, source), suffix)
    except yaml.YAMLError as exc:
        raise _fail(source, f"cannot read the front matter: {getattr(exc, 'problem', exc)}") from None


# ---------------------------------------------------------------------------------------- dating


@dataclass(frozen=True)
class Dateline:
    text: str
    month: int
    day: int
    agency: str | None


def yearless_dateline(body: str) -> Dateline | None:
    """A wire dateline without a year ("KARACHI, March 3 (Reuters) -") in the first lines of `body`."""
    for line in [line for line in body.splitlines() if line.strip()][:3]:
        m = _YEARLESS.match(line)
        if m:
            month = MONTH_NUMBER.get(m.group("month").lower().rstrip("."))
            if month is None:
                continue
            agency = " ".join(m.group("agency").split()) if m.group("agency") else None
            return Dateline(m.group(0).strip(), month, int(m.group("day")), agency)
    return None


def _date_option(value: str, dateline: Dateline | None, where: str) -> tuple[dt.date, str]:
    """`--published` (or an answer to the question): YYYY-MM-DD, or YYYY with a year-less dateline."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        if dateline is None:
            raise _fail(where, f"--published {value}: a year alone is enough only with a dateline that gives the "
                               "month and day; write the date as YYYY-MM-DD")
        try:
            return dt.date(int(value), dateline.month, dateline.day), f"the dateline {dateline.text!r} in {value}"
        except ValueError:
            raise _fail(where, f"the dateline {dateline.text!r} is not a day of {value}") from None
    try:
        return dt.date.fromisoformat(value), "given with --published"
    except ValueError:
        raise _fail(where, f"--published {value!r} is not a date; write it as YYYY-MM-DD") from None


def settle_date(draft: Draft, where: str, *, published: str | None, undated: bool,
                ask: Callable[[str], str] | None) -> None:
    """Set `draft.published` and `draft.basis`, or refuse with how to give the date."""
    dateline = yearless_dateline(draft.body)
    if dateline and dateline.agency and not draft.outlet:
        draft.outlet = dateline.agency
    if published:
        draft.published, draft.basis = _date_option(published, dateline, where)
        if dateline and (draft.published.month, draft.published.day) != (dateline.month, dateline.day):
            draft.notes.append(f"the dateline {dateline.text!r} gives {_month_day(dateline)}, --published "
                               f"{draft.published.isoformat()}; kept --published")
        return
    if draft.published:
        return
    cleaned, posts = clean_body(draft.body)
    found, precision, basis = date_from_text(cleaned, posts)
    if found and precision == "day":
        draft.published, draft.basis = found, basis
        return
    if undated:
        draft.notes.append("added without a publication date (--undated): its relative dates stay unresolved")
        return
    if dateline:
        why = f"its dateline {dateline.text!r} gives no year"
        how = f"--published YYYY-MM-DD, or --published YYYY for {_month_day(dateline)} of that year"
    else:
        why = "no publication date found (no page metadata, no dated dateline)"
        how = "--published YYYY-MM-DD"
    if ask is not None:
        answer = ask(f"{where}: {why}. Publication date (YYYY-MM-DD{', or YYYY' if dateline else ''}; "
                     "empty to stop): ").strip()
        if answer:
            draft.published, draft.basis = _date_option(answer, dateline, where)
            if draft.basis == "given with --published":
                draft.basis = "given when added"
            return
    raise _fail(where, f"{why}; give it with {how} (or --undated to add it without one)")


def _month_day(dateline: Dateline) -> str:
    return f"{dt.date(2000, dateline.month, dateline.day):%B} {dateline.day}"


# ------------------------------------------------------------------------------------ duplicates


def normal_url(url: str | None) -> str:
    """A URL without scheme, `www.`, fragment, tracking parameters or trailing slash, for comparison."""
    if not url:
        return ""
    parts = urllib.parse.urlsplit(str(url).strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urllib.parse.urlencode(sorted((k, v) for k, v in urllib.parse.parse_qsl(parts.query)
                                          if not k.lower().startswith(("utm_", "fbclid", "gclid"))))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def normal_text(text: str) -> str:
    """Words only, case-folded: the same article saved twice compares equal."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def find_duplicate(seeds_dir: Path, draft: Draft) -> tuple[str, str] | None:
    """(file, why) of a seed that already holds this article, or None."""
    if not seeds_dir.is_dir():
        return None
    urls = {normal_url(u) for u in (draft.url, *draft.other_urls)} - {""}
    body = normal_text(clean_body(draft.body)[0])
    for article in ingest(seeds_dir).articles:
        if urls and normal_url(article.url) in urls:
            return article.path, f"the same URL ({article.url})"
        text = article.text
        if article.title and text.startswith(article.title):
            text = text[len(article.title):]
        if body and normal_text(text) == body:
            return article.path, "the same text"
    return None


# --------------------------------------------------------------------------------------- writing


def file_name(draft: Draft, taken: set[str]) -> str:
    """`<date>-<title slug>.md` (or `undated-...`), suffixed `-2`, `-3`... past the names in `taken`."""
    day = draft.published.isoformat() if draft.published else "undated"
    title = slugify(draft.title, "article")[:MAX_NAME].strip("-") or "article"
    base, n = f"{day}-{title}", 1
    name = f"{base}.md"
    while name.casefold() in taken:
        n += 1
        name = f"{base}-{n}.md"
    return name


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def to_markdown(draft: Draft) -> str:
    """Front matter (title, outlet, url, published) and the text, as ingest reads it back."""
    lines = ["---"]
    for key, value in (("title", draft.title), ("outlet", draft.outlet), ("url", draft.url)):
        if value:
            lines.append(yaml.safe_dump({key: _one_line(value)}, allow_unicode=True, width=10_000).rstrip("\n"))
    if draft.published:
        comment = f"  # {_one_line(draft.basis)}" if draft.basis else ""
        lines.append(f"published: {draft.published.isoformat()}{comment}")
    lines.append("---")
    body = "\n\n".join(_one_line(p) for p in draft.body.splitlines() if p.strip())
    return "\n".join(lines) + "\n\n" + body + "\n"


def add(source: str, seeds_dir: Path, *, published: str | None = None, undated: bool = False,
        title: str | None = None, outlet: str | None = None, url: str | None = None,
        ask: Callable[[str], str] | None = None, stdin_text: Callable[[], str] | None = None) -> Added:
    """Add one article to `seeds_dir`. Raises InputError (naming the source and the fix) on refusal."""
    draft = read_source(source, stdin_text)
    if title:
        draft.title = _one_line(title)
    if outlet:
        draft.outlet = _one_line(outlet)
    if url:
        if not is_url(url):
            raise _fail(source, f"--url {url!r} is not an http:// or https:// address")
        draft.url = url
    if not draft.title and not draft.body.strip():
        raise _fail(source, "is empty; nothing to add")
    if not draft.title:
        raise _fail(source, "has no title; give it with --title")
    settle_date(draft, source, published=published, undated=undated, ask=ask)
    duplicate = find_duplicate(seeds_dir, draft)
    if duplicate:
        rel, why = duplicate
        raise _fail(source, f"already in {seeds_dir.as_posix().rstrip('/')}/{rel} ({why}); nothing added")
    taken = {p.name.casefold() for p in seeds_dir.iterdir()} if seeds_dir.is_dir() else set()
    name = file_name(draft, taken)
    path = fsio.safe_join(seeds_dir, name)
    fsio.write_atomic(path, to_markdown(draft))
    return Added(path, draft)
