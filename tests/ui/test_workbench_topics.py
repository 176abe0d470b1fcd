"""Workbench Topics tab: topics over time and by area from a small fitted model, suppressed."""
from __future__ import annotations

import re

import pytest

from tests.topics.helpers import ingest_rows, quick, topic_rows
from tests.ui.conftest import signed_in, texts

LABEL = re.compile(r"^\d+ \u00b7 (EMERGING|New theme: .+|[A-Z][a-z ]+): .+\u2026$")


@pytest.fixture
def topic_store(empty_db, settings, tmp_path, monkeypatch):
    """120 stored notes in three clusters and a topic version fitted on them (PCA stage: fast)."""
    from voice.settings import get_settings
    from voice.themes.embeddings import StaticEmbedder
    from voice.jobs.topic_fit import store_notes
    from voice.themes.topics_train import fit_version

    ingest_rows(empty_db, settings, topic_rows())
    root = tmp_path / "models"
    monkeypatch.setenv("VOICE_MODEL_DIR", str(root))
    get_settings.cache_clear()
    version, _, _ = fit_version(store_notes(empty_db), root / "topics", quick(StaticEmbedder()))
    return empty_db, root / "topics", version


def _tab(at, label: str):
    return next(t for t in at.tabs if t.label == label)


def _charts(tab) -> list:
    """The data of each Altair chart in the tab (AppTest has no chart element; read its Arrow datasets)."""
    import pyarrow as pa

    return [pa.ipc.open_stream(e.proto.datasets[0].data.data).read_all().to_pandas()
            for e in tab if getattr(e, "type", "") == "vega_lite_chart"]


def test_topics_tab_charts_assigned_topics_over_time_and_by_area(topic_store):
    from voice.jobs.topic_assign import assign_version
    from voice.store.labelling import map_topic

    db, topics_dir, version = topic_store
    assign_version(db, topics_dir)
    map_topic(db, version, 0, "analyst", proposed_theme="climate worries")
    at = signed_in("analyst", "workbench.py")
    assert not at.exception, at.exception
    tab = _tab(at, "Topics")
    assert "Topics over time and by area" in [s.value for s in tab.subheader]
    trend, heat = _charts(tab)  # the largest topics by month, and every topic by area
    assert set(trend.columns) >= {"topic", "period", "notes"} and set(trend["period"]) == {"2025-01", "2025-02",
                                                                                          "2025-03"}
    assert trend["topic"].nunique() <= 5 and all(LABEL.match(t) for t in trend["topic"])
    for chart in (trend, heat):  # a hidden count is absent from the data, not drawn as a number
        small = chart["notes"].between(1, 7)
        assert not small.any() and (chart.loc[chart["notes"].isna(), "shown"] == "fewer than 8, hidden").all()
    assert heat["notes"].isna().any() and (heat.loc[heat["notes"].isna(), "text"] == "<8").all()
    assert any("counted once" in cap.value and "<8" in cap.value for cap in tab.caption)
    table = tab.dataframe[1].value.set_index("Topic")
    topics = [t for t in table.index if t != "No clear topic"]
    assert topics and all(LABEL.match(t) for t in topics), topics
    assert any(t.startswith("0 \u00b7 New theme: climate worries: ") for t in topics)  # the analyst's mapping
    assert list(table.columns) == ["Harbour", "North", "South", "All areas"]
    assert (table["Harbour"] == "<8").any()  # about four Harbour notes per topic: never a number
    assert all(v in ("<8", "0") or int(v.replace(",", "")) >= 8 for v in table.to_numpy().ravel())
    assert "Not assigned yet" not in texts(at)


def test_topics_tab_says_how_to_assign_and_flags_later_notes(topic_store, settings):
    from streamlit import cache_data

    from voice.jobs.topic_assign import assign_version

    db, topics_dir, version = topic_store
    at = signed_in("analyst", "workbench.py")
    assert not at.exception, at.exception
    assert any(f"voice topics assign {version}" in i.value for i in _tab(at, "Topics").info)
    assign_version(db, topics_dir)
    ingest_rows(db, settings, topic_rows(n_per_cluster=4, seed=11, start=900), "later.csv")
    cache_data.clear()
    at = signed_in("analyst", "workbench.py")
    tab = _tab(at, "Topics")
    assert any("stored after the topics were assigned" in w.value for w in tab.warning)
    assert any(t.startswith("Not assigned yet") for t in tab.dataframe[1].value["Topic"])
