"""Every chart carries its text alternative: a table of exactly the values the chart was given,
hidden ones saying "hidden (fewer than 8)", never 0 and never blank."""
from __future__ import annotations

import math

import pandas as pd

from tests.ui.conftest import published, signed_in
from voice.ui import charts

T = 8
ROWS = pd.DataFrame([dict(theme="Safety", period="2025-01", notes=12.0), dict(theme="Safety", period="2025-02", notes=None),
                     dict(theme="Places", period="2025-01", notes=0.0), dict(theme="Places", period="2025-02", notes=9.0)])


def _chart_values(chart, rows: str, cols: str, value: str) -> dict[tuple[str, str], float | None]:
    """(row, col) -> value, read from the data the chart itself carries."""
    data = next(iter(chart.to_dict()["datasets"].values()))
    return {(r[rows], r[cols]): r[value] for r in data}


def test_the_table_holds_the_charts_own_values_with_hidden_cells_named():
    chart = charts.trend(ROWS, "notes", "theme", T, title="t", y_title="Notes", periods=["2025-01", "2025-02"])
    table = charts.chart_table(ROWS, "theme", "notes", T, cols="period", title="t", row_title="Theme")
    frame = table.frame.set_index("Theme")
    assert list(frame.index) == ["Safety", "Places"] and list(frame.columns) == ["2025-01", "2025-02"]
    for (theme, period), v in _chart_values(chart, "theme", "period", "notes").items():
        expected = "hidden (fewer than 8)" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.0f}"
        assert frame.loc[theme, period] == expected
    assert frame.loc["Places", "2025-01"] == "0"  # a true zero stays 0; only a hidden value is hidden


def test_a_single_series_table_and_a_share_table():
    bars = pd.DataFrame([dict(source="Team A", flags=14.0), dict(source="Team B", flags=None)])
    table = charts.chart_table(bars, "source", "flags", T, title="b", row_title="Source", value_title="Phrases")
    assert table.frame.to_dict("records") == [{"Source": "Team A", "Phrases": "14"},
                                              {"Source": "Team B", "Phrases": "hidden (fewer than 8)"}]
    shares = ROWS.assign(share=[42.5, None, 0.0, 30.0])
    table = charts.chart_table(shares, "theme", "share", T, cols="period", title="s", row_title="Theme", unit="%",
                               hidden="not shown (fewer than 20 notes)")
    assert table.frame.set_index("Theme").loc["Safety"].tolist() == ["42.5%", "not shown (fewer than 20 notes)"]


def _pairs(at) -> list[tuple[list, list]]:
    """(values each chart draws, cells of its "Table of this chart") for every chart on the page, in
    page order; both as words, with every hidden value as "hidden"."""
    import pyarrow as pa

    def word(v: str) -> str:
        return "hidden" if v.startswith(("hidden", "not shown", "fewer than")) else v.rstrip("%")

    drawn, tables = [], []
    for e in at.main:
        if getattr(e, "type", "") == "vega_lite_chart":
            frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in e.proto.datasets]
            drawn.append(sorted(word(v) for f in frames for v in f["shown"]))
        elif getattr(e, "type", "") == "expander" and e.label == charts.TABLE_LABEL:
            tables.append(sorted(word(v) for t in e.table for v in t.value.iloc[:, 1:].to_numpy().ravel()
                                 if v != charts.NO_VALUE))
    assert len(drawn) == len(tables)
    return list(zip(drawn, tables))


def _open_tables(at):  # type: ignore[no-untyped-def]
    """Open every "Table of this chart" on the page (as clicking each would) and rerun."""
    closed = [e for e in at.expander if e.label == charts.TABLE_LABEL]
    assert closed and not any(e.table for e in closed)  # drawn only when opened
    for key in [k for k in at.session_state if k.startswith("table_")]:
        at.session_state[key] = True
    return at.run()


def test_every_chart_on_the_lead_pages_has_its_table_of_the_same_values(seeded_db):
    from voice.store.models import Note

    for page in ("dashboard.py", "places.py", "gaps.py", "language.py"):
        at = _open_tables(signed_in("lead", page))
        assert not at.exception, at.exception
        pairs = _pairs(at)
        assert pairs, page
        for drawn, table in pairs:
            assert drawn == table, page
    at = _open_tables(signed_in("lead", "gaps.py"))
    grid = next(e for e in at.expander if e.label == charts.TABLE_LABEL).table[0].value.set_index("Month")
    # Harbour has 3 notes a month: hidden, said so, never 0; North's cell is the cell-keyed count
    assert set(grid["Harbour"]) == {"hidden (fewer than 8)"}
    assert grid.loc["2025-01", "North"] == published(seeded_db, Note.area == "North", Note.period == "2025-01")
