"""Uploads get their topics at once, under the live topic version (not the newest on disk)."""
from __future__ import annotations

import shutil

from sqlalchemy import func, select

from tests.topics.helpers import quick, topic_rows
from voice.store.models import AuditLog, Note, NoteTopic
from voice.themes.topics_train import TopicNote, fit_version


def test_voice_ingest_assigns_the_new_notes_to_the_live_topic_version(sqlite_db, settings, tmp_path, monkeypatch,
                                                                        static_embedder):
    import csv
    import io

    from tests.support.fakes import KeywordTagger, WordListRedactor
    from voice.cli import main
    from voice.settings import get_settings

    models = tmp_path / "models"
    notes = [TopicNote(r["text"], r["area"], r["date"][:7]) for r in topic_rows(seed=7)]
    live, _, _ = fit_version(notes, models / "topics", quick(static_embedder))
    (models / "topics" / "DEFAULT").write_text(live)
    shutil.copytree(models / "topics" / live, models / "topics" / "topics-29990101-000000")  # newer, a candidate
    monkeypatch.setenv("VOICE_MODEL_DIR", str(models))
    get_settings.cache_clear()
    monkeypatch.setattr("voice.stages.load_redactor", lambda settings: WordListRedactor(["Zebedee"]))
    monkeypatch.setattr("voice.stages.load_tagger", lambda settings, version=None: KeywordTagger())
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["text", "area", "date", "source", "kind"])
    writer.writeheader()
    writer.writerows(topic_rows(n_per_cluster=10))
    (tmp_path / "up.csv").write_text(buf.getvalue())
    try:
        main(["ingest", str(tmp_path / "up.csv"), "--workers", "1"])  # in this process, with the fakes above
    except SystemExit as exit_:
        assert exit_.code == 0
    with sqlite_db.session() as s:
        stored = s.scalar(select(func.count()).select_from(Note))
        versions = dict(s.execute(select(NoteTopic.topics_version, func.count())
                                  .group_by(NoteTopic.topics_version)).all())
        audit = s.scalars(select(AuditLog.detail).where(AuditLog.action == "topics_assign")).all()
    assert stored == 30 and versions == {live: 30}
    assert audit == [{"notes": 30, "new_only": True}]
