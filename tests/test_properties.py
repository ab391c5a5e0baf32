"""Property-based tests: any claim file either validates or gets `path:line:column: message` errors.

Hypothesis generates claim files (plausible structure, random values), and
mutates the real ones and the archive index (flipped bits, deleted,
duplicated and swapped lines, inserted tabs and Unicode, truncation). The
pipeline is called in-process on a scratch copy; whatever the input, no
exception escapes, nothing hangs, every problem points at a line and column
inside the file, and every corpus that validates renders.

Runs are deterministic (derandomize=True, no example database), so CI sees
the same examples every time.
"""
from __future__ import annotations

import contextlib
import re
import signal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from build_tools import pipeline
from conftest import REGISTRY_FILES, REPO
from scratch import scratch_repository

try:
    from build_tools import render
except ImportError:  # the renderer lands separately; until then only validation is checked
    render = None

pytestmark = pytest.mark.slow  # hundreds of generated examples, each validated

SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TIME_LIMIT = 20  # seconds for one check of one example: more is a hang
FORMAT = re.compile(r"^.+:\d+:\d+: \S")
REAL_CLAIMS = sorted(p for p in (REPO / "claims").glob("*/*.yaml"))
ARTICLES = yaml.safe_load((REPO / "seeds" / "articles.yaml").read_text(encoding="utf-8"))
ARTICLE_TEXT = {a["id"]: (REPO / "seeds" / a["file"]).read_text(encoding="utf-8") for a in ARTICLES}
REGISTRY = {name: [e["id"] for e in yaml.safe_load((REPO / "claims" / f"{name}.yaml").read_text(encoding="utf-8"))]
            for name in ("topics", "measures", "originators", "verdicts")}
CLAIM_KEYS = ["claim", "title", "bottom_line", "verdict", "claimant", "measure", "figure", "published", "last_reviewed",
              "translator", "sources", "analysis", "corrections", "withdrawn", "replaced_by", "replaced_on"]
SOURCE_KEYS = ["article", "quote", "translation", "originator", "via", "date", "date_note", "stance", "figure"]


