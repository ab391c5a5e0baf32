"""The briefing as data: claims.json, claims.csv and the claim JSON Schema.

Built with the site, so that anyone can reuse or audit the checks. JSON
escapes everything itself. CSV cells that a spreadsheet would run as a
formula (starting with =, +, -, @, or a tab or CR) are prefixed with an
apostrophe, the usual guard against formula injection.
"""
from __future__ import annotations

import csv
import io
import json

from .. import model
from ..compare import ClaimComparison, FigureGroup
from . import paths

CSV_COLUMNS = (
    "claim_id", "topic", "claim", "verdict", "comparison", "claimant", "published", "last_reviewed",
    "source_index", "article", "outlet", "originator", "via", "date", "stance",
    "quote", "translation", "figure_value", "figure_low", "figure_high", "figure_qualifier",
    "figure_unit", "figure_measure", "period_as_of", "period_from", "period_to", "source_url",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _figure(figure: model.Amount | None) -> dict | None:
    if figure is None:
        return None
    data = {"value": figure.value, "low": figure.low, "high": figure.high,
            "qualifier": figure.qualifier, "unit": figure.unit, "text": figure.describe(with_unit=True)}
    if isinstance(figure, model.Figure):
        data["measure"] = figure.measure
        data["period"] = {"as_of": figure.period.as_of, "from": figure.period.start,
                          "to": figure.period.end, "note": figure.period.note}
    return data


def _group(group: FigureGroup) -> dict:
    return {
        "measure": group.measure, "period": "cumulative" if group.span is None else group.span.iso(), "status": group.status,
        "low": group.low, "high": group.high,
        "estimates": [{"source_index": e.source_index, "originator": e.originator, "date": e.date,
                       "figure": e.figure.describe(with_unit=True), "stance": e.stance} for e in group.estimates],
        "replaced": [e.source_index for e in group.replaced],
    }


def _passage_url(entry: model.SourceEntry) -> str:
    return paths.url(paths.source(entry.article)) + "#" + paths.passage_anchor(entry.passage.start, entry.passage.end)


def claims_json(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]) -> str:
    """Every claim with its sources, figures, verdict and the computed comparison."""
    claims = []
    for claim in corpus.claims.values():
        comparison = comparisons[claim.id]
        claims.append({
            "id": claim.id,
            "url": paths.url(paths.claim(claim.id)),
            "topic": claim.topic,
            "claim": claim.claim,
            "title": claim.title,
            "verdict": claim.verdict,
            "verdict_label": corpus.verdicts[claim.verdict].label,
            "claimant": claim.claimant,
            "measure": claim.measure,
            "figure": _figure(claim.figure),
            "published": claim.published,
            "last_reviewed": claim.last_reviewed,
            "translator": claim.translator,
            "analysis": claim.analysis,
            "corrections": [{"date": c.date, "change": c.change, "reason": c.reason, "verdict_before": c.verdict_before}
                            for c in claim.corrections],
            "withdrawn": {"date": claim.withdrawn.date, "reason": claim.withdrawn.reason} if claim.withdrawn else None,
            "replaced_by": claim.replaced_by,
            "comparison": {
                "status": comparison.status,
                "originators": comparison.originators,
                "independent_originators": comparison.independent,
                "not_counted": comparison.not_counted,
                "denial": comparison.denial,
                "overtaken": comparison.overtaken,
                "groups": [_group(g) for g in comparison.groups],
                "denials": comparison.denials,
                "relations": comparison.relations,
            },
            "sources": [{
                "article": entry.article,
                "originator": entry.originator,
                "via": list(entry.via),
                "date": model.statement_date(entry, corpus.articles),
                "date_note": entry.date_note,
                "stance": entry.stance,
                "attribution_inferred": entry.attribution.reason if entry.inferred else None,
                "quote": entry.quote,
                "translation": entry.translation,
                "figure": _figure(entry.figure),
                "url": _passage_url(entry),
            } for entry in claim.sources],
        })
    # No indent: Python's C encoder only runs without it, and at thousands of
    # claims the file is for programs, not for reading by eye.
    return json.dumps({"claims": claims}, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def claims_csv(corpus: model.Corpus, comparisons: dict[str, ClaimComparison]) -> str:
    """A row per claim and source entry."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for claim in corpus.claims.values():
        for index, entry in enumerate(claim.sources):
            figure, period = entry.figure, entry.figure.period if entry.figure else None
            article = corpus.articles[entry.article]
            row = (
                claim.id, claim.topic, claim.claim, claim.verdict, comparisons[claim.id].status, claim.claimant,
                claim.published, claim.last_reviewed, index + 1, entry.article, article.outlet or "",
                entry.originator, " > ".join(entry.via), model.statement_date(entry, corpus.articles), entry.stance,
                entry.quote, entry.translation,
                *((_number(figure.value), _number(figure.low), _number(figure.high), figure.qualifier or "",
                   figure.unit, figure.measure) if figure else ("",) * 6),
                *((period.as_of or "", period.start or "", period.end or "") if period else ("",) * 3),
                _passage_url(entry),
            )
            writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _number(value: float | None) -> str:
    return "" if value is None else model.english_number(value).replace(",", "")


def _cell(value) -> str:
    value = str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value
