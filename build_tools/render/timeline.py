"""The estimates timeline: a table and a static SVG chart per measure.

Drawn at build time from a small template (build_tools/templates/
timeline.html.j2; the geometry is computed here) rather than a plotting
library: the chart is a few dozen elements, and a template gives exactly what
the page needs: no JavaScript, no request to another host, the same bytes on
every build, text as text, a title and description for screen readers,
colours taken from CSS custom properties (so they follow the light and dark
theme), and series told apart by marker shape and a text label as well as
colour.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from .. import model
from ..compare import ClaimComparison
from .components import human_date
from .templating import Html, template

# The measures whose estimates the briefing follows over time.
MAIN_MEASURES = ("nk-troops-sent", "nk-killed-wounded", "artillery-shells-supplied")
# Marker shapes, in the order series are assigned them: shape tells the
# series apart where colour cannot (print, colour blindness).
SHAPES = ("circle", "square", "triangle", "diamond", "cross", "star")

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 84, 16, 16, 44  # plot margins, room for axis labels
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 6.2, 14     # a point label's size at the chart's font, roughly


@dataclass(frozen=True, order=True)
class TimelinePoint:
    """One published estimate: who gave which figure, when, quoted where."""

    date: str
    low: float
    high: float
    label: str     # the figure as the source gives it: "about 11,000"
    period: str    # "" for a total to date, else the span it covers: "Sep–Nov 2024"
    originator: str
    article: str
    claims: tuple[str, ...]


def timeline_points(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], measure: str) -> list[TimelinePoint]:
    """Every estimate of a measure, once each, placed at the date it was made.

    The same figure from the same originator in the same article is one
    estimate, however many passages or claims repeat it. A figure for a span
    (one year, say) keeps its period in its label, so it is not read as a total.
    """
    found: dict[tuple, set] = {}
    for claim in corpus.current_claims():
        claim_id = claim.id
        for group in comparisons[claim_id].groups:
            if group.measure != measure:
                continue
            for estimate in group.estimates:
                figure = estimate.figure
                period = _short_span(figure.period.start, figure.period.end) if figure.period.is_span else ""
                low = figure.value if figure.value is not None else figure.low
                if low is None:  # a vague "thousands of" has no place on a scale
                    continue
                high = figure.value if figure.value is not None else figure.high
                key = (estimate.date, low, high, figure.describe(), period, estimate.originator, estimate.article)
                found.setdefault(key, set()).add(claim_id)
    return sorted(TimelinePoint(*key, claims=tuple(sorted(claims))) for key, claims in found.items())


def timeline_section(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], measure_id: str,
                     page: str, heading_level: int = 3) -> Html:
    """The chart and its table for one measure, as HTML for a page; empty without estimates."""
    points = timeline_points(corpus, comparisons, measure_id)
    if not points:
        return Html("")
    measure = corpus.measures[measure_id]
    return Html(template("timeline.html.j2").render(
        page=page, corpus=corpus, measure=measure, points=points, hashes=Html("#" * heading_level),
        chart=chart(corpus, measure, points)).removesuffix("\n"))


@dataclass(frozen=True)
class Marker:
    shape: str      # "circle", "square" or "polygon"
    series: int
    cx: str         # coordinates, formatted to one decimal
    cy: str
    x: str = ""     # a square's corner
    y: str = ""
    points: str = ""  # a polygon's corners


@dataclass(frozen=True)
class Chart:
    """What timeline.html.j2 draws: the chart's size, axes, estimates and legend, positioned."""
    id: str
    height: int
    description: str
    grid: list[tuple[str, str, str]]                # (y, label y, value label)
    months: list[tuple[str, str]]                   # (x, label)
    estimates: list[tuple]                          # (range line or None, marker, label x, label y, anchor, label)
    legend: list[tuple[Marker, int, str]]           # (marker, baseline, originator's name)
    width: int = WIDTH
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    axis_baseline: int = HEIGHT - BOTTOM + 18       # of the month labels


