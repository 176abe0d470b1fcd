"""The workbench's Models tab: compare a candidate with the live theme model on the same notes,
confirm, promote or roll back, follow the re-tag, and retrain from analysts' labels.

Thin: every step is a `voice.jobs` function (the CLI calls the same ones). The re-tag runs as
`voice jobs run ID` in the background so the page stays responsive; it is resumable, so a
server restart only pauses it."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import streamlit as st

from voice import registry
from voice.errors import VoiceError
from voice.jobs import compare, promotion, retag, training
from voice.store import catalog
from voice.store import jobs as job_table
from voice.store import queries as q
from voice.ui import resources
from voice.ui.escaping import show_error

MODEL = "themes"
NOTHING = "no evaluation notes"  # a comparison was asked for, but there was nothing to score on


def start_in_background(job_id: int) -> None:
    """Run a queued job in its own process (it writes its progress to the jobs table)."""
    subprocess.Popen([sys.executable, "-m", "voice", "jobs", "run", str(job_id)], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def show_comparison(result: compare.Comparison) -> None:
    """Both versions' scores on the same notes, per theme and overall, with intervals and warnings."""
    where = ", ".join(f"{n} {s}" for s, n in result.sources.items())
    live, cand = result.live, result.candidate
    table = pd.DataFrame({"Theme": [q.theme_label(t) for t in result.per_theme],
                          f"Live ({live.version})": [a for a, _ in result.per_theme.values()],
                          f"Candidate ({cand.version})": [b for _, b in result.per_theme.values()]})
    table["Change"] = table.iloc[:, 2] - table.iloc[:, 1]
    st.dataframe(table, hide_index=True, column_config={"Change": st.column_config.NumberColumn(format="%+.3f")})
    lo, hi = result.macro_diff_ci
    st.write(f"Both scored on the same **{result.n}** notes ({where}). Macro F1: live {live.macro_f1:.3f} "
             f"(95% CI {live.macro_ci[0]:.3f}\u2013{live.macro_ci[1]:.3f}), candidate {cand.macro_f1:.3f} "
             f"({cand.macro_ci[0]:.3f}\u2013{cand.macro_ci[1]:.3f}); change {cand.macro_f1 - live.macro_f1:+.3f} "
             f"(95% CI {lo:+.3f} to {hi:+.3f}).")
    for warning in result.warnings:
        st.warning(f"Before promoting: {warning}")


def retag_status(db, live: str) -> None:  # type: ignore[no-untyped-def]
    """Progress of the re-tag to the live version, or a button to start one when notes are behind."""
    job = job_table.open_job(db, retag.KIND, MODEL)
    waiting = retag.stale_count(db, live)
    if job is not None:
        st.progress(job.share, text=f"Re-tagging the stored notes with {job.version}: {job.done:,} of "
                                    f"{job.total:,} ({job.status}). Figures count only notes already re-tagged.")
        a, b = st.columns(2)
        if a.button("Refresh", key="retag_refresh"):
            st.rerun()
        if b.button("Resume in the background", key="retag_resume",
                    help="If the server restarted, the job waits here; it continues where it stopped."):
            start_in_background(job.id)
            st.rerun()
    elif waiting:
        st.warning(f"{waiting:,} stored notes were tagged by an earlier version; figures leave them out.")
        if st.button(f"Re-tag them with {live}", key="retag_start"):
            start_in_background(retag.start(db, live, st.session_state["user"]).id)
            st.rerun()


def render(db, settings, user: str) -> None:  # type: ignore[no-untyped-def]
    versions = registry.list_versions(settings.model_dir, MODEL)
    live = resources.theme_version()
    if not versions or live is None:
        st.info("No theme model is saved yet. Run `voice train` to build one.")
        return
    record = catalog.live_record(db, MODEL)
    st.write(f"Live version: **{live}** (promoted by {record.promoted_by})" if record else f"Live version: **{live}**")
    newer = promotion.newer_default(db, settings.model_dir, MODEL)
    if newer:
        st.info(f"A newer shipped default, {newer.version}, is available as a candidate: compare it below.")
    retag_status(db, live)
    st.dataframe(pd.DataFrame([{"Version": v.version, "Kind": v.card.get("kind", ""), "Created": v.created,
                                "Trained on (notes)": v.card.get("training_examples", 0),
                                "Live": "yes" if v.version == live else ""} for v in versions]), hide_index=True)
    others = [v.version for v in versions if v.version != live]
    if not others:
        st.caption("Only the live version is saved: train a candidate to compare with it.")
    else:
        candidate = st.selectbox("Candidate version", others, index=len(others) - 1, key="candidate",
                                 help="Scored beside the live version on the same evaluation notes.")
        key = ("comparison", live, candidate)
        if st.button("Compare on the same notes", key="compare"):
            with st.spinner("Tagging the evaluation notes with both versions\u2026"):
                try:
                    st.session_state[key] = compare.compare_live(db, settings, MODEL, candidate) or NOTHING
                except VoiceError as exc:
                    show_error(exc)
        result = st.session_state.get(key)
        if isinstance(result, compare.Comparison):
            show_comparison(result)
        elif result == NOTHING:
            st.warning("There are no evaluation notes to score both versions on (no gold dev split and no "
                       "held-back labelled notes). Label notes on the first tab to compare like with like.")
        sure = st.checkbox(f"I have compared {candidate} with {live} and want every stored note re-tagged with it",
                           key="confirm_promote", disabled=result is None)
        if st.button(f"Promote {candidate}", disabled=not sure, key="promote"):
            try:
                summary = result.summary() if isinstance(result, compare.Comparison) else None
                done = promotion.promote(db, settings.model_dir, MODEL, candidate, user, summary)
            except VoiceError as exc:
                show_error(exc)
            else:
                if done.job:
                    start_in_background(done.job.id)
                st.rerun()
    if record and record.previous_version and st.button(f"Roll back to {record.previous_version}", key="rollback"):
        done = promotion.rollback(db, settings.model_dir, MODEL, user)
        if done.job:
            start_in_background(done.job.id)
        st.rerun()
    st.divider()
    st.write("**Retrain** from the notes analysts have labelled here (a tenth is held back to tune and check it). "
             "The new version is a candidate: nothing changes until it is compared and promoted.")
    if st.button("Retrain now", key="retrain"):
        try:
            # the same split and messages (with counts) as `voice train --from-store`
            train, dev = training.store_split(db)
            bar, done, total = st.progress(0.0, text="Training\u2026"), [0], max(1, 3 * len(train))  # 3 epochs

            def step(n: int) -> None:
                done[0] += n
                bar.progress(min(1.0, done[0] / total), text=f"Training: {min(done[0], total):,} of {total:,} steps")

            path = training.train(db, train, dev, settings.model_dir, actor=user, source="store labels", progress=step)
        except VoiceError as exc:
            show_error(exc)
        else:
            st.success(f"Saved candidate {path.name}. Compare it above, then promote it if it is better.")
            for warning in registry.get_version(settings.model_dir, MODEL, path.name).card.get("warnings", []):
                st.warning(f"Before promoting: {warning}")
