"""Stage 4: render the checked corpus and its comparisons into a site.

`render_site` is a plain function of the data: no MkDocs, and no file I/O
but for the package's own claim schema, which is published as it is, and the
theme's icons for the verdicts (render/stylesheet.py). It
returns Markdown pages keyed by their path under docs/, data files keyed by
their path under the site root, and fragments that hand-written pages
include by name (the MkDocs plugin fills `<!-- briefing:NAME -->` markers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import model
from ..compare import ClaimComparison
from . import exports, feeds, paths
from .claimreview import Publisher  # noqa: F401  (re-exported for the adapters)
from .claims import (claim_page, claims_by_originator, claims_by_topic, claims_by_verdict, claims_indexes, originator_pages,
                     originators_index, redirect_page, topic_pages, topics_index, verdict_pages, verdicts_index)
from .home import home_page, independence_table, measure_relations, verdict_scale
from .sources import quoted_passages, source_page, sources_indexes
from .stylesheet import verdict_stylesheet

CLAIM_SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "claim.schema.json"
STYLESHEET = Path(__file__).resolve().parent.parent / "theme" / "briefing.css"


@dataclass(frozen=True)
class PageSizes:
    """How many entries a page of each long list holds: the plugin's options (build_tools/plugin.py)."""
    listing: int = 25    # claims on a topic, originator or verdict page
    claims: int = 250    # rows of the claim index
    sources: int = 250   # rows of the source index


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)          # docs-relative path -> Markdown
    files: dict[str, str | bytes] = field(default_factory=dict)  # site-relative path -> content
    fragments: dict[str, str] = field(default_factory=dict)      # name -> Markdown/HTML to include
    topics: dict[str, str] = field(default_factory=dict)         # each topic's docs-relative path -> its title


def render_site(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], publisher: Publisher,
                sizes: PageSizes = PageSizes()) -> Site:
    """The site: a plain function of the checked corpus, its comparisons, the publisher and the page sizes."""
    return site_of(corpus, comparisons, publisher, {
        claim.id: claim_page(corpus, claim, comparisons[claim.id], publisher)
        for claim in corpus.claims.values() if not claim.replaced_by}, sizes)


def site_of(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], publisher: Publisher,
            claim_pages: dict[str, str], sizes: PageSizes = PageSizes()) -> Site:
    """The site around the given claim pages (`claim_page` of each claim that is not replaced):
    the plugin's cache under `mkdocs serve` renders again only the pages whose content changed."""
    site = Site()
    site.pages[paths.HOME] = home_page(corpus, comparisons)
    by_topic = claims_by_topic(corpus)
    site.pages[paths.TOPICS] = topics_index(corpus, by_topic)
    site.topics = {paths.topic(topic.id): topic.title for topic in corpus.topics.values()}
    for topic in corpus.topics.values():
        site.pages.update(topic_pages(corpus, comparisons, topic, by_topic[topic.id], sizes.listing))
    by_originator = claims_by_originator(corpus)
    site.pages[paths.ORIGINATORS] = originators_index(corpus, by_originator)
    for originator in corpus.originators.values():
        site.pages.update(originator_pages(corpus, comparisons, originator, by_originator[originator.id], sizes.listing))
    by_verdict = claims_by_verdict(corpus)
    site.pages[paths.VERDICTS] = verdicts_index(corpus, by_verdict)
    for verdict in corpus.verdicts.values():
        site.pages.update(verdict_pages(corpus, comparisons, verdict, by_verdict[verdict.id], sizes.listing))
    site.pages.update(claims_indexes(corpus, sizes.claims))
    for claim in corpus.claims.values():
        site.pages[paths.claim(claim.id)] = redirect_page(corpus, claim) if claim.replaced_by else claim_pages[claim.id]
    passages = quoted_passages(corpus)
    site.pages.update(sources_indexes(corpus, passages, sizes.sources))
    for article in corpus.articles.values():
        site.pages[paths.source(article.id)] = source_page(corpus, article, passages.get(article.id, []))
    site.fragments["verdict-scale"] = verdict_scale(corpus)
    site.fragments["independence"] = independence_table(corpus)
    site.fragments["measure-relations"] = measure_relations(corpus)
    site.files[paths.DATA_JSON] = exports.claims_json(corpus, comparisons)
    site.files[paths.DATA_CSV] = exports.claims_csv(corpus, comparisons)
    site.files[paths.DATA_SCHEMA] = CLAIM_SCHEMA.read_bytes()  # the schema editors use, as published
    site.files[paths.FEED] = feeds.atom_feed(corpus, publisher)
    site.files[paths.CLAIMREVIEW_FEED] = feeds.claimreview_feed(corpus, publisher)
    site.files[paths.VERDICT_STYLES] = verdict_stylesheet(corpus)
    site.files[paths.STYLESHEET] = STYLESHEET.read_bytes()  # the tool's own layout, as it is
    return site