class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: int):
    def expire(signum, frame):
        raise Hang(f"no answer after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """The real archive and registries; each example writes its own claim file into it."""
    root = scratch_repository(tmp_path_factory.mktemp("properties") / "repo")
    for topic in REGISTRY["topics"]:
        (root / "claims" / topic).mkdir()
    return root


def check_and_render(root: Path, written: dict[Path, bytes], record: bool = False) -> pipeline.CheckResult:
    """The whole pipeline on `root`, holding it to the properties."""
    with time_limit(TIME_LIMIT):
        result = pipeline.check(root)
        for problem in result.problems:
            assert problem.line >= 1 and problem.column >= 1, problem
            assert problem.message.strip(), problem
            assert FORMAT.match(problem.format()), problem.format()
            raw = written.get(Path(problem.path))
            if raw is not None:
                # Inside the file, lines counted as an editor counts them (CR, LF,
                # CRLF; not NEL, LS, PS, which YAML also counts), even where
                # libyaml reports "end of file" past a last line without a break.
                breaks = len(re.findall(rb"\r\n|[\r\n]", raw))
                assert problem.line <= breaks + 1, (problem, breaks)
        if record:  # pytest --hypothesis-show-statistics: how many examples reach the renderer
            event("validated and rendered" if result.ok else "rejected")
        if result.ok and render is not None:
            site = render_corpus(result)
            assert site.pages and all(isinstance(page, str) for page in site.pages.values())
    return result


def render_corpus(result: pipeline.CheckResult):
    """Render as the MkDocs plugin does."""
    return render.render_site(result.corpus, result.comparisons,
                              render.Publisher("Property tests", "https://example.org/briefing/"))


def write_claim(root: Path, raw: bytes, topic: str = "casualties", name: str = "prop-claim") -> Path:
    for old in root.glob("claims/*/*.yaml"):
        old.unlink()
    path = root / "claims" / topic / f"{name}.yaml"
    path.write_bytes(raw)
    return path


# --- mutations ------------------------------------------------------------------

def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


def flip(raw, at, bit):
    if not raw:
        return raw
    at %= len(raw)
    return raw[:at] + bytes([raw[at] ^ (1 << bit)]) + raw[at + 1:]


def delete_line(raw, at, _):
    lines = _lines(raw)
    del lines[at % len(lines)]
    return b"\n".join(lines)


def duplicate_line(raw, at, _):
    lines = _lines(raw)
    at %= len(lines)
    return b"\n".join(lines[:at + 1] + lines[at:])


def swap_lines(raw, at, other):
    lines = _lines(raw)
    a, b = at % len(lines), (at + other * 7 + 1) % len(lines)
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def swap_keys(raw, at, other):
    """Exchange the values of two top-level keys (a `key:` line and what follows it)."""
    blocks = re.split(rb"\n(?=[a-z_]+:)", raw)
    if len(blocks) < 3:
        return raw
    a, b = 1 + at % (len(blocks) - 1), 1 + (at + other + 1) % (len(blocks) - 1)
    keys = [block.split(b":", 1)[0] for block in blocks]
    blocks[a], blocks[b] = keys[a] + blocks[b][len(keys[b]):], keys[b] + blocks[a][len(keys[a]):]
    return b"\n".join(blocks)


def insert_tab(raw, at, _):
    at %= len(raw) + 1
    return raw[:at] + b"\t" + raw[at:]


def truncate(raw, at, _):
    return raw[: at % (len(raw) + 1)]


def indent_line(raw, at, other):
    lines = _lines(raw)
    at %= len(lines)
    lines[at] = b" " * (other % 5) + lines[at] if other % 2 else lines[at].lstrip()
    return b"\n".join(lines)


MUTATIONS = [flip, delete_line, duplicate_line, swap_lines, swap_keys, insert_tab, truncate, indent_line]
INSERTED = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6) | st.sampled_from(
    ["\t", "\u00a0", "\u200b", "\ufeff", "\u202e", "\x00", "\x1b[2J", "\r", "\r\n", ": ", "- ", "&a", "*a", "!!binary",
     "{", "[", "'", '"', "#", "|", ">", "%YAML 1.1", "---", "...", "\u2028", "ğ", "🙂", "\\"])


@st.composite
def mutated(draw, original: bytes) -> bytes:
    raw = original
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 4)) == 0:
            at = draw(st.integers(0, len(raw)))
            raw = raw[:at] + draw(INSERTED).encode("utf-8", "surrogatepass") + raw[at:]
        else:
            mutation = draw(st.sampled_from(MUTATIONS))
            raw = mutation(raw, draw(st.integers(0, 10**6)), draw(st.integers(0, 7)))
    return raw


@settings(max_examples=150, **SETTINGS)
@given(data=st.data())
def test_mutated_real_claims_validate_or_give_positioned_errors(scratch, data):
    source = data.draw(st.sampled_from(REAL_CLAIMS), label="claim")
    raw = data.draw(mutated(source.read_bytes()), label="mutated")
    path = write_claim(scratch, raw, source.parent.name, source.stem)
    check_and_render(scratch, {path: raw}, record=True)


def test_unmutated_real_claims_validate_one_by_one(scratch):
    """The mutations start from files that validate, so errors come from the mutation."""
    failures = []
    for source in REAL_CLAIMS:
        path = write_claim(scratch, source.read_bytes(), source.parent.name, source.stem)
        result = check_and_render(scratch, {path: source.read_bytes()})
        errors = [p.format() for p in result.problems.errors if "replaced_by" not in p.message]
        if errors:
            failures.append(errors)
    assert len(failures) <= len(REAL_CLAIMS) // 10, failures[:3]


@settings(max_examples=60, **SETTINGS)
@given(data=st.data())
def test_mutated_archive_index_and_registries_never_break_the_pipeline(scratch, data):
    name = data.draw(st.sampled_from(["seeds/articles.yaml"] + [f"claims/{n}" for n in REGISTRY_FILES]))
    original = (REPO / name).read_bytes()
    raw = data.draw(mutated(original), label="mutated")
    claim = REAL_CLAIMS[data.draw(st.integers(0, len(REAL_CLAIMS) - 1))]
    write_claim(scratch, claim.read_bytes(), claim.parent.name, claim.stem)
    (scratch / name).write_bytes(raw)
    try:
        check_and_render(scratch, {scratch / name: raw}, record=True)
    finally:
        (scratch / name).write_bytes(original)


def test_a_registry_entry_that_fails_its_schema_is_an_error_not_a_traceback(scratch):
    """Found by the test above: the compiled schema check rewrote the shared schema's `$ref`,
    so explaining a registry's schema error raised instead of reporting it."""
    topics = scratch / "claims" / "topics.yaml"
    original = topics.read_bytes()
    raw = b"- id: deployments\n  description: no title\n"
    topics.write_bytes(raw)
    try:
        result = check_and_render(scratch, {topics: raw})
    finally:
        topics.write_bytes(original)
    assert [p.format(relative_to=str(scratch)) for p in result.problems.errors] == [
        "claims/topics.yaml:1:3: missing key `title` in `[0]`"]


def test_positions_count_lines_as_editors_do(scratch):
    """Found by the generated claims: YAML ends lines at NEL/LS/PS too, so every position
    after a U+2028 pasted into a value pointed one line too far."""
    raw = "claim: \"a\u2028b c\u2029\"\ntitle: \"\u2028\"\nverdict: 12\n".encode("utf-8")
    path = write_claim(scratch, raw, "diplomacy")
    result = check_and_render(scratch, {path: raw})
    assert "claims/diplomacy/prop-claim.yaml:3:1: `verdict` must be a string, not a number" in [
        p.format(relative_to=str(scratch)) for p in result.problems]


# --- generated claims -------------------------------------------------------------

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**15), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["", " ", "2025-02-30", "2025-13", "0000", "9999-99-99", "2025-07-12",
                                           "about", "tens of", "supports", "context", "https://example.org/",
                                           "javascript:alert(1)", "../../etc/passwd", "\x1b[2J", "<script>"]),
)
ANY = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                   | st.dictionaries(st.sampled_from(CLAIM_KEYS + SOURCE_KEYS) | st.text(max_size=8), inner, max_size=4),
                   max_leaves=10)
