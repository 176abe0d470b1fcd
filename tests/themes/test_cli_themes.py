"""`voice train` and `voice models` end to end on a tiny labelled JSONL file (in-process typer app)."""
from __future__ import annotations

import json

import pytest
import typer

from tests.themes.conftest import fallback_themes, rules_version, tiny_data
from voice.errors import UserError


@pytest.fixture
def cli(settings, tmp_path, monkeypatch, nlp):
    from voice.cli import themes
    from voice.settings import get_settings

    monkeypatch.setenv("VOICE_MODEL_DIR", str(tmp_path / "models"))
    monkeypatch.setattr("voice.jobs.compare.GOLD_DEV", tmp_path / "no-gold-dev.jsonl")  # compare: tests/lifecycle
    get_settings.cache_clear()
    app = typer.Typer()
    themes.register(app)

    def run(*args: str) -> None:
        app(args=list(args), standalone_mode=False)
    yield run
    get_settings.cache_clear()


def _jsonl(path, texts, labels) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for text, themes in zip(texts, labels):
            full = "Kacper Nowak said: " + text  # a name the gold pii span must remove before training
            pii = [{"start": 0, "end": 12, "type": "PERSON", "text": "Kacper Nowak"}]
            handle.write(json.dumps({"text": full, "themes": themes, "pii": pii}) + "\n")


def test_train_list_promote_rollback(cli, tmp_path, capsys):
    _jsonl(tmp_path / "train.jsonl", *tiny_data(120))
    _jsonl(tmp_path / "dev.jsonl", *tiny_data(40, seed=2))
    rules_version(tmp_path / "models", "rules-1")
    cli("train", "--data", str(tmp_path / "train.jsonl"), "--epochs", "20", "--eval", str(tmp_path / "dev.jsonl"))
    out = capsys.readouterr().out
    assert "dev: micro-F1" in out and "120 train notes" in out
    version = out.split("promote ")[-1].strip()
    folder = tmp_path / "models" / "themes" / version
    assert not any("Kacper" in p.read_text(errors="ignore") for p in folder.rglob("*") if p.is_file())
    card = json.loads((folder / "model_card.json").read_text())
    assert card["training_examples"] == 120 and card["dev_examples"] == 40 and card["metrics"]["dev"]["n"] == 40

    cli("models", "list")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("* rules-1") and lines[1].startswith(f"  {version}")  # training is not promotion
    cli("models", "promote", version, "--yes")
    cli("models", "rollback")
    assert "rolled back to rules-1" in capsys.readouterr().out
    cli("models", "list")
    assert capsys.readouterr().out.startswith("* rules-1")
    cli("models", "show", version)
    assert json.loads(capsys.readouterr().out)["version"] == version


def test_train_needs_exactly_one_source(cli):
    with pytest.raises(UserError, match="exactly one"):
        cli("train")


def test_store_examples_apply_analyst_labels(sqlite_db):
    import datetime as dt

    from voice.store.models import Label, Note, NoteTheme, Upload
    from voice.jobs.training import store_examples

    with sqlite_db.session() as s:
        up = Upload(actor="t", file_name="f.csv", source="s")
        s.add(up)
        s.flush()
        notes = [Note(upload_id=up.id, text=f"<PERSON> note {i}", area="North", note_date=dt.date(2025, 1, 1),
                      period="2025-01", source="s", kind="note", raw_hmac=f"h{i}") for i in range(3)]
        s.add_all(notes)
        s.flush()
        meta = dict(model_version="rules-1", area="North", period="2025-01", kind="note", source="s")
        s.add_all([NoteTheme(note_id=notes[0].id, theme_id="safety", score=1.0, **meta),
                   NoteTheme(note_id=notes[0].id, theme_id="places", score=1.0, **meta),
                   NoteTheme(note_id=notes[2].id, theme_id="online", score=1.0, **meta)])
        s.add_all([Label(note_id=notes[0].id, theme_id="places", annotator="a", present=False),
                   Label(note_id=notes[0].id, theme_id="peers", annotator="a", present=True),
                   Label(note_id=notes[1].id, theme_id="missing", annotator="a", present=True)])
    examples = store_examples(sqlite_db)
    assert [(e.text, e.themes) for e in examples] == [("<PERSON> note 0", ("peers", "safety")),
                                                      ("<PERSON> note 1", ("missing",))]


