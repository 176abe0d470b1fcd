"""Analyst workbench: label notes (accept, reject or add themes), agreement between annotators
(Cohen's kappa), the theme models (compare, promote, roll back), topics, and the REFI-QDA exchange
(notes out to a QDA tool, a codebook back for review). Analysts and admins only."""
import pandas as pd
import streamlit as st

from voice import registry
from voice.disclosure import label, protect_series
from voice.errors import VoiceError
from voice.stages import live_version
from voice.store import labelling
from voice.store import queries as q
from voice.store import topic_queries as tq
from voice.themes.review import rank_for_labelling
from voice.ui import charts, exchange_tab, models_tab, resources, views
from voice.ui.escaping import escape, plain, show_error
from voice.ui.filters import KIND_LABELS
from voice.ui.page import SMALL_PRINT, empty_state



def topic_name(topic: int | str, card_rows: dict[int, dict], decided: dict) -> str:
    """'12 \u00b7 EMERGING: bus, station, night\u2026', or the theme an analyst (or the model) mapped it to."""
    if topic == tq.NO_TOPIC:
        return "No clear topic"
    if topic == tq.UNASSIGNED:
        return "Not assigned yet (stored since the last assignment)"
    row = card_rows.get(topic, {})
    theme, proposed = decided.get(topic, (None, None))
    name = (q.theme_label(theme) if theme else f"New theme: {proposed}" if proposed
            else q.theme_label(row["theme"]) if row.get("theme") else "EMERGING")
    words = ", ".join(row.get("words", [])[:3])
    return f"{topic} \u00b7 {name}" + (f": {words}\u2026" if words else "")


def topics_over_time_and_area(version: str, card_rows: dict[int, dict], decided: dict) -> None:
    """Charts of the assigned topics by month and by area, suppressed like the dashboard's themes."""
    t, url = settings.suppression_threshold, settings.database_url
    st.subheader("Topics over time and by area")
    counts = views.topic_counts(url, views.version(), tq.topics_state(db, version), version, q.Filters(), t)
    if not counts.assigned:
        st.info(f"The notes have not been given topics from {version} yet. Run `voice topics assign {version}` "
                "on the server (`voice topics promote VERSION` does it when a version is made live; uploads are "
                "assigned as they are stored).")
        return
    st.caption("Each stored note is counted once, under the topic it is closest to (or 'No clear topic'). "
               + SMALL_PRINT.format(t=t))
    if counts.stale:
        st.warning("Some notes were stored after the topics were assigned; they show as 'Not assigned yet'. "
                   f"Run `voice topics assign {version}` to include them.")
    name = {topic: topic_name(topic, card_rows, decided) for topic in counts.by_period.rows}
    totals = dict(zip(counts.by_period.rows, counts.by_period.row_totals))
    ranked = [r for r in counts.by_period.rows if isinstance(r, int) and r != tq.NO_TOPIC]
    ranked.sort(key=lambda r: -(totals[r] or 0))
    if ranked:
        top_n = st.slider("Topics to chart", 1, min(8, len(ranked)), min(5, len(ranked)), key="topics_top_n",
                          help="The largest topics are charted; the table below has them all.") \
            if len(ranked) > 1 else 1
        chosen = ranked[:top_n]
        periods = list(counts.by_period.cols)
        trend = pd.DataFrame([dict(topic=name[r], period=p, notes=v) for r, p, v in counts.by_period.long()
                              if r in chosen])
        title = "Notes in each of the largest topics, by month"
        charts.show_with_table(charts.trend(trend, "notes", "topic", t, title=title, y_title="Notes", periods=periods),
                               charts.chart_table(trend, "period", "notes", t, cols="topic", title=title,
                                                  row_title="Month"))
    grid = pd.DataFrame([dict(topic=name[r], area=a, notes=v) for r, a, v in counts.by_area.long()])
    title = "Notes in each topic, by area"
    charts.show_with_table(charts.heatmap(grid, "area", "topic", "notes", t, title=title, x_title="Area",
                                          y_title="Topic"),
                           charts.chart_table(grid, "topic", "notes", t, cols="area", title=title, row_title="Topic"))
    table = pd.DataFrame({"Topic": [name[r] for r in counts.by_area.rows],
                          **{a: [label(v, t) for v in col] for a, col in
                             zip(counts.by_area.cols, zip(*counts.by_area.values))},
                          "All areas": [label(v, t) for v in counts.by_area.row_totals]})
    with st.expander("The same counts by area as a table"):
        st.dataframe(table, hide_index=True, width="stretch")


def kappa_words(k: float | None) -> str:
    if k is None:
        return "not enough variation to tell"
    return ("poor" if k < 0.4 else "moderate" if k < 0.6 else "good" if k < 0.8 else "very good")


user, role = resources.guard("workbench.py")
st.title("Analyst workbench")
st.caption("Individual redacted notes are shown here so analysts can check and improve the theme model. "
           "Leads only ever see totals and quotes.")
