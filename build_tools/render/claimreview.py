"""ClaimReview structured data (schema.org) for each claim page.

Search engines and fact-check aggregators read it from a
`<script type="application/ld+json">` element in the page's head (written by
overrides/main.html from the page's `claimreview` front matter, so that it
stays out of the search index). Everything in it comes from claim data, so
the JSON is escaped for that context: `<`, `>` and `&` are written as \\u
escapes, which no HTML parser reads as markup, so nothing in a claim can
close the script element early.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .. import compare, model
from . import paths

# Originator kinds that name a person rather than a body.
PERSON_KINDS = {"head of state", "official", "academic"}


@dataclass(frozen=True)
class Publisher:
    """Who publishes the briefing: the briefing plugin's `publisher` option in mkdocs.yml."""

    name: str
    url: str  # the site's canonical root URL, from `site_url`
    licence: str | None = None  # the address of the licence of the briefing's own text, for the data feed


def claim_review(corpus: model.Corpus, claim: model.Claim, publisher: Publisher) -> dict:
    verdict = corpus.verdicts[claim.verdict]
    claimant = corpus.originators[claim.claimant]
    statement_dates = sorted(model.statement_date(entry, corpus.articles) for entry in claim.sources
                             if compare.effect_of(entry.stance, corpus.stances) == model.SUPPORTS)
    appearances = []
    for article_id in dict.fromkeys(entry.article for entry in claim.sources):
        article = corpus.articles[article_id]
        appearance = {
            "@type": "CreativeWork",
            "url": article.url or publisher.url + paths.url(paths.source(article.id)),
            "datePublished": article.date,
            "inLanguage": article.language,
        }
        if article.headline:
            appearance["headline"] = article.headline
        if article.outlet:
            appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
        appearances.append(appearance)
    item = {
        "@type": "Claim",
        "author": {"@type": "Person" if claimant.kind in PERSON_KINDS else "Organization", "name": claimant.name},
        "appearance": appearances,
    }
    if statement_dates:
        item["datePublished"] = statement_dates[0]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": publisher.url + paths.url(paths.claim(claim.id)),
        "claimReviewed": claim.claim,
        "author": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "datePublished": claim.published,
        "dateModified": claim.last_reviewed,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": verdict.label,
            "ratingExplanation": verdict.meaning,
        },
        "itemReviewed": item,
    }


def script_payload(data: dict) -> str:
    """The data as JSON that nothing inside can break out of a script element with."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # U+2028/2029 end a line in older JavaScript parsers; escape them as JSON allows.
    return payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
