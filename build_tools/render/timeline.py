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
import math
from dataclasses import dataclass

from .. import model
from ..compare import ClaimComparison
from .components import human_date
from .templating import Html, template

# Marker shapes, in the order series are assigned them: shape tells the
# series apart where colour cannot (print, colour blindness).
SHAPES = ("circle", "square", "triangle", "diamond", "cross", "star")



@dataclass(frozen=True)
class Layout:
    """One drawing of a chart: a wide one for screens of 600 px and more, a narrow one for phones
    (CSS shows one). Each is sized so that its text, drawn at `font` user units, renders at 11 px or
    more at the smallest width it is shown at (600 px and 390 px wide screens)."""
    name: str
    width: int
    height: int
    left: int          # plot margins: room for the value labels,
    right: int
    top: int
    bottom: int        # and the month labels
    font: int          # text size in user units (briefing.css sets the same)
    char_width: float  # a label character's width at that size, roughly (digits and capitals are widest)
    full_labels: bool  # a point's label names its period ("about 11,000 (Sep–Nov 2024)"), else the figure only


WIDE = Layout("wide", 640, 300, 84, 16, 20, 44, 13, 7.4, True)
NARROW = Layout("narrow", 340, 260, 70, 10, 20, 44, 12, 6.9, False)
LAYOUTS = (WIDE, NARROW)
LINE_GAP = 4  # between label rows


@dataclass(frozen=True, order=True)
class TimelinePoint:
    """One published estimate: who gave which figure, when, quoted where."""

    date: str
    low: float
    high: float
    label: str     # the figure as the source gives it: "about 11,000"
    period: str    # "" for a total to date, else the span it covers: "Sep–Nov 2024"
    placed_from: str  # what the estimate is for, as it is placed on the time axis: the span it covers,
    placed_to: str    # or (both the same) the date of the total: "as of" that date, else when it was made
    originator: str
    article: str
    claims: tuple[str, ...]


def timeline_points(corpus: model.Corpus, comparisons: dict[str, ClaimComparison], measure: str) -> list[TimelinePoint]:
    """Every estimate of a measure, once each, in the order it was made.

    The same figure from the same originator in the same article is one
    estimate, however many passages or claims repeat it. A figure for a span
    (one year, say) keeps its period in its label, so it is not read as a total,
    and is placed over that span; a total at the date it is a total for.
    """
    found: dict[tuple, set] = {}
    for claim in corpus.current_claims():
        claim_id = claim.id
        for group in comparisons[claim_id].groups:
            if group.measure != measure:
                continue
            for estimate in group.estimates:
                figure = estimate.figure
                span = figure.period.is_span and figure.period.start is not None
                period = _short_span(figure.period.start, figure.period.end) if span else ""
                placed = ((figure.period.start, figure.period.end or figure.period.start) if span
                          else (figure.period.as_of or estimate.date,) * 2)
                low = figure.value if figure.value is not None else figure.low
                if low is None:  # a vague "thousands of" has no place on a scale
                    continue
                high = figure.value if figure.value is not None else figure.high
                key = (estimate.date, low, high, figure.describe(), period, *placed, estimate.originator,
                       estimate.article)
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
        charts=[chart(corpus, measure, points, layout) for layout in LAYOUTS]).removesuffix("\n"))


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
    layout: Layout
    height: int
    description: str
    grid: list[tuple[str, str, str]]                # (y, label y, value label)
    months: list[tuple[str, str]]                   # (x, label)
    estimates: list[tuple]                          # (span line or None, range line or None, marker, label or None)
    legend: list[tuple[Marker, list[tuple[int, str]]]]  # (marker, [(baseline, line of the originator's name)])
    plot_left: int
    plot_right: int
    axis_baseline: int                              # of the month labels


