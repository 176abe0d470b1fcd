"""The 95% intervals beside the reports' shares: worked values, edges, and what resampling by record means."""
from __future__ import annotations

import pytest

from evaluation.metrics.intervals import record_bootstrap, wilson
from evaluation.metrics.redaction import redaction_report
from evaluation.public_nhs import redaction_metrics
from evaluation.public_wnut import Post, wnut_metrics


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (30, 52, 0.4419, 0.7013),   # a lower-case name figure: 57.7%, and how far it could move
    (0, 10, 0.0, 0.2775),       # nothing found in ten is not "0% and certain"
    (10, 10, 0.7225, 1.0),
    (14, 2310, 0.0036, 0.0101),
])
def test_wilson_worked_values(k, n, low, high):
    lo, hi = wilson(k, n)
    assert lo == pytest.approx(low, abs=1e-4) and hi == pytest.approx(high, abs=1e-4)
    assert lo <= k / n <= hi


def test_wilson_needs_something_to_count():
    assert wilson(0, 0) is None
    with pytest.raises(ValueError):
        wilson(5, 4)


def test_record_bootstrap_is_seeded_and_brackets_the_figure():
    counts = [(3, 3)] * 40 + [(1, 3)] * 10 + [(0, 0)] * 5
    first, again = record_bootstrap(counts, seed=1), record_bootstrap(counts, seed=1)
    assert first == again
    share = sum(h for h, _ in counts) / sum(t for _, t in counts)
    assert first[0] < share < first[1]
    assert record_bootstrap([(2, 2), (5, 5)]) == (1.0, 1.0)  # nothing leaked anywhere: nothing to move
    assert record_bootstrap([(0, 0)]) is None and record_bootstrap([]) is None


def test_tokens_that_leak_together_widen_the_interval():
    """The same 20 leaked tokens of 200: spread one per record, or all in two records. Resampling by record
    shows the second is the less certain figure, which counting tokens one by one would hide."""
    spread = [(9, 10)] * 20
    bunched = [(0, 10)] * 2 + [(10, 10)] * 18
    lo_s, hi_s = record_bootstrap(spread)
    lo_b, hi_b = record_bootstrap(bunched)
    assert hi_s - lo_s < 0.01 < hi_b - lo_b


def test_reports_carry_their_intervals():
    records = [{"id": str(i), "text": "Kai met Jo", "pii": [{"start": 0, "end": 3, "type": "PERSON"},
                                                           {"start": 8, "end": 10, "type": "PERSON"}]} for i in range(4)]
    found = [[{"start": 0, "end": 3, "type": "PERSON"}]] * 4
    for r in records[:2]:
        r["keep"] = [{"start": 4, "end": 7, "type": "PUBLIC_PLACE"}]  # "met" stands in for a place both times
    report = redaction_report(records, found)
    token, places = report["token"], report["places"]
    assert token["recall"] == 0.5 and token["recall_ci"] == (0.5, 0.5)
    assert places["retention"] == 1.0 and places["retention_ci"] == (1.0, 1.0)
    wnut = wnut_metrics([Post("kai said hi", ((0, 3, "person"),))], [[]])
    assert wnut["lower_case_coverage"] == 0.0 and wnut["lower_case_coverage_ci"] == wilson(0, 1)
    nhs = redaction_metrics(["The ward was calm", "Nurse Bob was kind"], [[], []])
    assert nhs["phantom_name_share_ci"] == wilson(0, 2)
