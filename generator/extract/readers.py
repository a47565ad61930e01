"""Readers: one seed file's text -> its title, body and metadata, one reader per format, then cleaning and dating.

`.txt` (first line is the title), `.md` with YAML front matter, `.html` (main text only), chosen by
suffix (`READERS`). The cleaned text keeps the article's own sentences verbatim (evidence quotes must be
substrings of it) and drops page furniture by general rules: embedded-post placeholders, newsletter and
sign-up prompts, "see also" promotions, section crumbs, bare URLs. Dates are read from front matter
values, datelines and embedded posts' URLs. `ingest.py` walks the seeds and calls these.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import yaml

from generator.records.vocabulary import MONTH_NUMBER, MONTH_PATTERN

# --------------------------------------------------------------------------- boilerplate rules

_BOILERPLATE = [re.compile(p, re.I) for p in (
    r"\bthis (post|content|tweet|video|embed) (can(no|')t|could not) be displayed\b",
    r"\b(activate|accept|enable) (them|cookies)\b.*\b(preferences|settings)\b",
    r"\bsign up (for|to)\b.*\bnewsletter",
    r"\bnewsletter\b.*\b(sign up|subscribe|inbox)\b",
    r"\bdelivered (straight )?to your inbox\b",
    r"^\s*(see also|read more|related|more from|also read|recommended|watch)\s*:",
    r"^\s*more from [\w .&'-]+:?\s*$",
    r"^\s*follow us on\b",
    r"^\s*(click|tap) here\b",
    r"^\s*this (story|article) (first )?appeared (on|in)\b",
    r"^\s*(advertisement|sponsored( content)?|share this( article)?|image source|photo:.*|getty images)\s*$",
    r"^\s*(https?://|www\.)\S+\s*$",
)]
_EMBED_URL = re.compile(r"https?://(?:www\.)?(?:twitter|x)\.com/(?:[\w/]+/)?status(?:es)?/(\d{15,20})")
_LEADING_URL = re.compile(r"^\s*https?://\S+\s+")
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w .,'/-]{0,40}[,(—–-]\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"
    rf"(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})\b(?:,?\s+(?P<year>\d{{4}})\b|"
    r"(?=\s*(?:\([A-Za-z .]{2,20}\)\s*)?[-—–:]|\s*$))")  # "KARACHI, March 3 (Reuters) -": the year from elsewhere


# --------------------------------------------------------------------------- YAML

MAX_YAML_DEPTH = 20  # front matter and sources.yaml are flat mappings; nothing needs more


class _PlainLoader(yaml.SafeLoader):
    """PyYAML's safe loader for metadata: no alias to a list or mapping (a few lines of nested aliases
    expand to billions of nodes when read; an alias to a scalar costs one value), no nesting deeper than
    `MAX_YAML_DEPTH`, and a date that is not one (`2024-13-45`) kept as text, so the field that holds it
    is named when it is read."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None and not isinstance(target, yaml.ScalarNode):
                raise yaml.composer.ComposerError(None, None, f"YAML alias '*{event.anchor}' to a list or mapping "
                                                  "refused: metadata is plain data; write the value out instead",
                                                  event.start_mark)
            return super().compose_node(parent, index)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_YAML_DEPTH} levels",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_PlainLoader.add_constructor("tag:yaml.org,2002:timestamp", _PlainLoader.construct_yaml_timestamp)


def load_yaml(text: str):
    """One YAML document of metadata as plain data; raises `yaml.YAMLError` (with a mark) when it is not."""
    return yaml.load(text, Loader=_PlainLoader)  # noqa: S506 - a SafeLoader subclass


def yaml_problem(exc: yaml.YAMLError) -> str:
    """What a YAML error says is wrong, in one line."""
    return getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]


