"""The real theme stage inside the ingest pipeline: themes, evidence, flags and places are stored
with the model version, on redacted text (a listed name never reaches the tagger or the store)."""
from __future__ import annotations

from sqlalchemy import select

from tests.support.fakes import WordListRedactor
from tests.themes.conftest import rules_version
from voice.store.models import Note, NoteLanguageFlag, NotePlace, NoteTheme

CSV = ("text,area,date,source,kind\n"
       '"Met Kacper at Hollins Park. Concerns about county lines; YP is putting herself at risk.",North,2025-01-05,'
       "detached,note\n"
       '"i dont feel safe at the bus station, Kacper is safe tho",South,2025-02-01,survey,consultation\n')


def test_ingest_stores_theme_rows_from_the_real_tagger(model_settings, sqlite_db):
    from voice.pipeline import ingest_bytes
    from voice.stages import THEMES, live_version, load_tagger

    rules_version(model_settings.model_dir, "rules-1")
    tagger = load_tagger(model_settings, live_version(sqlite_db, model_settings.model_dir, THEMES))
    receipt = ingest_bytes(CSV.encode(), "notes.csv", db=sqlite_db, redactor=WordListRedactor(["Kacper"]),
                           tagger=tagger, settings=model_settings, actor="test")
    assert receipt.stored == 2
    with sqlite_db.session() as s:
        notes = s.scalars(select(Note).order_by(Note.id)).all()
        themes = {(t.note_id, t.theme_id): t for t in s.scalars(select(NoteTheme))}
        flags = s.scalars(select(NoteLanguageFlag)).all()
        places = sorted((p.note_id, p.name, p.place_kind) for p in s.scalars(select(NotePlace)))
    first, second = notes
    assert "Kacper" not in first.text and first.model_version == "rules-1"
    row = themes[(first.id, "exploitation")]
    assert row.model_version == "rules-1" and [first.text[a:b] for a, b, _ in row.evidence] == ["county lines"]
    assert (second.id, "safety") in themes and second.safety_polarity == "unsafe"
    assert [(f.note_id, f.phrase) for f in flags] == [(first.id, "putting herself at risk")]
    assert places == [(first.id, "hollins park", "park"), (second.id, "bus station", "transport")]