def chart(corpus: model.Corpus, measure: model.Measure, points: list[TimelinePoint]) -> Chart:
    originators = list(dict.fromkeys(p.originator for p in points))
    series = {o: index for index, o in enumerate(originators)}
    days = [_day(p.date) for p in points]
    margin = max(20, (max(days) - min(days)) // 8)  # keep points off the plot's edges
    first, last = min(days) - margin, max(days) + margin
    top = _nice_ceiling(max(p.high for p in points) * 1.15)

    def x(day: int) -> float:
        return LEFT + (day - first) / (last - first) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - value / top * (HEIGHT - TOP - BOTTOM)

    grid = [(f"{y(top * tick / 4):.1f}", f"{y(top * tick / 4) + 4:.1f}", _compact(top * tick / 4))
            for tick in range(0, 5)]  # horizontal grid lines and value labels
    months = [(f"{x(day):.1f}", label) for day, label in _month_ticks(first, last)]
    same_date: dict[str, list[TimelinePoint]] = {}
    for point in points:
        same_date.setdefault(point.date, []).append(point)
    placed: list[tuple[float, float, float]] = []  # label boxes so far: left, right, baseline
    estimates = []
    for point in points:
        index = series[point.originator]
        # Estimates made on one date stand side by side rather than on top of each other.
        siblings = same_date[point.date]
        px = x(_day(point.date)) + (siblings.index(point) - (len(siblings) - 1) / 2) * 14
        span = (f"{px:.1f}", f"{y(point.low):.1f}", f"{y(point.high):.1f}") if point.high != point.low else None
        middle = (point.low + point.high) / 2
        label = f"{point.label} ({point.period})" if point.period else point.label
        left_side = px > WIDTH * 0.6  # labels near the right edge grow leftwards
        width = LABEL_CHAR_WIDTH * len(label)
        x0 = px - 9 - width if left_side else px + 9
        ly = _free_row(placed, x0, x0 + width, y(middle) - 7)
        placed.append((x0, x0 + width, ly))
        estimates.append((span, _marker(SHAPES[index % len(SHAPES)], px, y(middle), index),
                          f"{px - 9 if left_side else px + 9:.1f}", f"{ly:.1f}", "end" if left_side else "start", label))
    legend = [(_marker(SHAPES[index % len(SHAPES)], LEFT + 6, HEIGHT + 12 + 24 * index - 4, index),
               HEIGHT + 12 + 24 * index, corpus.originators[originator].name)
              for index, originator in enumerate(originators)]
    return Chart(f"timeline-chart-{measure.id}", HEIGHT + 24 * len(originators), _description(corpus, measure, points),
                 grid, months, estimates, legend)


def _free_row(placed: list[tuple[float, float, float]], left: float, right: float, baseline: float) -> float:
    """The nearest baseline, above or below the wanted one, where a label overlaps none placed so far."""
    for step in range(0, 12):
        offset = (step + 1) // 2 * LABEL_HEIGHT * (1 if step % 2 else -1)
        candidate = baseline + offset
        if all(right < l or left > r or abs(candidate - b) >= LABEL_HEIGHT for l, r, b in placed):
            return candidate
    return baseline


def _marker(shape: str, cx: float, cy: float, index: int) -> Marker:
    if shape == "circle":
        return Marker("circle", index, f"{cx:.1f}", f"{cy:.1f}")
    if shape == "square":
        return Marker("square", index, f"{cx:.1f}", f"{cy:.1f}", f"{cx - 5:.1f}", f"{cy - 5:.1f}")
    offsets = {
        "triangle": ((0, -6), (6, 5), (-6, 5)),
        "diamond": ((0, -6), (6, 0), (0, 6), (-6, 0)),
        "cross": ((-2, -6), (2, -6), (2, -2), (6, -2), (6, 2), (2, 2), (2, 6), (-2, 6),
                  (-2, 2), (-6, 2), (-6, -2), (-2, -2)),
        "star": ((0, -6), (2, -2), (6, -2), (3, 1), (4, 6), (0, 3), (-4, 6), (-3, 1), (-6, -2), (-2, -2)),
    }[shape]
    return Marker("polygon", index, f"{cx:.1f}", f"{cy:.1f}",
                  points=" ".join(f"{cx + dx:.1f},{cy + dy:.1f}" for dx, dy in offsets))


def _description(corpus: model.Corpus, measure: model.Measure, points: list[TimelinePoint]) -> str:
    said = "; ".join(f"{p.label}{f' for {p.period}' if p.period else ''} per "
                     f"{corpus.originators[p.originator].name} ({human_date(p.date)})" for p in points)
    return f"{len(points)} estimate{'s' if len(points) != 1 else ''} of {measure.title.lower()}: {said}."


def _day(date: str) -> int:
    """A partial date as a day number, placed mid-period: "2025-07" is mid-July."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts).toordinal()
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 15).toordinal()
    return datetime.date(parts[0], 7, 1).toordinal()


def _month_ticks(first: int, last: int) -> list[tuple[int, str]]:
    """The first day of each month within the axis, labelled "Mar 2025"; every other one if crowded."""
    day = datetime.date.fromordinal(first)
    month = datetime.date(day.year, day.month, 1)
    ticks = []
    while month.toordinal() <= last:
        if month.toordinal() >= first:
            ticks.append((month.toordinal(), f"{month:%b %Y}"))
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    step = 1 + len(ticks) // 8
    return ticks[::step]


def _short_span(start: str, end: str) -> str:
    """A span the short way: "2024", "Sep–Nov 2024", "Jul 2024–Jul 2025"."""
    if start == end:
        return human_date(start)
    def short(date: str) -> str:
        parts = date.split("-")
        return parts[0] if len(parts) == 1 else f"{datetime.date(int(parts[0]), int(parts[1]), 1):%b %Y}"
    first, last = short(start), short(end)
    if first[-4:] == last[-4:] and len(first) > 4:
        return f"{first[:-5]}–{last}"
    return f"{first}–{last}"


def _nice_ceiling(value: float) -> float:
    """The next round number above value (1, 2 or 5 times a power of ten)."""
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _compact(value: float) -> str:
    """Axis labels the English way: 12,000,000 as "12 million", 4,000 as "4,000"."""
    if value >= 1_000_000:
        return f"{model.english_number(round(value / 1_000_000, 1))} million"
    return model.english_number(round(value))

