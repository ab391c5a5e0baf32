"""A deterministic synthetic corpus, shaped like the repository, that validates.

    python -m benchmarks.synthetic --articles 2000 --claims 10000 --seed 1 --out DIR [--site]

writes DIR/claims (registries and claims/<topic>/<id>.yaml) and DIR/seeds
(article texts and seeds/articles.yaml with their sha256); with --site it also
copies what `mkdocs build` needs (mkdocs.yml, docs/, the build tools).

Articles are 2-7 KB of Indonesian-like text whose numbers are written as
Indonesian writes them ("11.000", "12 juta", "25.000 hingga 30.000",
"sekitar", "ribuan"). Every number a figure is read from is parsed back with
build_tools.indonesian_numbers, so a figure is exactly what the validator will
find in its quote; every verdict is one build_tools.compare says the evidence
carries. The same seed always gives the same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_tools import compare, model
from build_tools.indonesian_numbers import NumberMention, find_numbers

REPO_ROOT = Path(__file__).resolve().parent.parent
# What `mkdocs build` reads besides the data, copied by --site when present.
SITE_FILES = ("mkdocs.yml", "docs", "build_tools")

TOPICS = [
    ("deployments", "Deployments", "Troops and workers sent abroad, planned and promised."),
    ("casualties", "Casualties", "Soldiers and civilians killed or wounded."),
    ("munitions", "Munitions", "Shells, missiles and containers reported supplied."),
    ("diplomacy", "Diplomacy", "Meetings, visits and agreements between governments."),
    ("context", "The wider war", "Strikes, drones and the course of the war."),
]


@dataclass(frozen=True)
class MeasureSpec:
    id: str
    topic: str
    title: str
    unit: str
    noun: str        # the Indonesian noun phrase after the number
    predicate: str   # the Indonesian verb phrase after the noun
    english: str     # the English predicate, for translations and claims
    low: int         # the range story values are drawn from
    high: int


MEASURES = [
    MeasureSpec("troops-sent", "deployments", "Troops sent", "troops", "tentara Korea Utara",
                "telah dikirim ke wilayah Kursk", "have been sent to Kursk", 3_000, 60_000),
    MeasureSpec("troops-planned", "deployments", "Troops planned", "troops", "tentara tambahan",
                "akan diberangkatkan dalam gelombang berikutnya", "will leave in the next wave", 5_000, 40_000),
    MeasureSpec("workers-sent", "deployments", "Workers sent", "workers", "pekerja konstruksi",
                "tiba di kawasan perbatasan", "arrived in the border area", 500, 12_000),
    MeasureSpec("soldiers-killed-wounded", "casualties", "Soldiers killed or wounded", "soldiers",
                "prajurit", "tewas atau terluka di garis depan", "were killed or wounded at the front", 500, 9_000),
    MeasureSpec("civilians-killed", "casualties", "Civilians killed", "civilians", "warga sipil",
                "tewas akibat serangan udara", "were killed in air strikes", 20, 3_000),
    MeasureSpec("shells-supplied", "munitions", "Artillery shells supplied", "shells",
                "butir amunisi artileri", "dipasok lewat jalur kereta api", "were supplied by rail",
                1_000_000, 20_000_000),
    MeasureSpec("missiles-supplied", "munitions", "Ballistic missiles supplied", "missiles", "rudal balistik",
                "dikirim melalui pelabuhan timur", "were shipped through the eastern port", 40, 400),
    MeasureSpec("containers-shipped", "munitions", "Containers shipped", "containers", "kontainer",
                "diangkut kapal kargo", "were carried by cargo ships", 1_000, 30_000),
    MeasureSpec("official-visits", "diplomacy", "Official visits", "visits", "kunjungan resmi",
                "tercatat sepanjang tahun itu", "were recorded that year", 2, 9),
    MeasureSpec("drones-launched", "context", "Drones launched", "drones", "drone serang",
                "diluncurkan dalam satu malam", "were launched in one night", 100, 1_200),
]

ORIGINATORS = [
    # id, name, kind, country, how the articles name it, name for readers
    ("sk-jcs", "South Korea's Joint Chiefs of Staff", "military", "South Korea", "Kepala Staf Gabungan Korea Selatan",
     "South Korea's Joint Chiefs of Staff"),
    ("sk-nis", "South Korea's National Intelligence Service", "intelligence agency", "South Korea",
     "Badan Intelijen Nasional Korea Selatan", "South Korea's National Intelligence Service"),
    ("ua-intelligence", "Ukrainian intelligence, unnamed", "intelligence agency", "Ukraine", "intelijen Ukraina",
     "Ukrainian intelligence (agency not named)"),
    ("western-officials", "Western officials, unnamed", "officials", None, "pejabat Barat", "Western officials (not named)"),
    ("ru-defence-ministry", "Russia's defence ministry", "government", "Russia", "Kementerian Pertahanan Rusia",
     "Russia's defence ministry"),
    ("kcna", "KCNA, North Korea's state news agency", "state media", "North Korea", "kantor berita KCNA",
     "KCNA, North Korea's state news agency"),
    ("isw", "Institute for the Study of War", "think tank", "United States", "Institut Studi Perang",
     "The Institute for the Study of War"),
    ("observers", "Observers, unnamed", "commentators", None, "sejumlah pengamat militer", "Unnamed observers"),
    ("ua-authorities", "Ukrainian authorities, unnamed", "government", "Ukraine", "otoritas Ukraina",
     "Ukrainian authorities (not named)"),
    ("pentagon", "The US Department of Defense", "government", "United States", "Pentagon", "The Pentagon"),
    ("russian-media", "Russian media, unnamed", "media", "Russia", "media Rusia", "Russian media (no outlet named)"),
    ("unattributed", "No originator named", "unattributed", None, "laporan yang beredar",
     "The article itself (no source named)"),
]

# Originators that never count as independent evidence, and why (claims/originators.yaml `independent`).
NOT_INDEPENDENT = {
    "observers": "Unnamed commentators' opinion: text that names no source.",
    "russian-media": "Outlets the article does not name, giving no source: an unsourced assertion.",
    "unattributed": "Text that names no source.",
}

# The verdict scale as claims/verdicts.yaml declares it: id, label, meaning, icon, colour (light, dark), rule.
VERDICTS = [
    ("corroborated", "Corroborated", "Reported by at least two independent originators whose accounts agree.",
     "material/check-decagram", ("#1a7f37", "#56d364"),
     {"statuses": ["agree"], "min_independent": 2, "denial": "excluded", "overtaken": "excluded"}),
    ("single-source", "Single source", "Every report traces back to one originator, however many articles repeat it.",
     "material/numeric-1-circle-outline", ("#0b6e99", "#58c4f0"),
     {"statuses": ["single"], "min_independent": 1, "max_independent": 1}),
    ("disputed", "Disputed", "Sources disagree, with figures that do not overlap or an explicit denial.",
     "material/scale-unbalanced", ("#a34f00", "#ffa657"), {"statuses": ["disagree"]}),
    ("outdated", "Outdated", "Overtaken by a later figure or event; the later report replaces it.",
     "material/calendar-clock", ("#5c6370", "#aab2bf"), {"statuses": ["superseded"], "overtaken": "required"}),
    ("unproven", "Unproven", "Reported without an identifiable originator or evidence the articles show.",
     "material/help-circle-outline", ("#7b3fa0", "#d2a8ff"), {"statuses": ["single"], "max_independent": 0}),
]

# How a passage bears on its claim, as claims/stances.yaml declares it.
STANCES = [
    ("supports", "Supports the claim", "The passage reports the claim, or a figure that fits it.", "supports"),
    ("contradicts", "Contradicts the claim", "The passage denies the claim, or gives a figure that does not fit it.",
     "contradicts"),
    ("neutral", "Neither confirms nor denies", "The source neither confirms nor denies the claim.", "neither"),
    ("context", "Context", "Background that neither supports nor contradicts the claim.", "neither"),
]

OUTLETS = ["KOMPAS.TV", "Detik", "Tempo", "CNN Indonesia", "Republika", "Antara", "Liputan6", "Okezone"]
FOREIGN_OUTLETS = ["CNN", "Business Insider", "The Japan Times", "Reuters", "AP News", "Yonhap"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]

# Filler vocabulary: ordinary Indonesian words, none of them a number word,
# qualifier or range word, so figure sentences hold exactly one number.
SUBJECTS = ["Pemerintah", "Militer", "Kementerian", "Delegasi", "Pasukan", "Pejabat senior", "Juru bicara",
            "Parlemen", "Dewan keamanan", "Komandan lapangan", "Duta besar", "Tim pemantau"]
PLACES = ["Pyongyang", "Moskow", "Kyiv", "Seoul", "Kursk", "Vladivostok", "Donetsk", "Wonsan", "Beijing",
          "Kharkiv", "Zaporizhzhia", "Khabarovsk"]
VERBS = ["menegaskan", "membantah", "menyoroti", "mengkritik", "membahas", "menyambut", "mempertanyakan",
         "menolak", "mendukung", "mengumumkan", "menyelidiki", "memantau"]
OBJECTS = ["kerja sama militer", "latihan gabungan", "jalur pasokan", "perjanjian pertahanan", "sanksi ekonomi",
           "situasi di perbatasan", "laporan intelijen", "kunjungan kenegaraan", "bantuan kemanusiaan",
           "pertukaran tahanan", "keamanan kawasan", "produksi senjata", "logistik pasukan"]
TAILS = ["di tengah ketegangan yang meningkat", "menurut keterangan resmi", "dalam konferensi pers",
         "tanpa memberikan rincian lebih lanjut", "seperti dikutip media setempat", "pekan lalu",
         "dalam pernyataan tertulis", "menjelang pertemuan puncak", "setelah rapat tertutup",
         "di hadapan para wartawan", "meski belum ada konfirmasi independen"]
ATTRIBUTIONS = ["Menurut {who},", "{who} memperkirakan", "{who} menyebutkan bahwa", "Data dari {who} menunjukkan",
                "Dalam laporannya, {who} menyatakan", "Berdasarkan penilaian {who},"]
ENGLISH_FILLER = ["officials said", "the report added", "according to the statement", "without further detail",
                  "as local media reported", "amid rising tension", "in a written statement", "last week"]
ANALYSIS_WORDS = ["sources", "figures", "report", "estimate", "period", "originator", "article", "agree",
                  "differ", "claim", "evidence", "independent", "repeat", "earlier", "later", "total", "count",
                  "the", "of", "and", "a", "in", "on", "which", "that", "not", "both", "each"]


@dataclass(frozen=True)
class FigureSentence:
    """A sentence of an article that states one figure of one measure."""

    article: str
    sentence: str
    measure: str
    story: int
    originator: str
    mention: NumberMention


@dataclass
class SyntheticArticle:
    id: str
    file: str
    text: str
    headline: str
    date: str
    outlet: str | None
    kind: str
    translates: str | None
    cites: list[str]
    furniture_line: int
    plain_sentences: list[str]  # sentences without numbers, for context quotes


@dataclass
class Corpus:
    articles: list[SyntheticArticle]
    claims: list[tuple[str, str, dict]]  # topic, id, the claim document
    statuses: dict[str, int]             # how many claims got each comparison status


# --- numbers as Indonesian writes them ------------------------------------------

def indonesian_digits(number: float) -> str:
    """11000 -> "11.000"; 1.5 -> "1,5"."""
    if float(number).is_integer():
        return f"{int(number):,}".replace(",", ".")
    whole, fraction = f"{number:.1f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


def number_phrase(rng: random.Random, value: int) -> str:
    """One way of writing `value` (or a range or vague plural around it) in Indonesian."""
    forms = ["plain", "plain", "about", "more", "least", "nearly", "range", "between"]
    if value >= 1_000_000:
        forms += ["scale", "scale"]
    if 10 <= value < 100:
        forms.append("tens")
    if 100 <= value < 1_000:
        forms.append("hundreds")
    if 1_000 <= value < 1_000_000:
        forms.append("thousands")
    if value < 10:
        forms = ["words", "plain"]
    form = rng.choice(forms)
    low, high = _round2(value * 0.85), _round2(value * 1.15)
    if form == "words":
        return ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"][value]
    if form == "about":
        return f"sekitar {indonesian_digits(value)}"
    if form == "more":
        return f"lebih dari {indonesian_digits(low)}"
    if form == "least":
        return f"setidaknya {indonesian_digits(low)}"
    if form == "nearly":
        return f"hampir {indonesian_digits(value)}"
    if form == "range":
        return f"{indonesian_digits(low)} hingga {indonesian_digits(high)}"
    if form == "between":
        return f"antara {indonesian_digits(low)} hingga {indonesian_digits(high)}"
    if form == "scale":
        millions = value / 1_000_000
        return f"{indonesian_digits(round(millions, 1))} juta"
    if form in ("tens", "hundreds", "thousands"):
        return {"tens": "puluhan", "hundreds": "ratusan", "thousands": "ribuan"}[form]
    return indonesian_digits(value)


def _round2(value: float) -> int:
    """Round to two significant digits, as reported estimates are."""
    if value < 10:
        return max(1, round(value))
    digits = len(str(int(value))) - 2
    return int(round(value / 10 ** digits) * 10 ** digits)


def mention_amount(mention: NumberMention, unit: str) -> model.Amount:
    """The figure the validator reads from a mention: a value, a range or a vague plural."""
    if mention.low is None:
        return model.Amount(unit=unit, qualifier=mention.qualifier)
    if mention.low == mention.high:
        return model.Amount(unit=unit, value=_plain(mention.low), qualifier=mention.qualifier)
    return model.Amount(unit=unit, low=_plain(mention.low), high=_plain(mention.high), qualifier=mention.qualifier)


def _plain(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


# --- articles ----------------------------------------------------------------------

def _date(rng: random.Random, precision_weights=(8, 2, 0)) -> str:
    year = rng.choice([2024, 2025])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.choices(["day", "month", "year"], weights=precision_weights)[0]
    if precision == "day":
        return f"{year}-{month:02d}-{day:02d}"
    if precision == "month":
        return f"{year}-{month:02d}"
    return str(year)


def _plain_sentence(rng: random.Random) -> str:
    return (f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(TAILS)}.")


def _dated_sentence(rng: random.Random) -> str:
    """A sentence with a date in it: numbers that no figure is read from."""
    return (f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"pada {rng.randint(1, 28)} {rng.choice(MONTHS_ID)} {rng.choice([2024, 2025])}.")


def _figure_sentence(rng: random.Random, measure: MeasureSpec, value: int, originator) -> tuple[str, NumberMention] | None:
    attribution = rng.choice(ATTRIBUTIONS).format(who=originator[4])
    sentence = f"{attribution} {number_phrase(rng, value)} {measure.noun} {measure.predicate} {rng.choice(TAILS)}."
    sentence = sentence[0].upper() + sentence[1:]
    mentions = find_numbers(sentence)
    # Exactly one number, so the figure is unambiguous in any quote of it.
    return (sentence, mentions[0]) if len(mentions) == 1 else None


def story_values(rng: random.Random, measure: MeasureSpec, count: int) -> list[int]:
    """The distinct figures reported for one measure: each a "story" several articles repeat."""
    return [_round2(rng.uniform(measure.low, measure.high)) for _ in range(count)]


def make_article(rng: random.Random, index: int, stories: dict[str, list[int]],
                 figures: list[FigureSentence]) -> SyntheticArticle:
    article_id = f"article-{index:05d}"
    focus = rng.sample(MEASURES, k=rng.randint(1, 3))
    outlet = rng.choice(OUTLETS + [None])
    kind = rng.choices(["original report", "translation", "repost", "blog"], weights=[6, 2, 1, 1])[0]
    translates = rng.choice(FOREIGN_OUTLETS) if kind == "translation" else None
    headline = f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    target_size = rng.randint(2_000, 7_000)
    lines = [headline, ""]
    plain_sentences: list[str] = []
    size = len(headline.encode()) + 2
    furniture_line = 0
    while size < target_size:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            roll = rng.random()
            if roll < 0.4:
                measure = rng.choice(focus)
                story = rng.randrange(len(stories[measure.id]))
                originator = rng.choice(ORIGINATORS)
                made = _figure_sentence(rng, measure, stories[measure.id][story], originator)
                if made is not None:
                    sentence, mention = made
                    sentences.append(sentence)
                    figures.append(FigureSentence(article_id, sentence, measure.id, story, originator[0], mention))
                    continue
            if roll < 0.55:
                sentences.append(_dated_sentence(rng))
                continue
            sentence = _plain_sentence(rng)
            sentences.append(sentence)
            plain_sentences.append(sentence)
        paragraph = " ".join(sentences)
        lines += [paragraph, ""]
        size += len(paragraph.encode()) + 2
        if not furniture_line and size > target_size // 2:
            # A related-article link mid-text, declared as furniture as the real archive does.
            lines += [f"BACA JUGA: {rng.choice(SUBJECTS)} {rng.choice(PLACES)} {rng.choice(VERBS)} "
                      f"{rng.choice(OBJECTS)}", ""]
            furniture_line = len(lines) - 1
    text = "\n".join(lines)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SyntheticArticle(
        id=article_id, file=f"{index:05d}_{digest[:16]}.txt", text=text, headline=headline, date=_date(rng),
        outlet=outlet, kind=kind, translates=translates,
        cites=sorted(set(rng.sample(FOREIGN_OUTLETS, k=rng.randint(0, 2)) + ([translates] if translates else []))),
        furniture_line=furniture_line or 1, plain_sentences=plain_sentences,
    )


# --- claims -------------------------------------------------------------------------

def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(ANALYSIS_WORDS) for _ in range(count))


def _analysis(rng: random.Random, index: int) -> str:
    paragraphs = []
    for number in range(rng.randint(2, 4)):
        body = _words(rng, rng.randint(40, 110)).capitalize()
        if number == 0:
            body += f". See the *original report* at [the source](https://example.org/report/{index})"
        paragraphs.append(body + ".")
    return "\n\n".join(paragraphs) + "\n"


def _figure_data(amount: model.Amount, period: dict) -> dict:
    data = {key: getattr(amount, key) for key in ("value", "low", "high", "qualifier") if getattr(amount, key) is not None}
    data["unit"] = amount.unit
    data["period"] = period
    return data


def make_claim(rng: random.Random, index: int, articles: dict[str, SyntheticArticle],
               figures_by_story: dict[tuple[str, int], list[FigureSentence]],
               figures_by_measure: dict[str, list[FigureSentence]], article_list: list[SyntheticArticle],
               registry: model.Corpus) -> tuple[str, str, dict, str] | None:
    """One claim document, its verdict set to one the computed comparison carries.

    None when the random picks make no usable claim (no source entry, or
    evidence no verdict fits); the caller draws again.
    """
    numeric = rng.random() < 0.85
    measure = rng.choice([m for m in MEASURES if figures_by_measure.get(m.id)]) if numeric else None
    topic = measure.topic if measure else rng.choice(TOPICS)[0]
    claim_id = f"{topic[:4]}-claim-{index:05d}"
    sources, entries = [], []
    if measure:
        anchor = rng.choice(figures_by_measure[measure.id])
        story_pool = figures_by_story[(measure.id, anchor.story)]
    for _ in range(rng.randint(1, 5)):
        roll = rng.random()
        if measure and roll < 0.85:
            # Mostly the same story (agreement); sometimes another story of the measure (conflict).
            same_story = rng.random() < 0.8
            chosen = rng.choice(story_pool if same_story else figures_by_measure[measure.id])
            article = articles[chosen.article]
            amount = mention_amount(chosen.mention, measure.unit)
            date = rng.choice([None, None, _date(rng, (5, 5, 0))])
            when = date or article.date
            period = {"as_of": when} if rng.random() < 0.9 else {"from": when[:4], "to": when[:4]}
            entry = {"article": article.id, "quote": chosen.sentence,
                     "translation": f"According to the source, {amount.describe(with_unit=True)} "
                                    f"{measure.english}, {rng.choice(ENGLISH_FILLER)}.",
                     "originator": chosen.originator}
            stance = "supports" if chosen.story == anchor.story else "contradicts"
            figure = _figure_data(amount, period)
        else:
            article = rng.choice(article_list)
            if not article.plain_sentences:
                continue
            sentence = rng.choice(article.plain_sentences)
            date = None
            entry = {"article": article.id, "quote": sentence,
                     "translation": f"{_words(rng, 12).capitalize()}, {rng.choice(ENGLISH_FILLER)}.",
                     "originator": rng.choice(ORIGINATORS)[0]}
            stance = rng.choices(["context", "supports", "contradicts", "neutral"], weights=[6, 3, 1, 1])[0]
            figure = None
        if rng.random() < 0.3:
            entry["via"] = rng.sample(FOREIGN_OUTLETS, k=rng.randint(1, 2))
        if date:
            entry["date"] = date
            entry["date_note"] = "The article dates the statement in its text."
        entry["stance"] = stance
        if figure:
            entry["figure"] = figure
        entries.append(entry)
        sources.append(_model_source(entry, measure.id if measure else None))
    if not entries:
        return None
    headline = next((s.figure for s in sources if s.figure is not None), None)
    claimant = entries[0]["originator"]
    published = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
    document = {
        "claim": (f"{headline.describe(with_unit=True)} {measure.english}" if headline
                  else f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}")[:60] + f" #{index}",
        "title": f"Claim {index}: what do the articles say about {measure.title.lower() if measure else topic}?",
        # One or two sentences, like an editor's: about as long as the field allows.
        "bottom_line": f"{_words(rng, rng.randint(12, 30)).capitalize()}, {rng.choice(ENGLISH_FILLER)}."[:240],
        "verdict": "",
        "claimant": claimant,
    }
    if measure:
        document["measure"] = measure.id
    if headline is not None:
        document["figure"] = {key: getattr(headline, key) for key in ("value", "low", "high", "qualifier", "unit")
                              if getattr(headline, key) is not None}
    document.update({
        "published": published,
        "last_reviewed": published if rng.random() < 0.7 else "2026-11-20",
        "translator": "Synthetic desk",
        "sources": entries,
        "analysis": _analysis(rng, index),
        "corrections": ([{"date": "2026-11-20", "change": "Added a source entry.",
                          "reason": "The first review missed it."}] if rng.random() < 0.1 else []),
    })
    claim = model.Claim(id=claim_id, topic=topic, path="", claim=document["claim"], title=document["title"],
                        bottom_line=document["bottom_line"], verdict="", claimant=claimant, published=published,
                        last_reviewed=document["last_reviewed"], translator="Synthetic desk", sources=sources,
                        analysis=document["analysis"], corrections=[], measure=measure.id if measure else None,
                        figure=headline)
    registry.claims = {claim_id: claim}
    comparison = compare.compare_all(registry)[claim_id]
    fitting = compare.fitting_verdicts(comparison, registry.verdicts)
    if not fitting:
        return None
    document["verdict"] = rng.choice(fitting)
    return topic, claim_id, document, comparison.status


def _rule(data: dict) -> model.VerdictRule:
    return model.VerdictRule(statuses=tuple(data["statuses"]), min_independent=data.get("min_independent", 0),
                             max_independent=data.get("max_independent"), denial=data.get("denial"),
                             overtaken=data.get("overtaken"))


@dataclass(frozen=True)
class _DatedArticle:
    date: str


class _ArticleDates(dict):
    """compare_claim reads only `articles[id].date`; answer that without building the archive."""

    def __init__(self, articles: dict[str, SyntheticArticle]):
        super().__init__()
        self._articles = articles

    def __missing__(self, article_id: str) -> _DatedArticle:
        return _DatedArticle(self._articles[article_id].date)


def _model_source(entry: dict, claim_measure: str | None) -> model.SourceEntry:
    figure = None
    if "figure" in entry:
        data = entry["figure"]
        period = data["period"]
        figure = model.Figure(unit=data["unit"], value=data.get("value"), low=data.get("low"), high=data.get("high"),
                              qualifier=data.get("qualifier"), measure=claim_measure or "",
                              period=model.Period(as_of=period.get("as_of"), start=period.get("from"),
                                                  end=period.get("to")))
    return model.SourceEntry(article=entry["article"], quote=entry["quote"], translation=entry["translation"],
                             originator=entry["originator"], stance=entry["stance"], via=tuple(entry.get("via", ())),
                             date=entry.get("date"), figure=figure)


# --- the whole corpus -----------------------------------------------------------------

def generate(articles: int, claims: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    # Enough stories that claims spread out, few enough that each is repeated by several articles.
    stories = {m.id: story_values(rng, m, max(3, articles // 25)) for m in MEASURES}
    figures: list[FigureSentence] = []
    article_list = [make_article(rng, index, stories, figures) for index in range(articles)]
    by_id = {a.id: a for a in article_list}
    figures_by_story: dict[tuple[str, int], list[FigureSentence]] = {}
    figures_by_measure: dict[str, list[FigureSentence]] = {}
    for figure in figures:
        figures_by_story.setdefault((figure.measure, figure.story), []).append(figure)
        figures_by_measure.setdefault(figure.measure, []).append(figure)
    # The registries and article dates are all compare reads besides the claim itself.
    registry = model.Corpus(
        root="", topics={}, measures={}, articles=_ArticleDates(by_id), claims={},
        originators={o[0]: model.Originator(id=o[0], name=o[1], reader_name=o[5], kind=o[2], country=o[3],
                                            description=o[4], independent=o[0] not in NOT_INDEPENDENT,
                                            independence=NOT_INDEPENDENT.get(o[0], ""))
                     for o in ORIGINATORS},
        verdicts={v: model.Verdict(id=v, label=label, meaning=meaning, icon=icon, colour_light=light, colour_dark=dark,
                                   rule=_rule(rule))
                  for v, label, meaning, icon, (light, dark), rule in VERDICTS},
        stances={s: model.Stance(s, label, meaning, effect) for s, label, meaning, effect in STANCES},
    )
    claim_list, statuses = [], {}
    for index in range(claims):
        made = None
        while made is None:
            made = make_claim(rng, index, by_id, figures_by_story, figures_by_measure, article_list, registry)
        topic, claim_id, document, status = made
        claim_list.append((topic, claim_id, document))
        statuses[status] = statuses.get(status, 0) + 1
    return Corpus(article_list, claim_list, dict(sorted(statuses.items())))


class _Dumper(yaml.CSafeDumper):
    """Multi-line text as literal blocks (`analysis: |`), as the curated claim files write it."""


def _represent_text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write(corpus: Corpus, out: Path, site: bool = False) -> None:
    """Write the repo-shaped tree; the folder is replaced, never merged with an older corpus."""
    out = Path(out)
    for folder in ("claims", "seeds"):
        shutil.rmtree(out / folder, ignore_errors=True)
    (out / "seeds").mkdir(parents=True)
    index = []
    for article in corpus.articles:
        raw = article.text.encode()
        (out / "seeds" / article.file).write_bytes(raw)
        index.append({
            "id": article.id, "file": article.file, "sha256": hashlib.sha256(raw).hexdigest(),
            "headline": article.headline, "outlet": article.outlet, "kind": article.kind,
            "translates": article.translates, "cites": article.cites, "language": "id", "date": article.date,
            "url": None if article.outlet is None else f"https://example.org/{article.id}",
            "republish": "excerpts",
            # Generated text has no publisher to protect; the limit only keeps random quoting valid.
            "shown_limit": {"percent": 100, "reason": "Synthetic article written for the benchmarks."},
            "furniture": [{"lines": [article.furniture_line, article.furniture_line],
                           "what": "related-article link (\"BACA JUGA\")"}],
        })
    (out / "seeds" / "articles.yaml").write_text("# Synthetic archive index.\n" + _dump(index), encoding="utf-8")
    claims_dir = out / "claims"
    claims_dir.mkdir()
    registries = {
        "topics": [{"id": t, "title": title, "description": d} for t, title, d in TOPICS],
        "measures": [{"id": m.id, "title": m.title, "unit": m.unit,
                      "description": f"{m.title}, as the synthetic articles report it."} for m in MEASURES],
        "originators": [{"id": o[0], "name": o[1], "reader_name": o[5], "kind": o[2], "country": o[3],
                         "description": f"Named in the articles as \"{o[4]}\".",
                         "independent": o[0] not in NOT_INDEPENDENT,
                         "independence": NOT_INDEPENDENT.get(o[0], "A named source speaking for itself.")}
                        for o in ORIGINATORS],
        "stances": [{"id": s, "label": label, "meaning": meaning, "effect": effect}
                    for s, label, meaning, effect in STANCES],
        "verdicts": [{"id": v, "label": label, "colour": {"light": light, "dark": dark}, "icon": icon, "meaning": meaning,
                      "rule": rule} for v, label, meaning, icon, (light, dark), rule in VERDICTS],
    }
    for name, entries in registries.items():
        (claims_dir / f"{name}.yaml").write_text(_dump(entries), encoding="utf-8")
    for topic, _, _ in TOPICS:
        (claims_dir / topic).mkdir()
    header = "# yaml-language-server: $schema=../../build_tools/schema/claim.schema.json\n"
    for topic, claim_id, document in corpus.claims:
        (claims_dir / topic / f"{claim_id}.yaml").write_text(header + _dump(document), encoding="utf-8")
    # Every claim is published, so every id is recorded, as `python -m build_tools new` would have done.
    recorded = "".join(f"{claim_id}\n" for claim_id in sorted(claim_id for _, claim_id, _ in corpus.claims))
    (claims_dir / "published-ids.txt").write_text("# Every claim id ever published, one per line, sorted.\n"
                                                  + recorded, encoding="utf-8")
    if site:
        copy_site_files(out)


def copy_site_files(out: Path) -> None:
    """What `mkdocs build` reads besides claims/ and seeds/, taken from this repository."""
    for name in SITE_FILES:
        source, target = REPO_ROOT / name, Path(out) / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--site", action="store_true", help="also copy mkdocs.yml, docs/ and the build tools")
    args = parser.parse_args(argv)
    corpus = generate(args.articles, args.claims, args.seed)
    write(corpus, args.out, site=args.site)
    print(f"wrote {len(corpus.articles)} articles and {len(corpus.claims)} claims to {args.out}; "
          f"comparison statuses: {corpus.statuses}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