db, settings = resources.db(), resources.settings()
label_tab, agree_tab, model_tab, topic_tab, qda_tab = st.tabs(["Label notes", "Agreement", "Models", "Topics",
                                                               "QDA exchange"])

with label_tab:
    themes = q.themes_known(db)
    t = settings.suppression_threshold
    st.caption(f"Notes awaiting review (a theme the model was unsure of, not counted in dashboards until someone "
               f"labels the note): {label(q.awaiting_review(db, q.Filters(), t), t)}. Below are the notes the "
               "model is least sure of.")
    notes = labelling.notes_to_label(db, user, limit=5, rank=rank_for_labelling)
    if not notes:
        empty_state("There are no notes left for you to label.")
    for note in notes:
        with st.form(f"label_{note.id}"):
            st.markdown(f"**Note {note.id}** \u00b7 {KIND_LABELS.get(note.kind, note.kind)} \u00b7 {escape(note.area)}, {note.period}")
            st.markdown(plain(note.text))
            suggested = ", ".join(f"{escape(q.theme_label(t))} ({s:.2f})" for t, s in sorted(note.suggested.items())) or "none"
            st.caption(f"Suggested by the model: {suggested}")
            chosen = st.multiselect("Themes in this note", themes, default=[t for t in note.suggested if t in themes],
                                    format_func=q.theme_label, key=f"themes_{note.id}",
                                    help="Remove a suggestion to reject it; add any theme the model missed.")
            if st.form_submit_button("Save labels"):
                labelling.save_labels(db, note.id, user, {t: t in chosen for t in themes})
                st.rerun()

with agree_tab:
    summary = labelling.label_summary(db)
    if not summary:
        st.info("No labels yet. Label notes on the first tab; when two analysts label the same notes, "
                "their agreement appears here.")
    else:
        st.dataframe(pd.DataFrame(summary).rename(columns=str.capitalize), hide_index=True)
        pairs = labelling.agreement(db)
        if not pairs:
            st.info("No two analysts have labelled the same note yet. Notes another analyst labelled are offered first.")
        for p in pairs:
            k = p["kappa"]
            st.metric(f"{escape(p['first'])} and {escape(p['second'])}: Cohen's kappa", "n/a" if k is None else f"{k:.2f}",
                      help=f"Over {p['decisions']} theme decisions on {p['notes']} shared notes. "
                           "1 is perfect agreement, 0 is what chance alone gives.")
            st.caption(f"Agreement is {kappa_words(k)}.")

with model_tab:
    models_tab.render(db, settings, user)

with topic_tab:
    version = live_version(db, settings.model_dir, "topics")
    if version is None:
        st.info("No topic model yet. Run `voice topics fit` on the server to discover topics in the notes; "
                "they appear here with the theme each one matches, or EMERGING when none does.")
    else:
        card = registry.get_version(settings.model_dir, "topics", version).card
        topics = card.get("topics", [])
        # Topic sizes add up to the notes fitted on (with those no topic fits), so they are
        # suppressed as one series with that total, like every other count the app shows.
        t, known = settings.suppression_threshold, "n_docs" in card
        sizes = {r["id"]: r["size"] for r in topics}
        if known:
            sizes[tq.NO_TOPIC] = max(0, card["n_docs"] - sum(sizes.values()))
        published, fitted_on = protect_series(sizes, t, total=known)
        st.write(f"Topic model **{version}**, fitted on {label(fitted_on, t) if known else '?'} redacted notes.")
        decided = labelling.topic_mappings(db, version)

        def theme_cell(r: dict) -> str:
            theme, proposed = decided.get(r["id"], (None, None))
            if theme or proposed:
                return f"{q.theme_label(theme) if theme else 'New theme: ' + proposed} (set by an analyst)"
            return q.theme_label(r["theme"]) if r.get("theme") else "EMERGING (no theme covers it)"

        rows = [{"Topic": r["id"], "Notes": label(published[r["id"]], t), "Theme": theme_cell(r),
                 "Top words": ", ".join(r["words"][:8])} for r in topics]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        st.caption("Notes: how many of the notes the model was fitted on are in each topic. "
                   + SMALL_PRINT.format(t=t))
        st.caption("An EMERGING topic is something people talk about that the taxonomy does not cover yet: "
                   "map it to a theme, or propose a new theme (then add its words to the taxonomy YAML and retrain).")
        with st.form("map_topic"):
            topic = st.selectbox("Topic", [r["id"] for r in topics], key="map_topic_id")
            theme = st.selectbox("Belongs to theme", [None, *q.themes_known(db)], key="map_theme",
                                 format_func=lambda t: "(none: propose a new theme)" if t is None else q.theme_label(t))
            proposed = st.text_input("Or name a new theme", key="map_proposed").strip()
            if st.form_submit_button("Save mapping"):
                try:
                    labelling.map_topic(db, version, int(topic), user, theme_id=theme, proposed_theme=proposed or None)
                    st.rerun()
                except VoiceError as exc:
                    show_error(exc)
        topics_over_time_and_area(version, {r["id"]: r for r in topics}, decided)

with qda_tab:
    exchange_tab.render(db, settings, user)