DATES = st.sampled_from(["2025", "2025-07", "2025-07-12", "2026-11-21", "2024-02-29", "2025-02-29"]) | ANY


def maybe(strategy):
    """Mostly a plausible value, sometimes anything at all."""
    return st.one_of(strategy, strategy, strategy, ANY)


@st.composite
def quotes(draw):
    """A real passage of a real article (so some entries verify), or not."""
    article = draw(st.sampled_from(sorted(ARTICLE_TEXT)))
    text = ARTICLE_TEXT[article]
    start = draw(st.integers(0, len(text) - 1))
    quote = text[start:start + draw(st.integers(1, 200))].strip() or "x"
    return article, quote


@st.composite
def figures(draw):
    figure = {"unit": draw(maybe(st.sampled_from(["soldiers", "troops", "shells"])))}
    shape = draw(st.integers(0, 3))
    if shape == 0:
        figure["value"] = draw(maybe(st.integers(0, 10**7)))
    elif shape == 1:
        figure["low"], figure["high"] = draw(maybe(st.integers(0, 10**6))), draw(maybe(st.integers(0, 10**6)))
    elif shape == 2:
        figure["qualifier"] = draw(maybe(st.sampled_from(["about", "tens of", "thousands of", "up to"])))
    if draw(st.booleans()):
        figure["period"] = draw(maybe(st.sampled_from([{"as_of": "2025-03-27"}, {"from": "2024", "to": "2025"},
                                                       {"from": "2025", "to": "2024"}, {}])))
    return figure


