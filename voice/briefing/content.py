"""The briefing's content as a list of blocks (headings, key numbers, charts, tables, quotes,
the method note), written once and laid out by `html` and `pdf`. Every number here is a
published value from `Briefing` turned into text by `disclosure.label` ("<8" when hidden)."""
from __future__ import annotations

from dataclasses import dataclass

from voice.briefing import charts
from voice.briefing.data import FEELINGS, Briefing
from voice.briefing.words import KIND_WORDS, indicator_name, method_lines, month, scope
from voice.disclosure import label, percent
from voice.store.evidence_queries import Quote
from voice.store.queries import theme_label

RECENT_MONTHS = 6  # columns of the month-by-month table (an A4 page holds about this many)
TOP_THEMES = 4  # lines on the themes trend chart
TOP_PLACES = 8
QUOTES = 6


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False


@dataclass(frozen=True)
class KeyNumbers:
    items: tuple[tuple[str, str], ...]  # (number as shown, what it counts)


@dataclass(frozen=True)
class Figure:
    title: str
    chart: charts.Chart


@dataclass(frozen=True)
class Columns:
    """Figures side by side (each at most half the page wide)."""

    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class TableBlock:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    text_cols: int = 1  # leading columns of words; the rest are counts


@dataclass(frozen=True)
class QuoteBlock:
    text: str
    source: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Heading | Para | KeyNumbers | Figure | Columns | TableBlock | QuoteBlock | Bullets
TITLE = "What young people and youth workers are telling us"


def _headline(b: Briefing) -> list[Block]:
    ov, t = b.overview, b.threshold
    pol = dict(zip(ov.polarity.rows, ov.polarity.row_totals))
    unsafe = percent(pol.get("unsafe"), ov.polarity.total)
    return [Para(f"{scope(b.filters, ov.notes.cols)}."),
            Para(f"Generated {b.generated:%d %B %Y at %H:%M} UTC.", small=True),
            KeyNumbers(((label(ov.notes.total, t), "notes heard"),
                        (label(ov.consultations, t), "in young people's own words"),
                        (f"{unsafe:.0f}%" if unsafe is not None else "not shown",
                         "of notes describe feeling unsafe" + ("" if unsafe is not None else " (too few notes)"))))]


def _themes_and_indicators(b: Briefing) -> list[Block]:
    """Themes raised beside what partner agencies recorded, month by month on one table."""
    ov, t = b.overview, b.threshold
    themes = sorted(zip(ov.themes_by_period.rows, ov.themes_by_period.row_totals), key=lambda x: -(x[1] or 0))
    pol = dict(zip(ov.polarity.rows, ov.polarity.row_totals))
    out: list[Block] = [Heading("Themes beside the indicators"), Columns((
        Figure("Themes raised in these notes", charts.bars([(theme_label(str(k)), v) for k, v in themes], t,
                                                            "Notes raising each theme, largest first")),
        Figure("How safe people feel", charts.bars([(k.capitalize(), pol.get(k)) for k in (*FEELINGS, "mixed",
                                                                                          "not stated")],
                                                   t, "Notes by the safety feeling they describe", charts.PALETTE[1]))))]
    months = list(ov.notes.cols)[-RECENT_MONTHS:]
    values = {(r["indicator"], r["period"]): r["value"] for r in b.indicators}
    names = sorted({r["indicator"] for r in b.indicators})
    notes = dict(zip(ov.notes.cols, ov.notes.col_totals))
    unsafe = dict(zip(ov.polarity.cols, ov.polarity.values[ov.polarity.rows.index("unsafe")]))
    rows = [("Notes heard", *(label(notes.get(m), t) for m in months)),
            ("Feeling unsafe", *(label(unsafe.get(m), t) for m in months))]
    rows += [(f"Theme: {theme_label(str(th))}", *(label(ov.themes_by_period.get(th, m), t) for m in months))
             for th, _ in themes]
    rows += [(f"Indicator: {indicator_name(n)}", *(_indicator_text(values, n, m, t) for m in months)) for n in names]
    caption = ("What the notes raised and what partner agencies recorded, for the same months and areas. "
               + ("" if names else "No indicators are loaded for these months and areas. "))
    out.append(TableBlock(("Month by month", *map(month, months)), tuple(rows), caption))
    return out


def _indicator_text(values: dict, name: str, period: str, t: int) -> str:
    return label(values[(name, period)], t) if (name, period) in values else "no data"


