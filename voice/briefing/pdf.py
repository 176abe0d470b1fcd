"""The briefing as an A4 PDF, laid out with fpdf2 (pure Python: no browser, no system library)
in Source Sans Pro, a font shipped as a Python wheel, so it builds offline on a fresh machine.
Charts are drawn as vector shapes from the same `charts.Chart` as the HTML page's SVG."""
from __future__ import annotations

from functools import lru_cache

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import FontFace

from voice.briefing import charts
from voice.briefing.content import (TITLE, Block, Bullets, Columns, Figure, Heading, KeyNumbers, Para, QuoteBlock,
                                    TableBlock, blocks)
from voice.briefing.data import Briefing

FONT = "SourceSans"
MARGIN, GAP = 42.0, 11.0  # points: 15 mm page margins
BLUE, MUTED_RGB = (0, 114, 178), (85, 85, 85)


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """The characters Source Sans Pro can draw."""
    from font_source_sans_pro import font_files_ttf
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(font_files_ttf["SourceSansPro"]).getBestCmap())


def _printable(text: str) -> str:
    """`text` without characters the font lacks (emoji): fpdf2 would print a blank box and log
    a warning naming each one, and no character of a note belongs in a log."""
    glyphs = _glyphs()
    return "".join(ch for ch in text if ord(ch) in glyphs or ch in "\n\t")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class _Document(FPDF):
    def normalize_text(self, text: str) -> str:  # every string fpdf2 writes passes here
        return _printable(super().normalize_text(text))

    def footer(self) -> None:
        self.set_y(-28)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED_RGB)
        self.cell(0, 10, f"voice briefing \u00b7 small counts hidden, see \u201cHow these figures were made\u201d "
                         f"\u00b7 Page {self.page_no()} of {{nb}}", align="C")


def _document() -> _Document:
    from font_source_sans_pro import font_files_ttf

    pdf = _Document(unit="pt", format="A4")
    pdf.set_title("voice briefing")
    pdf.set_creator("voice")
    for style, name in (("", "SourceSansPro"), ("B", "SourceSansProBold"), ("I", "SourceSansProIt")):
        pdf.add_font(FONT, style, font_files_ttf[name])
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=48)
    pdf.add_page()
    return pdf


