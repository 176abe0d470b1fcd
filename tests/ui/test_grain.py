"""When most of a view is hidden the page says so and offers a coarser grain that shows more."""
from __future__ import annotations

import re

from tests.ui.conftest import signed_in, texts


def _hidden(at) -> tuple[int, int]:
    """The first "N of M values in this view hidden" caption (the theme trend)."""
    for cap in at.caption:
        m = re.match(r"(\d+) of (\d+) values in this view hidden", cap.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    return 0, 0


def test_one_small_area_by_month_is_mostly_hidden_and_a_year_shows_more(seeded_db):
    at = signed_in("lead", "dashboard.py")
    at.selectbox(key="f_areas").set_value("South").run()  # 10 notes a month: 6 name the park
    hidden, total = _hidden(at)
    assert total and hidden * 2 > total, texts(at)
    assert any("Counting by quarter" in w.value and "all areas" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Show by quarter").click().run()
    assert not at.exception, at.exception
    assert at.session_state["grain"] == "quarter"
    assert "Quarters: 1" in texts(at)  # three months in one quarter: 18 park notes, shown
    hidden_q, total_q = _hidden(at)
    assert hidden_q < hidden and total_q < total
