"""Static charts for the briefing, drawn once as shapes in points and written out as inline SVG
(HTML) or as PDF drawing calls, so both files show the same chart with no browser, no script
and no download. Hidden values are never drawn as a bar or point of 0: they are labelled
"<8 hidden" (bars) or leave a gap (lines)."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from voice.disclosure import Cell, label

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")  # Okabe-Ito, colour-blind safe
INK, MUTED, GRID = "#222222", "#555555", "#DDDDDD"  # MUTED on white: 7.5:1 contrast
STEPS = (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 1.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = 8.0
    colour: str = INK
    anchor: str = "start"  # start | middle | end
    italic: bool = False


@dataclass
class Chart:
    """Shapes inside a width x height box (points), plus a sentence saying what it shows."""

    width: float
    height: float
    alt: str
    shapes: list = field(default_factory=list)


def _axis_step(top: float) -> int:
    """A tick step from STEPS giving at most five ticks; every tick label is 0 or at least 10."""
    return next((s for s in STEPS if top / s <= 5), STEPS[-1] * (int(top // (STEPS[-1] * 5)) + 1))


def bars(items: list[tuple[str, Cell]], t: int, alt: str, colour: str = PALETTE[0], width: float = 250) -> Chart:
    """Horizontal bars, one per item, the value at each bar's end."""
    name_w, row_h = width * 0.42, 15.0
    top = max([v for _, v in items if v] or [1])
    chart = Chart(width, row_h * len(items) + 2, alt)
    span = width - name_w - 40
    for i, (name, v) in enumerate(items):
        y = i * row_h
        chart.shapes.append(Text(0, y + 10.5, name if len(name) <= 30 else name[:29] + "\u2026"))
        if v is None:
            chart.shapes.append(Text(name_w, y + 10.5, f"{label(v, t)} hidden", colour=MUTED, italic=True))
            continue
        w = span * v / top
        if w:
            chart.shapes.append(Rect(name_w, y + 2.5, w, row_h - 5, colour))
        chart.shapes.append(Text(name_w + w + 3, y + 10.5, label(v, t)))
    return chart


def lines(periods: list[str], series: dict[str, list[Cell]], ticks: list[str], alt: str,
          width: float = 510, height: float = 150) -> Chart:
    """One line per series over `periods` (x labels `ticks`, same length); a hidden value breaks
    its line. The legend runs along the top."""
    left, right, top_pad, bottom = 34.0, 8.0, 20.0, 16.0
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max([v for vals in series.values() for v in vals if v] or [10])
    step = _axis_step(top)
    y_max = step * (-(-top // step))
    chart = Chart(width, height, alt)
    x_at = (lambda i: left + plot_w / 2) if len(periods) == 1 else (lambda i: left + plot_w * i / (len(periods) - 1))

    def y_at(v: float) -> float:
        return top_pad + plot_h * (1 - v / y_max)

    for tick in range(0, int(y_max) + 1, step):
        chart.shapes.append(Line(((left, y_at(tick)), (left + plot_w, y_at(tick))), GRID, 0.5))
        chart.shapes.append(Text(left - 3, y_at(tick) + 2.5, f"{tick:,}", 7, MUTED, "end"))
    every = max(1, -(-len(periods) // 8))  # at most eight month labels
    for i, tick in enumerate(ticks):
        if i % every == 0 or i == len(periods) - 1 and len(periods) <= 8:
            chart.shapes.append(Text(x_at(i), height - 4, tick, 7, MUTED, "middle"))
    x = left
    for n, (name, values) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        chart.shapes.append(Rect(x, 4, 8, 8, colour))
        chart.shapes.append(Text(x + 11, 11, name, 8))
        x += 11 + 4.6 * len(name) + 14
        run: list[tuple[float, float]] = []
        for i, v in enumerate([*values, None]):
            if v is not None:
                run.append((x_at(i), y_at(v)))
                continue
            if len(run) > 1:
                chart.shapes.append(Line(tuple(run), colour, 1.6))
            for px, py in run if len(run) == 1 else ():  # a lone month between hidden ones: a dot
                chart.shapes.append(Rect(px - 1.8, py - 1.8, 3.6, 3.6, colour))
            run = []
    return chart


def svg(chart: Chart, scale: float = 1.35) -> str:
    """The chart as inline SVG with its sentence as the accessible name; `scale` turns the
    shapes' points into screen pixels at a readable size."""
    out = []
    for s in chart.shapes:
        if isinstance(s, Rect):
            out.append(f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" height="{s.h:.1f}" fill="{s.fill}"/>')
        elif isinstance(s, Line):
            pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in s.points)
            out.append(f'<polyline points="{pts}" fill="none" stroke="{s.colour}" stroke-width="{s.width}"/>')
        else:
            style = ' font-style="italic"' if s.italic else ""
            out.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" fill="{s.colour}" '
                       f'text-anchor="{s.anchor}"{style}>{html.escape(s.text)}</text>')
    alt = html.escape(chart.alt)
    return (f'<svg role="img" aria-label="{alt}" width="{chart.width * scale:.0f}" height="{chart.height * scale:.0f}" '
            f'viewBox="0 0 {chart.width:.0f} {chart.height:.0f}" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="Source Sans Pro, Arial, sans-serif"><title>{alt}</title>{"".join(out)}</svg>')
