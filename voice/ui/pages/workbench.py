"""Analyst workbench: label notes (accept, reject or add themes), agreement between annotators
(Cohen's kappa), and the theme models: compare, promote, roll back. Analysts and admins only."""
import importlib.util

import pandas as pd
import streamlit as st

from voice import registry
from voice.errors import VoiceError
from voice.store import queries as q
from voice.ui import common as c

MODEL = "themes"


def kappa_words(k: float | None) -> str:
    if k is None:
        return "not enough variation to tell"
    return ("poor" if k < 0.4 else "moderate" if k < 0.6 else "good" if k < 0.8 else "very good")


user, role = c.guard("workbench.py")
st.title("Analyst workbench")
st.caption("Individual redacted notes are shown here so analysts can check and improve the theme model. "
           "Leads only ever see totals and quotes.")
db, settings = c.db(), c.settings()
label_tab, agree_tab, model_tab, topic_tab = st.tabs(["Label notes", "Agreement", "Models", "Topics"])

with label_tab:
    themes = q.themes_known(db)
    notes = q.notes_to_label(db, user, limit=5)
    if not notes:
        c.empty_state("There are no notes left for you to label.")
    for note in notes:
        with st.form(f"label_{note.id}"):
            st.markdown(f"**Note {note.id}** \u00b7 {c.KIND_LABELS.get(note.kind, note.kind)} \u00b7 {note.area}, {note.period}")
            st.markdown(c.plain(note.text))
            suggested = ", ".join(f"{q.theme_label(t)} ({s:.2f})" for t, s in sorted(note.suggested.items())) or "none"
            st.caption(f"Suggested by the model: {suggested}")
            chosen = st.multiselect("Themes in this note", themes, default=[t for t in note.suggested if t in themes],
                                    format_func=q.theme_label, key=f"themes_{note.id}",
                                    help="Remove a suggestion to reject it; add any theme the model missed.")
            if st.form_submit_button("Save labels"):
                q.save_labels(db, note.id, user, {t: t in chosen for t in themes})
                st.rerun()

with agree_tab:
    summary = q.label_summary(db)
    if not summary:
        st.info("No labels yet. Label notes on the first tab; when two analysts label the same notes, "
                "their agreement appears here.")
    else:
        st.dataframe(pd.DataFrame(summary).rename(columns=str.capitalize), hide_index=True)
        pairs = q.agreement(db)
        if not pairs:
            st.info("No two analysts have labelled the same note yet. Notes another analyst labelled are offered first.")
        for p in pairs:
            k = p["kappa"]
            st.metric(f"{p['first']} and {p['second']}: Cohen's kappa", "n/a" if k is None else f"{k:.2f}",
                      help=f"Over {p['decisions']} theme decisions on {p['notes']} shared notes. "
                           "1 is perfect agreement, 0 is what chance alone gives.")
            st.caption(f"Agreement is {kappa_words(k)}.")

with model_tab:
    versions = registry.list_versions(settings.model_dir, MODEL)
    if not versions:
        st.info("No theme model is saved yet. Run `voice train` to build one.")
    else:
        record = registry.active_record(db, MODEL)
        active = record.version if record else versions[-1].version
        st.write(f"Active version: **{active}**" + ("" if record else " (newest on disk; none promoted yet)"))
        st.dataframe(pd.DataFrame([{"Version": v.version, "Kind": v.card.get("kind", ""), "Created": v.created,
                                    "Trained on": v.card.get("training_examples", 0),
                                    "Macro F1": v.card.get("metrics", {}).get("macro_f1")} for v in versions]),
                     hide_index=True)
        names = [v.version for v in versions]
        candidate = st.selectbox("Candidate version", names, index=len(names) - 1, key="candidate")
        per_theme = {v.version: v.card.get("metrics", {}).get("per_theme", {}) for v in versions}
        if per_theme[candidate] or per_theme.get(active):
            table = pd.DataFrame({"Theme": [q.theme_label(t) for t in q.DEFAULT_THEMES],
                                  f"Active ({active})": [per_theme.get(active, {}).get(t, {}).get("f1") for t in q.DEFAULT_THEMES],
                                  f"Candidate ({candidate})": [per_theme[candidate].get(t, {}).get("f1") for t in q.DEFAULT_THEMES]})
            st.dataframe(table, hide_index=True)
        else:
            st.info("These model cards hold no per-theme scores yet. Run `voice evaluate` to add them.")
        a, b = st.columns(2)
        try:
            if a.button(f"Promote {candidate}", disabled=candidate == active, key="promote"):
                registry.promote(db, settings.model_dir, MODEL, candidate, user)
                c.tagger.clear()
                st.rerun()
            if b.button("Roll back to the previous version", disabled=not (record and record.previous_version),
                        key="rollback"):
                registry.rollback(db, settings.model_dir, MODEL, user)
                c.tagger.clear()
                st.rerun()
        except VoiceError as exc:
            c.show_error(exc)
        st.caption("Retraining from this page is not available yet: run `voice train` on the server; "
                   "it writes a new version that appears here for comparison.")

with topic_tab:
    if importlib.util.find_spec("voice.themes.topics") is None:
        st.info("Topic discovery is not available yet: it arrives with the BERTopic model.")
    else:
        st.info("Topic discovery is installed; run `voice topics` to fit it. Browsing topics here is not available yet.")