def _room(pdf: FPDF, height: float) -> None:
    """Start a new page unless `height` points fit below the cursor."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _draw(pdf: FPDF, chart: charts.Chart, x0: float, y0: float) -> None:
    for s in chart.shapes:
        if isinstance(s, charts.Rect):
            pdf.set_fill_color(*_rgb(s.fill))
            pdf.rect(x0 + s.x, y0 + s.y, s.w, s.h, style="F")
        elif isinstance(s, charts.Line):
            pdf.set_draw_color(*_rgb(s.colour))
            pdf.set_line_width(s.width)
            pdf.polyline([(x0 + x, y0 + y) for x, y in s.points])
        else:
            pdf.set_font(FONT, "I" if s.italic else "", s.size)
            pdf.set_text_color(*_rgb(s.colour))
            width = pdf.get_string_width(s.text)
            shift = {"start": 0, "middle": width / 2, "end": width}[s.anchor]
            pdf.text(x0 + s.x - shift, y0 + s.y, s.text)


def _figure(pdf: FPDF, fig: Figure, x: float, y: float) -> float:
    """Title and chart at (x, y); returns the bottom."""
    pdf.set_xy(x, y)
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(34, 34, 34)
    pdf.cell(fig.chart.width, 14, fig.title)
    _draw(pdf, fig.chart, x, y + 18)
    return y + 18 + fig.chart.height + 8


def _text(pdf: FPDF, text: str, size: float = 10, style: str = "", colour: tuple = (34, 34, 34),
          height: float | None = None) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, height or size * 1.3, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: FPDF, block: TableBlock) -> None:
    """A table as wide as its content needs: text columns on the left, counts right-aligned."""
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(34, 34, 34)
    pdf.set_draw_color(200, 200, 200)
    pdf.set_fill_color(255, 255, 255)  # the table's body takes the current fill colour
    pdf.set_line_width(0.4)
    rows = (block.header, *block.rows)
    widths = [min(260.0, max(50.0, max(pdf.get_string_width(r[i]) for r in rows) + 14))
              for i in range(len(block.header))]
    scale = min(1.0, pdf.epw / sum(widths))
    widths = [w * scale for w in widths]
    aligns = tuple("LEFT" if i < block.text_cols else "RIGHT" for i in range(len(widths)))
    with pdf.table(width=sum(widths), col_widths=widths, line_height=11, text_align=aligns, align="LEFT",
                   headings_style=FontFace(emphasis="BOLD", fill_color=(240, 244, 248))) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    if block.caption:
        _text(pdf, block.caption, 8.5, colour=MUTED_RGB)
    pdf.ln(6)


def _quote(pdf: FPDF, block: QuoteBlock) -> None:
    pdf.set_font(FONT, "", 10)
    need = pdf.multi_cell(pdf.epw - 12, 13, block.text, dry_run=True, output=MethodReturnValue.HEIGHT) + 16
    _room(pdf, need)
    top = pdf.get_y()
    pdf.set_fill_color(244, 248, 251)
    pdf.rect(MARGIN, top, pdf.epw, need, style="F")
    pdf.set_fill_color(*BLUE)
    pdf.rect(MARGIN, top, 3, need, style="F")
    pdf.set_xy(MARGIN + 10, top + 2)
    pdf.set_text_color(34, 34, 34)
    pdf.multi_cell(pdf.epw - 12, 13, block.text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*MUTED_RGB)
    pdf.cell(pdf.epw - 12, 12, block.source, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(top + need + 5)


def _height(block: Block) -> float:
    """About how tall a block is, to keep a heading on the page of what follows it."""
    if isinstance(block, Figure):
        return block.chart.height + 26
    if isinstance(block, Columns):
        return max(f.chart.height for f in block.figures) + 26
    if isinstance(block, TableBlock):
        return min(300.0, 11.0 * (len(block.rows) + 1) + 24)  # a short table is never split
    return {Heading: 34.0, Para: 20.0, KeyNumbers: 56.0}.get(type(block), 60.0)


def _keep_with_next(pdf: FPDF, following: list[Block]) -> None:
    """Start a new page unless a heading, its introduction and the first thing after them fit."""
    need = 0.0
    for block in following:
        need += _height(block)
        if not isinstance(block, (Heading, Para)):
            break
    _room(pdf, need)


def _block(pdf: FPDF, block: Block) -> None:
    if isinstance(block, Heading):
        pdf.ln(8 if block.level == 2 else 3)
        _text(pdf, block.text, 15 if block.level == 2 else 11.5, "B", BLUE if block.level == 2 else (34, 34, 34))
        pdf.ln(2)
    elif isinstance(block, Para):
        _text(pdf, block.text, 8.5 if block.small else 10, colour=MUTED_RGB if block.small else (34, 34, 34))
        pdf.ln(2)
    elif isinstance(block, KeyNumbers):
        _room(pdf, 50)
        y, width = pdf.get_y() + 4, pdf.epw / len(block.items)
        for i, (number, what) in enumerate(block.items):
            pdf.set_xy(MARGIN + i * width, y)
            pdf.set_font(FONT, "B", 22)
            pdf.set_text_color(*BLUE)
            pdf.cell(width, 26, number)
            pdf.set_xy(MARGIN + i * width, y + 26)
            pdf.set_font(FONT, "", 9)
            pdf.set_text_color(34, 34, 34)
            pdf.multi_cell(width - 10, 11, what)
        pdf.set_y(y + 52)
    elif isinstance(block, Figure):
        _room(pdf, block.chart.height + 26)
        pdf.set_y(_figure(pdf, block, MARGIN, pdf.get_y()))
    elif isinstance(block, Columns):
        _room(pdf, max(f.chart.height for f in block.figures) + 26)
        y, width = pdf.get_y(), (pdf.epw - GAP) / 2
        bottom = max(_figure(pdf, fig, MARGIN + i * (width + GAP), y) for i, fig in enumerate(block.figures))
        pdf.set_xy(MARGIN, bottom)
    elif isinstance(block, TableBlock):
        _room(pdf, _height(block))
        _table(pdf, block)
    elif isinstance(block, QuoteBlock):
        _quote(pdf, block)
    elif isinstance(block, Bullets):
        for item in block.items:  # a hanging indent: the bullet alone in the margin column
            y = pdf.get_y()
            _text(pdf, "\u2022", 9.5)
            pdf.set_xy(MARGIN + 10, y)
            pdf.multi_cell(pdf.epw - 10, 12.35, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)


def pdf_bytes(b: Briefing) -> bytes:
    """The briefing as A4 pages: the same content, in the same order, as `html_page`."""
    pdf = _document()
    _text(pdf, TITLE, 20, "B", height=24)
    content = blocks(b)
    for i, block in enumerate(content):
        if isinstance(block, Heading):
            _keep_with_next(pdf, content[i:])
        _block(pdf, block)
    return bytes(pdf.output())