def chart(corpus: model.Corpus, measure: model.Measure, points: list[TimelinePoint], layout: Layout = WIDE) -> Chart:
    originators = list(dict.fromkeys(p.originator for p in points))
    series = {o: index for index, o in enumerate(originators)}
    width, height = layout.width, layout.height
    spans = [(_day(p.placed_from, start=True), _day(p.placed_to, start=False)) for p in points]
    earliest, latest = min(s for s, _ in spans), max(e for _, e in spans)
    margin = max(20, (latest - earliest) // 10)  # keep points off the plot's edges
    first, last = earliest - margin, latest + margin
    step, top = _value_axis(max(p.high for p in points))
    plot_left, plot_right = layout.left, width - layout.right
    label_height = layout.font + LINE_GAP

    def x(day: float) -> float:
        return plot_left + (day - first) / (last - first) * (plot_right - plot_left)

    def y(value: float) -> float:
        return height - layout.bottom - value / top * (height - layout.top - layout.bottom)

    grid = [(f"{y(value):.1f}", f"{y(value) + layout.font / 3:.1f}", _compact(value))
            for value in _ticks(step, top)]  # horizontal grid lines and value labels
    months = [(f"{x(day):.1f}", label) for day, label in
              _month_ticks(first, last, max(2, int((plot_right - plot_left) // (layout.char_width * 10))))]
    at_same_place: dict[tuple[int, int], list[TimelinePoint]] = {}
    for point, span in zip(points, spans):
        at_same_place.setdefault(span, []).append(point)
    # What a label must not overlap, as boxes (left, top, right, bottom): every marker and span line, then
    # every label placed so far.
    taken: list[tuple[float, float, float, float]] = []
    drawn = []
    for point, (start, end) in zip(points, spans):
        # Estimates for the same date stand side by side rather than on top of each other.
        siblings = at_same_place[(start, end)]
        px = x((start + end) / 2) + (siblings.index(point) - (len(siblings) - 1) / 2) * 14
        py = y((point.low + point.high) / 2)
        drawn.append((px, py))
        taken.append((px - 7, min(py, y(point.high)) - 7, px + 7, max(py, y(point.low)) + 7))
        if end - start > 1:
            taken.append((x(start) - 2, py - 3, x(end) + 2, py + 3))
    estimates = []
    for point, (start, end), (px, py) in zip(points, spans, drawn):
        index = series[point.originator]
        across = (f"{x(start):.1f}", f"{x(end):.1f}", f"{py:.1f}") if end - start > 1 else None
        upright = (f"{px:.1f}", f"{y(point.low):.1f}", f"{y(point.high):.1f}") if point.high != point.low else None
        text = f"{point.label} ({point.period})" if point.period and layout.full_labels else point.label
        label_width = layout.char_width * len(text)
        label = None
        for right_side in (px + 9 + label_width <= width - 2, not px + 9 + label_width <= width - 2):
            x0 = px + 9 if right_side else px - 9 - label_width
            if x0 < 0:
                continue
            baseline = _free_row(taken, x0, x0 + label_width, py + layout.font / 3, label_height, layout.font,
                                 layout.top - 4 + layout.font, height - layout.bottom - 4)
            if baseline is not None:
                taken.append((x0, baseline - layout.font, x0 + label_width, baseline + LINE_GAP / 2))
                label = (f"{px + 9 if right_side else px - 9:.1f}", f"{baseline:.1f}",
                         "start" if right_side else "end", text)
                break
        # A label with no free place is left out: the table beside the chart gives every estimate.
        estimates.append((across, upright, _marker(SHAPES[index % len(SHAPES)], px, py, index), label))
    legend, baseline = [], height + 8
    for index, originator in enumerate(originators):
        lines = _wrapped(corpus.originators[originator].reader_name,
                         int((width - plot_left - 18 - 4) // layout.char_width))
        rows = [(baseline + layout.font + n * label_height, line) for n, line in enumerate(lines)]
        legend.append((_marker(SHAPES[index % len(SHAPES)], plot_left + 6, rows[0][0] - layout.font / 3, index), rows))
        baseline = rows[-1][0] + LINE_GAP * 2
    return Chart(f"timeline-chart-{measure.id}-{layout.name}", layout, int(baseline + 4),
                 _description(corpus, measure, points), grid, months, estimates, legend, plot_left, plot_right,
                 height - layout.bottom + layout.font + 6)


def _free_row(taken: list[tuple[float, float, float, float]], left: float, right: float, baseline: float,
              row: float, font: float, highest: float, lowest: float) -> float | None:
    """The nearest baseline, above or below the wanted one and within the plot, where a label from `left` to
    `right` overlaps nothing taken; None where there is none."""
    for step in range(0, 16):
        candidate = baseline + (step + 1) // 2 * row * (1 if step % 2 else -1)
        if not highest <= candidate <= lowest:
            continue
        top, bottom = candidate - font, candidate + LINE_GAP / 2
        if all(right <= l or left >= r or bottom <= t or top >= b for l, t, r, b in taken):
            return candidate
    return None


def _wrapped(words: str, width: int) -> list[str]:
    """Words in lines of at most `width` characters (a longer word has a line of its own)."""
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


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
                     f"{corpus.originators[p.originator].reader_name} ({human_date(p.date)})" for p in points)
    return f"{len(points)} estimate{'s' if len(points) != 1 else ''} of {measure.title.lower()}: {said}."


def _day(date: str, start: bool | None = None) -> int:
    """A partial date as a day number: with `start`, its first day (True) or its last (False); without,
    mid-period ("2025-07" is mid-July)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts).toordinal()
    if len(parts) == 2:
        year, month = parts
        if start is None:
            return datetime.date(year, month, 15).toordinal()
        if start:
            return datetime.date(year, month, 1).toordinal()
        return datetime.date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
    if start is None:
        return datetime.date(parts[0], 7, 1).toordinal()
    return datetime.date(parts[0], 1, 1).toordinal() if start else datetime.date(parts[0], 12, 31).toordinal()


def _month_ticks(first: int, last: int, most: int = 8) -> list[tuple[int, str]]:
    """The first day of each month within the axis, labelled "Mar 2025"; every other one (or fewer) past `most`."""
    day = datetime.date.fromordinal(first)
    month = datetime.date(day.year, day.month, 1)
    ticks = []
    while month.toordinal() <= last:
        if month.toordinal() >= first:
            ticks.append((month.toordinal(), f"{month:%b %Y}"))
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    step = -(-len(ticks) // most) if ticks else 1
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


def _value_axis(highest: float) -> tuple[float, float]:
    """A round step (1, 2, 2.5, 3, 4 or 5 times a power of ten) and the axis top, a few steps from 0 to just above
    the highest value, so that the axis fits the data."""
    wanted = max(highest * 1.08, 1) / 5
    magnitude = 10 ** math.floor(math.log10(wanted))
    step = next(m * magnitude for m in (1, 2, 2.5, 3, 4, 5, 10) if m * magnitude >= wanted)
    return step, step * math.ceil(highest * 1.08 / step)


def _ticks(step: float, top: float) -> list[float]:
    return [step * n for n in range(0, round(top / step) + 1)]


def _compact(value: float) -> str:
    """Axis labels the English way: 12,000,000 as "12 million", 4,000 as "4,000"."""
    if value >= 1_000_000:
        return f"{model.english_number(round(value / 1_000_000, 1))} million"
    return model.english_number(round(value))

