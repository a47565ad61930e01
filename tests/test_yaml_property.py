"""Property: every YAML loader of the project, fed YAML with aliases, deep nesting and control characters,
either loads it cleanly or reports a clean error; it never hangs, crashes or allocates without bound.

The loaders: seed front matter (`ingest.read_article`), `seeds/sources.yaml` (`ingest.load_sources`),
records by the round-trip loader (`load_records`, `parse_yaml`) and by the fast C loader render uses
(`load_records_fast`), the generator's memory files (`load_plain`) and the knowledge base's overlay of
actor and place records (`kb._records`). Each example runs under an alarm and a memory check.
"""

from __future__ import annotations

import contextlib
import signal
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import ingest

from generator.records import kb
from generator.errors import Problem
from generator.records.io import load_plain, load_records, load_records_fast, parse_yaml

pytestmark = pytest.mark.slow  # tens of seconds: thousands of loads of hostile documents

SECONDS = 10  # per loader and example; a clean load or refusal of these few KB takes milliseconds
MEMORY = 64 * 2**20  # bytes; an expanded alias bomb takes gigabytes


@contextlib.contextmanager
def bounded():
    def expired(signum, frame):
        raise TimeoutError(f"a loader ran for more than {SECONDS} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(SECONDS)
    tracemalloc.start()
    try:
        yield
        assert tracemalloc.get_traced_memory()[1] < MEMORY, "a loader allocated without bound"
    finally:
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def size(data, limit: int) -> int:
    """Nodes reachable in `data`, counting a shared node each time it is met (as a reader of the data
    would), stopping at `limit`."""
    count, stack = 0, [data]
    while stack and count < limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return count


# ----------------------------------------------------------------------------- the hostile documents

scalars = st.one_of(
    st.sampled_from(["lol", "2024-13-45", "0001-01-02", "NO", "yes", "~", "1e999", "0x1F", "'q'", '"d"', "a: b",
                     "- x", "*", "&", "!!python/object:os.system", "!!binary aGk=", "<<", "? k", "[", "{"]),
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.text(st.sampled_from("\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x80\x85\x9f\ud7ff\ufeff\ufffe\uffff\t\r\n "), max_size=6),
)


@st.composite
def alias_bomb(draw) -> str:
    levels, width = draw(st.integers(1, 12)), draw(st.integers(2, 12))
    style = draw(st.sampled_from(["flow", "block", "map"]))
    lines = [f"a0: &a0 {draw(st.sampled_from(['lol', '[lol]', '{k: v}']))}"]
    for i in range(1, levels + 1):
        if style == "flow":
            lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
        elif style == "block":
            lines.append(f"a{i}: &a{i}\n" + "".join(f"  - *a{i - 1}\n" for _ in range(width)).rstrip("\n"))
        else:
            lines.append(f"a{i}: &a{i} {{{', '.join(f'k{j}: *a{i - 1}' for j in range(width))}}}")
    key = draw(st.sampled_from(["title", "id", "name", "aliases", "published", "outlet", "sources"]))
    lines.append(f"{key}: *a{levels}")
    return "\n".join(lines) + "\n"


@st.composite
def deep(draw) -> str:
    n = draw(st.integers(1, 5000))
    kind = draw(st.sampled_from(["flow-seq", "flow-map", "block-map", "block-seq", "mixed"]))
    if kind == "flow-seq":
        body = "[" * n + "x" + "]" * n
    elif kind == "flow-map":
        body = "{a: " * n + "x" + "}" * n
    elif kind == "block-map":
        n = min(n, 400)
        return "id: x\n" + "".join(" " * i + "k:\n" for i in range(n))
    elif kind == "block-seq":
        body = "- " * n + "x"
    else:
        body = "".join(draw(st.sampled_from(["[", "{k: ", "- "])) for _ in range(min(n, 300))) + "x"
    return f"id: x\ntitle: {body}\n"


@st.composite
def noisy(draw) -> str:
    """A plausible record or front matter with control characters and odd scalars spliced in."""
    fields = draw(st.lists(st.tuples(st.sampled_from(["id", "title", "published", "outlet", "url", "aliases",
                                                      "name", "country", "lat"]), scalars), max_size=6))
    text = "".join(f"{k}: {v}\n" for k, v in fields)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(scalars) + text[at:]
    return text


documents = st.one_of(alias_bomb(), deep(), noisy(),
                      st.tuples(alias_bomb(), noisy()).map("".join), st.tuples(noisy(), deep()).map("".join))


# ----------------------------------------------------------------------------- the property


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents)
def test_every_yaml_loader_loads_or_refuses_cleanly(doc):
    limit = 1000 + 50 * len(doc)  # what a reader may walk: proportional to the text, never exponential
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seeds = root / "seeds"
        seeds.mkdir()
        (seeds / "a.md").write_text(f"---\n{doc}---\nRockets hit a base on Tuesday, officials said.\n",
                                    encoding="utf-8", errors="surrogatepass")
        (seeds / "sources.yaml").write_text(doc, encoding="utf-8", errors="surrogatepass")
        records = root / "records"
        for kind in ("incidents", "actors", "places", ".generated/incidents"):
            (records / kind).mkdir(parents=True)
            (records / kind / "x.yaml").write_text(doc, encoding="utf-8", errors="surrogatepass")

        with bounded():
            sources, problems = ingest.load_sources(seeds)
        assert all(isinstance(p, Problem) for p in problems)
        assert size(sources, limit) < limit

        with bounded():
            try:
                article = ingest.read_article(seeds / "a.md", "a.md", {})
            except ValueError:
                article = None
        if article is not None:
            assert len(article.title) < limit and len(article.text) < limit

        with bounded():
            data, problems = parse_yaml(doc, "incidents/x.yaml")
        assert data is None or not problems
        assert size(data, limit) < limit

        for loader in (load_records, load_records_fast):
            with bounded():
                loaded = loader(records)
            assert size(loaded.incidents, limit) < limit and size(loaded.actors, limit) < limit
            assert all(isinstance(p, Problem) for p in loaded.problems)

        with bounded():
            memory = load_plain(records / ".generated" / "incidents" / "x.yaml")
        assert size(memory, limit) < limit

        with bounded():
            overlay = kb._records(records / "actors" / "x.yaml")
        assert size(overlay, limit) < limit