def _trends(b: Briefing) -> list[Block]:
    ov, t = b.overview, b.threshold
    periods = list(ov.notes.cols)
    ticks = [month(p) for p in periods]
    notes = list(ov.notes.col_totals)
    unsafe = list(ov.polarity.values[ov.polarity.rows.index("unsafe")])
    themes = sorted(zip(ov.themes_by_period.rows, ov.themes_by_period.values, ov.themes_by_period.row_totals),
                    key=lambda x: -(x[2] or 0))[:TOP_THEMES]
    out: list[Block] = [Heading("Trends"), Para("Each line is a month-by-month count. A gap in a line is a month "
                                                f"whose count is hidden (<{t}).", small=True)]
    if not periods:
        return out + [Para("No notes match this view, so there are no trends to draw.")]
    out.append(Figure("Notes heard, and notes describing feeling unsafe", charts.lines(
        periods, {"Notes heard": notes, "Feeling unsafe": unsafe}, ticks,
        "Line chart of notes heard and notes describing feeling unsafe each month")))
    if themes:
        out.append(Figure("The most raised themes", charts.lines(
            periods, {theme_label(str(th)): list(vals) for th, vals, _ in themes}, ticks,
            "Line chart of the most raised themes each month")))
    names = sorted({r["indicator"] for r in b.indicators})
    for name in names:  # one chart each: agencies count on very different scales
        by_month = {r["period"]: r["value"] for r in b.indicators if r["indicator"] == name}
        shown = sorted(set(periods) | set(by_month))
        out.append(Figure(f"Indicator: {indicator_name(name)}", charts.lines(
            shown, {indicator_name(name): [by_month.get(p) for p in shown]}, [month(p) for p in shown],
            f"Line chart of {indicator_name(name).lower()} each month", height=110)))
    return out


def _places(b: Briefing) -> list[Block]:
    pl, t = b.places, b.threshold
    out: list[Block] = [Heading("Places")]
    if not pl.by_polarity.rows:
        return out + [Para("No public place is named in the notes in this view.")]
    figures, none = [], []
    for feeling in FEELINGS:
        ranked = [(name, pl.by_polarity.get(name, feeling)) for name in pl.by_polarity.rows]
        shown = sorted([r for r in ranked if r[1]], key=lambda r: -r[1])[:TOP_PLACES]
        hidden = [r for r in ranked if r[1] is None][:2]  # a few places with too few notes, named as hidden
        items = [(name.replace("_", " "), v) for name, v in shown + hidden]
        if not items:
            none.append(Para(f"No note in this view names a place and describes feeling {feeling}."))
            continue
        figures.append(Figure(f"Where young people feel {feeling}", charts.bars(
            items, t, f"Places named in notes describing feeling {feeling}, most named first",
            charts.PALETTE[1] if feeling == "unsafe" else charts.PALETTE[0])))
    grain = ("Counted by kind of place (every park together, every station together), because single places "
             "have too few notes to show both feelings. " if b.place_group == "kind" else "")
    return out + [Para(f"{grain}Places ranked by the notes that name them and describe each feeling. Home "
                       "addresses and schools are removed before anything is stored.", small=True),
                  *([Columns(tuple(figures))] if figures else []), *none]


def _gaps(b: Briefing) -> list[Block]:
    g, t = b.gaps, b.threshold
    out: list[Block] = [Heading("Who is missing"), Heading("High indicators, few voices", 3)]
    if g.flagged:
        out.append(TableBlock(("Area", "Month", "Indicator", "Indicator value", "Notes heard"), tuple(
            (r["area"], month(r["period"]), indicator_name(r["indicator"]), label(r["value"], t),
             label(r["voices"], t)) for r in g.flagged[:12]),
            "Areas and months in the top quarter for an indicator whose notes are in the bottom quarter "
            "(or too few to show).", text_cols=3))
    else:
        out.append(Para("No area and month in this view has high indicators with few voices"
                        + ("." if b.indicators else " (no indicators are loaded).")))
    out.append(Heading("Young people's own words, by area", 3))
    out.append(TableBlock(("Area", "Consultation responses"), tuple(
        (a, "none in this view" if v == 0 else label(v, t)) for a, v in g.young_by_area.items())))
    out.append(Heading("Themes nobody raised", 3))
    if g.silent:
        out.append(TableBlock(("Theme", "Not raised in"), tuple((theme_label(th), ", ".join(areas))
                                                               for th, areas in g.silent.items()),
                              "Silence can mean nobody asked.", text_cols=2))
    else:
        out.append(Para("Every theme was raised in every area in this view."))
    return out


def _quotes(b: Briefing) -> list[Block]:
    out: list[Block] = [Heading("In their words")]
    if not b.quotes:
        return out + [Para("No quotes: no area and month in this view has enough notes.")]
    ov = b.overview
    rank = {th: -(n or 0) for th, n in zip(ov.themes_by_period.rows, ov.themes_by_period.row_totals)}
    turn: dict[str, int] = {}
    order = []
    for qt in b.quotes:  # each theme's first quote, most raised theme first, then each theme's second
        turn[qt.theme] = turn.get(qt.theme, -1) + 1
        order.append((turn[qt.theme], rank.get(qt.theme, 0), qt))
    seen: dict[str, Quote] = {}
    for _, _, qt in sorted(order, key=lambda x: x[:2]):  # a note raising two themes is quoted once
        seen.setdefault(qt.text, qt)
    return out + [QuoteBlock(qt.text, f"{theme_label(qt.theme)} \u00b7 {KIND_WORDS.get(qt.kind, qt.kind)} \u00b7 "
                                      f"{qt.area}, {month(qt.period)}") for qt in list(seen.values())[:QUOTES]]


METHOD_HEADING = "How these figures were made"


def blocks(b: Briefing) -> list[Block]:
    """The whole briefing, top to bottom."""
    return [*_headline(b), *_themes_and_indicators(b), *_trends(b), *_places(b), *_gaps(b), *_quotes(b),
            Heading(METHOD_HEADING), Bullets(tuple(method_lines(b.threshold)))]

