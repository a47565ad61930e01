"""Escaping for untrusted text (article titles, evidence sentences, names) placed into generated pages.

Article text is untrusted: it must never become a link, an HTML tag, an attribute list, a table cell
break or a new Markdown block. The generated Markdown is read by Python-Markdown with the extensions
in `mkdocs.yml` (tables, toc; formerly also attr_list, md_in_html, admonition, whose syntax is still
escaped so that turning them back on is safe), so the escapes below are the ones
Python-Markdown honours; each escaped character renders as itself.

The machine-made parts of pages (tables, source lists) are written as raw HTML blocks, which
Python-Markdown passes through untouched (much faster than parsing Markdown tables); values placed in
them go through `html` (element text and attribute values) and `html_link` instead of `md`.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import quote, urlsplit

# Python-Markdown backslash-escapes these (the tables extension adds `|`). `{` and `}` matter because
# attr_list would read a trailing `{ onclick=... }` as attributes; `!` because of `![image](...)`.
_MD_ESCAPED = set("\\`*_{}[]()#+-.!|")
# Only at the very start of a fragment can these open a block (list, heading, rule, quote, setext).
# C0 and C1 control characters (U+0085, a line break, is left to the whitespace rule) and the
# non-characters YAML refuses: one of them in a front-matter title makes MkDocs drop the whole front matter.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


def one_line(value: object) -> str:
    """`value` as text on one line: control characters dropped, every run of whitespace one space.

    Collapsing newlines is what keeps untrusted text from starting a new Markdown block (a heading,
    a list, a table row, a fenced code block) in the middle of a page.
    """
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value))
    return _SPACE.sub(" ", text).strip()


def md(value: object) -> str:
    """Escape `value` for Markdown inline text: HTML-escaped, Markdown-escaped, on one line."""
    text = one_line(value)
    out = []
    for ch in text:
        if ch == "&":
            out.append("&amp;")
        elif ch == "=" and not out:
            out.append("&#61;")  # a leading `=` line under a paragraph would make it a heading
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch in _MD_ESCAPED:
            # `-`, `+`, `.` and `!` only open blocks or images in some positions, but escaping them
            # everywhere is harmless (they render as themselves) and keeps this rule position-free.
            out.append("\\" + ch if ch not in "-+.!" or _needs_escape(out, ch) else ch)
        else:
            out.append(ch)
    return "".join(out)


def _needs_escape(out: list[str], ch: str) -> bool:
    """Escape `-`, `+`, `.`, `!` only where they could matter, so briefs stay readable as Markdown.

    `-`/`+` at the start open a list; `.` after leading digits opens an ordered list; `!!!` at the start
    opens an admonition (when that extension is on); `!` before `[` would open an image, but `[` is
    always escaped, so elsewhere `!` never needs it.
    """
    if ch in "-+!":
        return not out
    if ch == ".":
        return bool(out) and all(c.isdigit() for c in out)
    return False


def html(value: object) -> str:
    """Escape `value` for element text or a double-quoted attribute inside a raw HTML block.

    A raw HTML block is not read as Markdown, so HTML escaping alone suffices; the text is put on one
    line, so it cannot end the block (a blank line) either.
    """
    return html_lib.escape(one_line(value), quote=True)


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a space, with " …" after it; escaped text is never cut
    inside an entity such as `&lt;` (where there is no space to cut at)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut <= 0:
        cut = limit
        amp = text.rfind("&", 0, cut)
        cut = amp if amp >= 0 and ";" not in text[amp:cut] else cut
    return text[:cut] + " …"


def html_link(text: object, url: object) -> str:
    """An `<a>` to an external http(s) URL for a raw HTML block, or the escaped text when the URL is unsafe."""
    label = html(text) or html(url)
    target = safe_url(url)
    if target is None:
        return label
    return f'<a href="{html_lib.escape(target, quote=True)}">{label}</a>'


def search_text(value: object) -> str:
    """Text for a title or text of Material's search index, on one line.

    Material's search UI inserts both into the page as HTML, so they are HTML-escaped, as Material's
    own search plugin escapes the text it takes from pages; quotes need no escaping in element text.
    """
    return html_lib.escape(one_line(value), quote=False)


def text_plain(value: object) -> str:
    """Text safe where the theme inserts it unescaped (front-matter titles, search snippets).

    MkDocs' theme templates are not autoescaped and Material applies `striptags`, which would turn
    `&lt;` back into `<`; so characters that carry HTML meaning are replaced by look-alikes.
    """
    table = str.maketrans({"<": "‹", ">": "›", "&": "+", '"': "”", "'": "’", "`": "’", "\\": "/"})
    return one_line(value).translate(table)


def safe_url(value: object) -> str | None:
    """`value` as a link target if it is an http(s) URL with a host; otherwise None.

    Anything else (`javascript:`, `data:`, relative paths, mail links) is shown as text by callers.
    Characters that could end a Markdown link target or an HTML attribute are percent-encoded.
    """
    url = one_line(value)
    if not url or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe="/:?#@!$&*+,;=%-._~")


def yaml_str(value: object) -> str:
    """A double-quoted YAML scalar for front matter, with `text_plain` applied first."""
    import json

    return json.dumps(text_plain(value), ensure_ascii=False)