def test_train_name_writes_a_separate_registry_model_that_the_models_commands_see(cli, tmp_path, capsys):
    from voice.settings import get_settings
    from voice.stages import live_version
    from voice.store import open_database

    models = tmp_path / "models"
    _jsonl(tmp_path / "train.jsonl", *tiny_data(120))
    rules_version(models, "rules-1")
    cli("train", "--data", str(tmp_path / "train.jsonl"), "--epochs", "5", "--name", "themes-exp")
    out = capsys.readouterr().out
    hint = out.strip().splitlines()[-1].split("compare and promote it with: ")[1]
    version = hint.split()[-1]
    assert hint == f"voice models promote --name themes-exp {version}" and f"wrote themes-exp/{version} " in out
    card = json.loads((models / "themes-exp" / version / "model_card.json").read_text())
    assert card["name"] == "themes-exp" and card["version"] == version
    assert {p.name for p in (models / "themes").iterdir()} == {"rules-1"}  # the pipeline's model is untouched

    cli("models", "list", "--name", "themes-exp")  # the only version of a new name is its shipped default
    assert capsys.readouterr().out.startswith(f"* {version}  ")
    cli("models", "list")
    assert [line.split()[1] for line in capsys.readouterr().out.splitlines()] == ["rules-1"]
    cli("models", "show", version, "--name", "themes-exp")
    assert json.loads(capsys.readouterr().out)["name"] == "themes-exp"
    cli(*hint.split()[1:], "--yes")  # the printed command works as printed
    assert capsys.readouterr().out.strip() == f"themes-exp {version} is now live (was {version})"
    settings = get_settings()
    db = open_database(settings.database_url)
    assert live_version(db, models, "themes-exp") == version
    assert live_version(db, models, "themes") == "rules-1"


@pytest.mark.parametrize("name", ["topics", "embeddings", "../themes", "a/b"])
def test_train_refuses_a_name_that_is_unsafe_or_holds_other_models_before_training(cli, tmp_path, name):
    models = tmp_path / "models"
    (models / "topics" / "topics-1").mkdir(parents=True)
    (models / "topics" / "topics-1" / "model_card.json").write_text(json.dumps({"name": "topics", "n_docs": 3}))
    (models / "embeddings" / "m2v").mkdir(parents=True)
    (models / "embeddings" / "m2v" / "model_card.md").write_text("an embedding model")
    _jsonl(tmp_path / "train.jsonl", *tiny_data(30))
    with pytest.raises(UserError, match="not a valid model name|not theme models"):
        cli("train", "--data", str(tmp_path / "train.jsonl"), "--epochs", "1", "--name", name)
    assert sorted(p.name for p in models.iterdir()) == ["embeddings", "topics"]
    assert [p.name for p in (models / "topics").iterdir()] == ["topics-1"]


def test_train_prints_the_fallback_warning_and_models_list_shows_it(cli, tmp_path, capsys):
    texts, labels = tiny_data(120)
    _jsonl(tmp_path / "train.jsonl", texts, labels)
    dev_texts, dev_labels = tiny_data(40, seed=2)
    keep = [i for i, y in enumerate(dev_labels) if "online" not in y]
    _jsonl(tmp_path / "dev.jsonl", [dev_texts[i] for i in keep], [dev_labels[i] for i in keep])
    cli("train", "--data", str(tmp_path / "train.jsonl"), "--epochs", "5")
    out = capsys.readouterr().out
    (warning,) = [line for line in out.splitlines() if line.startswith("  warning: ")]
    assert "not enough dev examples for: " in warning and "online" in fallback_themes(warning)
    cli("models", "list")
    (line,) = capsys.readouterr().out.splitlines()
    assert "not enough dev examples for: " in line and "online" in fallback_themes(line)


def test_a_leftover_folder_without_a_card_does_not_block_training_the_themes_model(tmp_path):
    from voice.themes.train import check_name

    (tmp_path / "themes" / "clf-crashed").mkdir(parents=True)
    check_name(tmp_path, "themes")
    check_name(tmp_path, "themes-exp")  # a new name: nothing there yet
    (tmp_path / "other" / "x").mkdir(parents=True)
    with pytest.raises(UserError, match="not theme models"):
        check_name(tmp_path, "other")
