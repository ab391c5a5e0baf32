"""What changed, for readers who follow the briefing: an Atom feed and a ClaimReview data feed.

`feed.xml` (RFC 4287) has one entry per claim, newest change first: its
publication, a correction or re-rating, a withdrawal or a replacement
(model.Claim.changes).
Every date comes from the data, never from the clock, so two builds of one
tree give the same bytes. The XML is written by the standard library's
ElementTree, which escapes every value; characters XML 1.0 cannot carry at
all are dropped first.

`data/claimreview.json` is a schema.org DataFeed of every standing claim's
ClaimReview, the same one its page carries, as fact-check aggregators
collect them.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

from .. import model
from . import paths
from .claimreview import Publisher, claim_review

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50  # the latest changes; the data feed is complete
# What XML 1.0 cannot carry (C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CHANGE_WORDS = {
    model.PUBLISHED: "Published",
    model.CORRECTED: "Corrected",
    model.RERATED: "Re-rated",
    model.WITHDRAWN: "Withdrawn",
    model.REPLACED: "Replaced",
}


def rfc3339(date: str) -> str:
    """An ISO date, partial or whole, as an RFC 3339 time: "2025-07" -> "2025-07-01T00:00:00Z"."""
    year, month, day = (date.split("-") + ["01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def change_line(change: model.Change, corpus: model.Corpus) -> str:
    """One change in words, for the feed and the home page."""
    words = f"{CHANGE_WORDS[change.kind]} {change.date}"
    if change.kind == model.REPLACED and change.note in corpus.claims:
        return f"{words}, by \u201c{corpus.claims[change.note].title}\u201d"
    return f"{words}: {change.note}" if change.note else words


def latest_changes(corpus: model.Corpus, limit: int) -> list[tuple[model.Change, model.Claim]]:
    """Each claim's newest change, newest first (ties in id order)."""
    newest = [(claim.changes()[0], claim) for claim in corpus.claims.values()]
    return sorted(newest, key=lambda pair: pair[0].date, reverse=True)[:limit]


def atom_feed(corpus: model.Corpus, publisher: Publisher) -> bytes:
    ElementTree.register_namespace("", ATOM)

    def add(parent, tag: str, text: str | None = None, **attributes):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = _xml_text(text)
        return element

    entries = latest_changes(corpus, FEED_ENTRIES)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    add(feed, "id", publisher.url)
    add(feed, "title", publisher.name)
    add(feed, "subtitle", "New, corrected and withdrawn fact-checks")
    # The newest entry's date, never the build's, so that rebuilds are byte-identical.
    add(feed, "updated", rfc3339(entries[0][0].date) if entries else "1970-01-01T00:00:00Z")
    add(feed, "link", rel="self", type="application/atom+xml", href=publisher.url + paths.FEED)
    add(feed, "link", rel="alternate", type="text/html", href=publisher.url)
    author = add(feed, "author")
    add(author, "name", publisher.name)
    add(author, "uri", publisher.url)
    for change, claim in entries:
        url = publisher.url + paths.url(paths.claim(claim.id))
        verdict = corpus.verdicts[claim.verdict]
        entry = add(feed, "entry")
        add(entry, "id", url)
        add(entry, "title", claim.title)
        add(entry, "updated", rfc3339(change.date))
        add(entry, "published", rfc3339(claim.published))
        add(entry, "link", rel="alternate", type="text/html", href=url)
        add(entry, "category", term=verdict.id, label=verdict.label)
        add(entry, "summary", f"{verdict.label}. {claim.bottom_line}")
        add(entry, "content", "\n".join(change_line(c, corpus) for c in claim.changes()), type="text")
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def claimreview_feed(corpus: model.Corpus, publisher: Publisher) -> str:
    items = []
    for claim in corpus.current_claims():
        items.append({
            "@type": "DataFeedItem",
            "dateCreated": claim.published,
            "dateModified": claim.changes()[0].date,
            "item": {key: value for key, value in claim_review(corpus, claim, publisher).items() if key != "@context"},
        })
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{publisher.name}: ClaimReview feed",
        "url": publisher.url + paths.CLAIMREVIEW_FEED,
        "publisher": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "dateModified": max((item["dateModified"] for item in items), default=None),
        "dataFeedElement": items,
    }
    if publisher.licence:
        feed["license"] = publisher.licence
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: 10,000 claims make megabytes
