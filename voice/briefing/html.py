"""The briefing as one self-contained HTML page: inline SVG charts, no script, prints on A4."""
from __future__ import annotations

from html import escape

from voice.briefing import charts
from voice.briefing.content import (TITLE, Block, Bullets, Columns, Figure, Heading, KeyNumbers, Para, QuoteBlock,
                                    TableBlock, blocks)
from voice.briefing.data import Briefing

STYLE = """body{font-family:"Source Sans Pro",system-ui,Arial,sans-serif;max-width:800px;margin:1.5em auto;color:#222;
line-height:1.35}h1{margin:0 0 .3em;font-size:1.7em}h2{margin:1.4em 0 .4em;border-bottom:2px solid #0072B2}
h3{margin:1em 0 .3em;font-size:1.05em}.small{color:#555;font-size:.85em}.nums{display:flex;gap:2.5em;margin:1em 0}
.num b{display:block;font-size:1.9em;color:#0072B2}.cols{display:flex;gap:1.5em;flex-wrap:wrap}
figure{margin:.6em 0}figcaption{font-weight:600;margin-bottom:.3em}
table{border-collapse:collapse;font-size:12px;margin:.3em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
th:first-child,td:first-child{text-align:left}tbody th{font-weight:normal}.t{text-align:left}
thead th{background:#f0f4f8}caption{text-align:left;color:#555;font-size:12px;caption-side:bottom;padding-top:.2em}blockquote{margin:.5em 0;padding:.3em .8em;
border-left:4px solid #0072B2;background:#f4f8fb}blockquote footer{font-size:12px;color:#555}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}figure,table,blockquote{break-inside:avoid}}"""


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return f'<p{" class=small" if block.small else ""}>{escape(block.text)}</p>'
    if isinstance(block, KeyNumbers):
        return '<div class="nums">' + "".join(f'<div class="num"><b>{escape(n)}</b>{escape(what)}</div>'
                                              for n, what in block.items) + "</div>"
    if isinstance(block, Figure):
        return f"<figure><figcaption>{escape(block.title)}</figcaption>{charts.svg(block.chart)}</figure>"
    if isinstance(block, Columns):
        return '<div class="cols">' + "".join(_block(f) for f in block.figures) + "</div>"
    if isinstance(block, TableBlock):
        words = [' class="t"' if i < block.text_cols else "" for i in range(len(block.header))]  # left-aligned
        head = "".join(f'<th scope="col"{words[i]}>{escape(h)}</th>' for i, h in enumerate(block.header))
        body = "".join("<tr>" + "".join(f'<th scope="row">{escape(c)}</th>' if i == 0
                                        else f"<td{words[i]}>{escape(c)}</td>" for i, c in enumerate(row)) + "</tr>"
                       for row in block.rows)
        caption = f"<caption>{escape(block.caption)}</caption>" if block.caption else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if isinstance(block, QuoteBlock):
        return f"<blockquote>{escape(block.text)}<footer>{escape(block.source)}</footer></blockquote>"
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"


def html_page(b: Briefing) -> str:
    """A self-contained briefing a lead can open in any browser, forward or print."""
    body = "\n".join(_block(block) for block in blocks(b))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>voice briefing</title>'
            f"<style>{STYLE}</style></head><body><h1>{escape(TITLE)}</h1>\n{body}</body></html>")
