"""Stage 4: render the checked corpus and its comparisons into a site.

`render_site` is a plain function of the data: no file I/O, no MkDocs. It
returns Markdown pages keyed by their path under docs/, data files keyed by
their path under the site root, and fragments that hand-written pages
include by name (the MkDocs hook fills `<!-- briefing:NAME -->` markers).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .. import model
from ..compare import ClaimComparison
from . import paths
from .claims import claim_page, claims_index, topic_page, topics_index
from .home import home_page, verdict_scale
from .sources import source_page, sources_index


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)          # docs-relative path -> Markdown
    files: dict[str, str | bytes] = field(default_factory=dict)  # site-relative path -> content
    fragments: dict[str, str] = field(default_factory=dict)      # name -> Markdown/HTML to include


def render_site(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]) -> Site:
    site = Site()
    site.pages[paths.HOME] = home_page(corpus, comparisons)
    site.pages[paths.TOPICS] = topics_index(corpus)
    for topic in corpus.topics.values():
        site.pages[paths.topic(topic.id)] = topic_page(corpus, topic)
    site.pages[paths.CLAIMS] = claims_index(corpus)
    for claim in corpus.claims.values():
        site.pages[paths.claim(claim.id)] = claim_page(corpus, claim, comparisons[claim.id])
    site.pages[paths.SOURCES] = sources_index(corpus)
    for article in corpus.articles.values():
        site.pages[paths.source(article.id)] = source_page(corpus, article)
    site.fragments["verdict-scale"] = verdict_scale(corpus)
    site.files["data/claims.json"] = claims_json(corpus, comparisons)
    return site


def claims_json(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]) -> str:
    """The claims as data, for anyone who wants to reuse them (JSON escapes everything itself)."""
    claims = [{
        "id": claim.id,
        "url": paths.url(paths.claim(claim.id)),
        "topic": claim.topic,
        "claim": claim.claim,
        "title": claim.title,
        "verdict": claim.verdict,
        "comparison": comparisons[claim.id].status,
        "claimant": claim.claimant,
        "published": claim.published,
        "last_reviewed": claim.last_reviewed,
        "sources": [{
            "article": entry.article,
            "originator": entry.originator,
            "via": list(entry.via),
            "date": entry.date or corpus.articles[entry.article].date,
            "stance": entry.stance,
            "quote": entry.quote,
            "translation": entry.translation,
            "figure": entry.figure.describe(with_unit=True) if entry.figure else None,
            "url": paths.url(paths.source(entry.article)) + "#" + paths.passage_anchor(entry.passage.start, entry.passage.end),
        } for entry in claim.sources],
    } for claim in corpus.claims.values()]
    return json.dumps({"claims": claims}, ensure_ascii=False, indent=1) + "\n"
