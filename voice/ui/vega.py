"""Draw Altair charts without re-checking them against the Vega-Lite schema on every page run.

Altair validates a chart against the whole Vega-Lite JSON schema each time Streamlit turns it
into a spec: about half of a warm dashboard run (0.5 s of 1.3 s at 50,000 notes on a busy
machine). The charts are built by our own functions, whose specs the tests validate
(tests/ui/test_charts.py calls `to_dict()`, which does), so the pages skip it. For the same reason Altair's debug mode, which validates every chart
part as it is built (about 1 s of a first Places run on a loaded machine), is off in the app: a
chart's `to_dict()` in the tests still validates the whole spec.
"""
from __future__ import annotations

import functools
from typing import TypeVar

import altair as alt

C = TypeVar("C", bound=alt.TopLevelMixin)
alt.utils.schemapi.disable_debug_mode()


def unvalidated(chart: C) -> C:
    """The same chart; Streamlit's `to_dict()` on it skips the schema validation."""
    object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
    return chart