@st.composite
def sources(draw):
    article, quote = draw(quotes())
    entry = {
        "article": draw(maybe(st.just(article))), "quote": draw(maybe(st.just(quote))),
        "translation": draw(maybe(st.text(min_size=1, max_size=40))),
        "originator": draw(maybe(st.sampled_from(REGISTRY["originators"]))),
        "stance": draw(maybe(st.sampled_from(["supports", "contradicts", "neutral", "context"]))),
    }
    for key, strategy in (("via", st.lists(st.text(min_size=1, max_size=20), max_size=3)), ("date", DATES),
                          ("date_note", st.text(max_size=40)), ("figure", figures())):
        if draw(st.booleans()):
            entry[key] = draw(maybe(strategy))
    return entry


@st.composite
def claims(draw):
    claim = {
        "claim": draw(maybe(st.text(min_size=1, max_size=80))),
        "title": draw(maybe(st.text(min_size=1, max_size=60))),
        "bottom_line": draw(maybe(st.text(min_size=1, max_size=250))),
        "verdict": draw(maybe(st.sampled_from(REGISTRY["verdicts"]))),
        "claimant": draw(maybe(st.sampled_from(REGISTRY["originators"]))),
        "published": draw(DATES), "last_reviewed": draw(DATES),
        "translator": draw(maybe(st.text(min_size=1, max_size=20))),
        "sources": draw(maybe(st.lists(sources(), min_size=1, max_size=3))),
        "analysis": draw(maybe(st.text(min_size=1, max_size=200) | st.sampled_from(
            ["*a* [b](https://example.org) [c](/claims/)", "[x](javascript:alert(1))", "<script>x</script>",
             "[x](&#106;avascript:1)", "![i](https://e.example/i.png)", "```\ncode\n```", "[r]: javascript:x"]))),
        "corrections": draw(maybe(st.lists(st.fixed_dictionaries({"date": DATES, "change": st.text(min_size=1, max_size=30),
                                                                  "reason": st.text(min_size=1, max_size=30)}),
                                           max_size=2))),
    }
    for key, strategy in (("measure", st.sampled_from(REGISTRY["measures"])), ("figure", figures()),
                          ("withdrawn", st.fixed_dictionaries({"date": DATES, "reason": st.text(min_size=1, max_size=30)})),
                          ("replaced_by", st.sampled_from(["nk-killed-wounded", "no-such-claim", "prop-claim"])),
                          ("replaced_on", DATES)):
        if draw(st.integers(0, 3)) == 0:
            claim[key] = draw(maybe(strategy))
    for key in draw(st.lists(st.sampled_from(CLAIM_KEYS), max_size=2)):
        claim.pop(key, None)  # missing keys
    if draw(st.integers(0, 5)) == 0:
        claim[draw(st.text(max_size=10))] = draw(ANY)  # an unknown key
    return claim


@settings(max_examples=150, **SETTINGS)
@given(claim=claims(), topic=st.sampled_from(REGISTRY["topics"]))
def test_generated_claims_validate_or_give_positioned_errors(scratch, claim, topic):
    raw = yaml.safe_dump(claim, allow_unicode=True, sort_keys=False).encode("utf-8")
    path = write_claim(scratch, raw, topic)
    check_and_render(scratch, {path: raw}, record=True)


def test_generated_claims_sometimes_validate(scratch):
    """The generator reaches the renderer: a claim built from its plausible values validates."""
    article, quote = "lavrov-jul2025", "Kim dan Lavrov bertemu pada Sabtu"
    claim = {"claim": "Kim met Lavrov", "title": "Did Kim meet Lavrov?",
             "bottom_line": "Only North Korea's state news agency reports it.", "verdict": "single-source",
             "claimant": "kcna", "published": "2025-07", "last_reviewed": "2025-07-12", "translator": "t",
             "sources": [{"article": article, "quote": quote, "translation": "Kim and Lavrov met on Saturday",
                          "originator": "kcna", "stance": "supports"}],
             "analysis": "*a* [b](https://example.org) [c](/claims/)", "corrections": []}
    raw = yaml.safe_dump(claim, allow_unicode=True, sort_keys=False).encode("utf-8")
    path = write_claim(scratch, raw, "diplomacy")
    assert check_and_render(scratch, {path: raw}).ok
