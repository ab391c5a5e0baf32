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

from .. import collector, model
from ..compare import ClaimComparison
from ..memo import Memo
from . import exports, feeds, paths
from .claimreview import Publisher  # noqa: F401  (re-exported for the adapters)
from .claims import (claim_page, claims_by_originator, claims_by_topic, claims_by_verdict, claims_indexes, originator_pages,
                     originators_index, redirect_page, topic_pages, topics_index, verdict_pages, verdicts_index)
from .home import home_page, independence_table, measure_relations, verdict_scale
from .sources import quoted_passages, source_page, sources_indexes
from .stylesheet import verdict_stylesheet

CLAIM_SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "claim.schema.json"
STYLESHEET = Path(__file__).resolve().parent.parent / "theme" / "briefing.css"


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)          # docs-relative path -> Markdown
    files: dict[str, str | bytes] = field(default_factory=dict)  # site-relative path -> content
    fragments: dict[str, str] = field(default_factory=dict)      # name -> Markdown/HTML to include


@collector.paused
def render_site(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], publisher: Publisher,
                memo: Memo | None = None) -> Site:
    """The site; with a memo (the plugin's, under `mkdocs serve`), claim pages whose claim is unchanged are reused.

    A claim page depends on its claim, the claim's comparison (computed from the
    claim, the archive and the originators, and from other claims' figures where
    parts add up to a total), the registries and the archive.
    Validation's memo hands back the very same Claim object exactly when none of
    those changed, so the object's identity is the key; the memo holds the
    object, so its id cannot be reused by another while the entry lives.
    """
    site = Site()
    site.pages[paths.HOME] = home_page(corpus, comparisons)
    by_topic = claims_by_topic(corpus)
    site.pages[paths.TOPICS] = topics_index(corpus, by_topic)
    for topic in corpus.topics.values():
        site.pages.update(topic_pages(corpus, comparisons, topic, by_topic[topic.id]))
    by_originator = claims_by_originator(corpus)
    site.pages[paths.ORIGINATORS] = originators_index(corpus, by_originator)
    for originator in corpus.originators.values():
        site.pages.update(originator_pages(corpus, comparisons, originator, by_originator[originator.id]))
    by_verdict = claims_by_verdict(corpus)
    site.pages[paths.VERDICTS] = verdicts_index(corpus, by_verdict)
    for verdict in corpus.verdicts.values():
        site.pages.update(verdict_pages(corpus, comparisons, verdict, by_verdict[verdict.id]))
    site.pages.update(claims_indexes(corpus))
    for claim in corpus.claims.values():
        if claim.replaced_by:
            site.pages[paths.claim(claim.id)] = redirect_page(corpus, claim)  # names another claim: never remembered
            continue
        key = (id(claim), publisher)
        remembered = memo.get(key) if memo is not None else None
        # The comparison is part of the key: parts added up across claims change it when another claim changes.
        if remembered is None or remembered[0] is not claim or remembered[1] != comparisons[claim.id]:
            remembered = (claim, comparisons[claim.id], claim_page(corpus, claim, comparisons[claim.id], publisher))
        if memo is not None:
            memo.put(key, remembered)
        site.pages[paths.claim(claim.id)] = remembered[2]
    passages = quoted_passages(corpus)
    site.pages.update(sources_indexes(corpus, passages))
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