def yaml_line(exc: yaml.YAMLError, text: str, first: int = 1) -> int | None:
    """The line (counting the text's first line as `first`) a YAML error points at, when it says."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + first
    position = getattr(exc, "position", None)  # a reader error: a character YAML does not allow
    return text.count("\n", 0, position) + first if isinstance(position, int) else None


def is_boilerplate(line: str) -> bool:
    """True for a line of page furniture rather than article text."""
    stripped = line.strip()
    if not stripped:
        return True
    if any(p.search(stripped) for p in _BOILERPLATE):
        return True
    # Section crumbs: a few capitalised words with no sentence punctuation ("U.S. & World").
    words = stripped.split()
    return (len(words) <= 4 and not re.search(r"[.!?:;\"”’)]$", stripped) and "&" in stripped)


def snowflake_time(post_id: int) -> dt.datetime:
    """The UTC time encoded in a Twitter/X post id (milliseconds since the 2010-11-04 epoch)."""
    return dt.datetime.fromtimestamp(((post_id >> 22) + 1288834974657) / 1000, tz=dt.timezone.utc)


# --------------------------------------------------------------------------- readers


@dataclass(frozen=True)
class Raw:
    """What a reader gets out of one file before cleaning."""

    title: str
    body: str
    meta: dict


def read_txt(text: str) -> Raw:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip():
            return Raw(line.strip(), "\n".join(lines[i + 1:]), {})
    return Raw("", "", {})


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def read_md(text: str) -> Raw:
    meta: dict = {}
    match = _FRONT.match(text)
    body = text
    if match:
        loaded = load_yaml(match.group(1))
        if loaded is not None and not isinstance(loaded, dict):
            raise ValueError("front matter must be a mapping of fields (title, url, outlet, published)")
        meta = loaded or {}
        body = text[match.end():]
    title = str(meta.get("title") or "").strip()
    body = _markdown_to_text(body)
    if not title:
        raw = read_txt(body)
        title, body = raw.title.lstrip("# ").strip(), raw.body
    return Raw(title, body, meta)


def _markdown_to_text(body: str) -> str:
    """Markdown markup -> the plain words a reader sees (links keep their text, not their target)."""
    body = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"^\s{0,3}#{1,6}\s+", "", body, flags=re.M)
    body = re.sub(r"(\*\*|__)(.+?)\1", r"\2", body)
    return body


class _MainText(HTMLParser):
    """Collects the text of <article> (or <main>, or <body>) in blocks, skipping page furniture."""

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure", "svg",
            "button", "iframe", "template"}
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote", "tr", "section",
             "article", "main", "figcaption", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.zones: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open_zones: list[str] = []
        self.title = ""
        self.h1 = ""
        self._in_title = self._in_h1 = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        self._tag(tag, opening=True)

    def handle_endtag(self, tag):
        self._tag(tag, opening=False)

    def _tag(self, tag: str, opening: bool) -> None:
        """What an opening or closing tag changes: skipped furniture, main-text zones, title, headline."""
        if tag in self.SKIP:
            self.skip = self.skip + 1 if opening else max(self.skip - 1, 0)
        if tag in ("article", "main", "body"):
            if opening:
                self.open_zones.append(tag)
            elif tag in self.open_zones:
                self.open_zones.remove(tag)
        if tag == "title":
            self._in_title = opening
        if tag == "h1":
            self._in_h1 = opening
        if tag in self.BLOCK:
            self._emit("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self.skip:
            return
        if self._in_h1:
            self.h1 += data
            return
        self._emit(data)

    def _emit(self, data: str) -> None:
        for zone in set(self.open_zones):
            self.zones[zone].append(data)


def read_html(text: str) -> Raw:
    parser = _MainText()
    parser.feed(text)
    parser.close()
    zone = next((z for z in ("article", "main", "body") if "".join(parser.zones[z]).strip()), "body")
    body = "".join(parser.zones[zone])
    if not body.strip() and not parser.zones["body"]:
        body = re.sub(r"<[^>]+>", " ", text)  # a fragment with no <body>: keep its words
    body = "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", body))
    m = parser.meta
    meta = {
        "url": m.get("og:url"),
        "outlet": m.get("og:site_name"),
        "published": m.get("article:published_time") or m.get("datepublished") or m.get("date")
        or m.get("time"),
    }
    title = " ".join((parser.h1 or m.get("og:title") or parser.title).split())
    return Raw(html.unescape(title), body, {k: v for k, v in meta.items() if v})


READERS: dict[str, Callable[[str], Raw]] = {".txt": read_txt, ".md": read_md, ".markdown": read_md,
                                            ".html": read_html, ".htm": read_html}


# --------------------------------------------------------------------------- cleaning and dating


def clean_body(body: str) -> tuple[str, list[int]]:
    """Drop boilerplate lines; return the text (paragraphs joined by blank lines) and embedded post ids."""
    posts = [int(m.group(1)) for m in _EMBED_URL.finditer(body)]
    paragraphs = []
    for line in body.splitlines():
        line = _LEADING_URL.sub("", line) if _EMBED_URL.match(line.strip()) else line
        line = " ".join(line.split())
        if not is_boilerplate(line):
            paragraphs.append(line)
    return "\n\n".join(paragraphs), posts


def parse_date(value) -> tuple[dt.date | None, str]:
    """A metadata date -> (date, precision). Accepts dates, ISO strings, 'YYYY-MM' and 'YYYY'."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value or "").strip()
    if not text:
        return None, "unknown"
    try:
        return dt.date.fromisoformat(text[:10]), "day"
    except ValueError as exc:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):  # the shape of a date, not a real one
            raise ValueError(f"{text!r} is not a date ({exc}); write it as YYYY-MM-DD") from None
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), 1), "month"
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        return dt.date(int(m.group(1)), 1, 1), "year"
    raise ValueError(f"cannot read {text!r} as a date; write it as YYYY-MM-DD")


def date_from_text(text: str, posts: Iterable[int], year: int | None = None) -> tuple[dt.date | None, str, str]:
    """Publication date from evidence inside the article: a dateline, else embedded posts' timestamps.
    A wire dateline without its year ("KARACHI, March 3 (Reuters) -") takes `year`, the publication year
    the metadata gives, and is skipped without one."""
    for line in text.splitlines()[:3]:
        m = _DATELINE.match(line)
        if m and (m.group("year") or year):
            try:
                day = dt.date(int(m.group("year") or year), MONTH_NUMBER[m.group("month").lower()], int(m.group("day")))
            except (ValueError, KeyError):
                continue
            return day, "day", f"dateline {m.group(0).strip()!r}"
    posts = sorted(posts)
    if posts:
        newest = snowflake_time(posts[-1])
        return newest.date(), "day", (f"the newest embedded post, status {posts[-1]} of "
                                      f"{newest.strftime('%Y-%m-%d %H:%M')} UTC; published no earlier")
    return None, "unknown", ""
