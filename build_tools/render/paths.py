"""The URL scheme, in one place, so that it never changes by accident.

    /                      home
    /topics/               topic index        /topics/<topic>/     a topic
                                              /topics/<topic>/<n>/ its page n, when it is long
    /claims/               claim index        /claims/<id>/        a claim
    /claims/page/<n>/      claim index, page n when it is long
    /sources/              source index       /sources/<article>/  an article
    /sources/page/<n>/     source index, page n when it is long
    /originators/          originator index   /originators/<id>/   claims whose sources name it
                                              /originators/<id>/<n>/ its page n, when it is long
    /verdicts/             verdict index      /verdicts/<verdict>/ claims with that verdict
                                              /verdicts/<verdict>/<n>/ its page n, when it is long
    /methodology/, /about/ hand-written pages in docs/

Pages are Markdown paths relative to docs/; MkDocs serves `x/y.md` at
`x/y/` (use_directory_urls). Links are always relative, so the site works
under any sub-path. Ids are checked against ^[a-z0-9]+(-[a-z0-9]+)*$ by the
validator, so they are safe in paths as they are.
"""
from __future__ import annotations

from functools import lru_cache

# Names an id may not take in each namespace, because the namespace's own
# pages are served there: an id `index` would replace the listing itself, and
# `page` would sit among its later pages (/claims/page/<n>/). Validation and
# `new` refuse them.
RESERVED_IDS = {
    "claim": ("claims", frozenset({"index", "page"})),
    "topic": ("topics", frozenset({"index", "page"})),
    "article": ("sources", frozenset({"index", "page"})),
    "originator": ("originators", frozenset({"index", "page"})),
    "verdict": ("verdicts", frozenset({"index", "page"})),
}

HOME = "index.md"
TOPICS = "topics/index.md"
CLAIMS = "claims/index.md"
SOURCES = "sources/index.md"
ORIGINATORS = "originators/index.md"
VERDICTS = "verdicts/index.md"
METHODOLOGY = "methodology.md"
# The exports, at site-relative paths (not pages).
DATA_JSON = "data/claims.json"
DATA_CSV = "data/claims.csv"
DATA_SCHEMA = "data/claim.schema.json"
FEED = "feed.xml"                            # Atom: new, corrected and withdrawn claims
CLAIMREVIEW_FEED = "data/claimreview.json"   # every standing claim's ClaimReview, as a DataFeed
STYLESHEET = "stylesheets/briefing.css"      # the tool's layout (build_tools/theme/briefing.css)
VERDICT_STYLES = "stylesheets/verdicts.css"  # each verdict's colour and icon, from claims/verdicts.yaml


def topic(topic_id: str, number: int = 1) -> str:
    return f"topics/{topic_id}.md" if number == 1 else f"topics/{topic_id}/{number}.md"


def originator(originator_id: str, number: int = 1) -> str:
    return f"originators/{originator_id}.md" if number == 1 else f"originators/{originator_id}/{number}.md"


def verdict(verdict_id: str, number: int = 1) -> str:
    return f"verdicts/{verdict_id}.md" if number == 1 else f"verdicts/{verdict_id}/{number}.md"


def claims_index(number: int = 1) -> str:
    return CLAIMS if number == 1 else f"claims/page/{number}.md"


def claim(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def sources_index(number: int = 1) -> str:
    return SOURCES if number == 1 else f"sources/page/{number}.md"


def source(article_id: str) -> str:
    return f"sources/{article_id}.md"


@lru_cache(maxsize=None)
def url(page: str) -> str:
    """The directory URL a page is served at, relative to the site root ("" for home)."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


def depth(page: str) -> int:
    """How many folders below the site root a page is served."""
    return url(page).count("/")


def href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one page to another (or to an anchor on it).

    Both URLs are folders ending in "/", so the link climbs out of the
    folders the two do not share and descends into the target's; this is
    what posixpath.relpath gives, at a fraction of its cost (pages link to
    each other some 300,000 times at 10,000 claims).
    """
    here, there = url(from_page).split("/")[:-1], url(to_page).split("/")
    shared = 0
    for mine, theirs in zip(here, there[:-1]):
        if mine != theirs:
            break
        shared += 1
    link = "../" * (len(here) - shared) + "/".join(there[shared:]) or "./"
    return f"{link}#{anchor}" if anchor else link


def file_href(from_page: str, site_file: str) -> str:
    """A relative link from a page to a file at a site-relative path (the feed, the data files)."""
    return "../" * depth(from_page) + site_file


def passage_anchor(start: int, end: int) -> str:
    """The anchor of a quoted passage on its source page: its character offsets."""
    return f"q{start}-{end}"


def source_entry_anchor(index: int) -> str:
    """The anchor of a source entry's card on its claim page (1-based, as readers count)."""
    return f"source-{index + 1}"
