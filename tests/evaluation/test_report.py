"""`voice evaluate`'s harness computes its figures from the real analyse output."""
from __future__ import annotations

from evaluation.report import evaluate_records, write_report
from tests.support.fakes import KeywordTagger, WordListRedactor

GOLD = [
    {"id": "1", "text": "Jaden met Kai at the park", "themes": ["places"], "safety_polarity": None,
     "pii": [{"start": 0, "end": 5, "type": "PERSON", "text": "Jaden"}, {"start": 10, "end": 13, "type": "PERSON", "text": "Kai"}],
     "keep": [{"start": 21, "end": 25, "type": "PUBLIC_PLACE", "text": "park"}], "victim_blaming": []},
    {"id": "2", "text": "She was putting herself at risk after school, scared", "themes": ["education", "safety"],
     "safety_polarity": "unsafe", "pii": [], "keep": [], "victim_blaming": ["putting herself at risk"]},
]


def test_report_figures_follow_from_predictions(tmp_path):
    report = evaluate_records(GOLD, WordListRedactor(["Jaden"]), KeywordTagger())
    red = report["redaction"]
    assert red["token"]["recall"] == 0.5  # Kai leaked
    assert red["token_recall_by_type"] == {"PERSON": 0.5}
    assert [s["text"] for s in red["leaked"]] == ["Kai"]
    assert red["places"]["retention"] == 1.0
    assert report["themes"]["per_theme"]["places"]["f1"] == 1.0
    assert report["themes"]["per_theme"]["safety"]["recall"] == 0.0
    assert report["safety_polarity"]["accuracy"] == 1.0
    assert report["victim_blaming"]["recall"] == 1.0 and report["victim_blaming"]["false_flag_rate"] == 0.0
    json_path, md_path = write_report("tiny", tmp_path / "gold.jsonl", report, tmp_path)
    text = md_path.read_text()
    assert "token recall 50.0%" in text and "`1` PERSON: 'Kai'" in text and json_path.is_file()
    # a resample holding only the record with no identifiers has nothing to miss (recall 1.0, as ratio() says)
    assert "token recall 50.0% (95% interval 50.0-100.0%, records resampled)" in text


def test_redaction_only_when_no_theme_model():
    report = evaluate_records(GOLD, WordListRedactor(["Jaden", "Kai"]), None)
    assert report["redaction"]["token"]["recall"] == 1.0
    assert "themes" not in report


def test_topics_section_scores_the_saved_model_on_redacted_text(tmp_path):
    from tests.topics.conftest import make_docs
    from voice.themes.topics import TopicModeler
    from voice.themes.embeddings import StaticEmbedder

    docs, clusters = make_docs(40, seed=4)
    model = TopicModeler(embedder=StaticEmbedder()).fit(docs)  # the real default stages
    themes = {"exploitation": ["exploitation"], "online": ["online"], "climate": []}
    records = [{"id": str(i), "text": d, "themes": themes[c], "safety_polarity": None, "pii": [], "keep": [],
                "victim_blaming": []} for i, (d, c) in enumerate(zip(docs, clusters))]
    report = evaluate_records(records, WordListRedactor([]), None, topics=("t-1", model))
    topics = report["topics"]
    labels = model.transform(docs)
    assert topics["notes"] == len(docs) and topics["version"] == "t-1"
    assert topics["outlier_share"] == round(labels.count(-1) / len(labels), 4)
    assert topics["topics_used"] == len(set(labels) - {-1})
    # 1.0 here; 0.91-1.0 over corpus seeds 1-10 and model seeds 0-2 (60 scored notes, about 8 topics).
    # A broken assignment stays far below 0.8: random topics score 0.13-0.25, one catch-all or
    # exploitation merged with online 0.0, climate merged into online 0.67.
    assert topics["theme_informativeness_f1"] >= 0.8, "the clusters carry their themes"
    _, md_path = write_report("tiny", tmp_path / "gold.jsonl", report, tmp_path)
    assert "## Topics (model t-1)" in md_path.read_text()


def test_side_by_side_puts_each_set_in_its_own_column():
    from evaluation.side_by_side import summary_markdown, summary_rows

    with_themes = evaluate_records(GOLD, WordListRedactor(["Jaden"]), KeywordTagger())
    redaction_only = evaluate_records(GOLD, WordListRedactor(["Jaden", "Kai"]), None)
    rows = dict(summary_rows({"a": with_themes, "b": redaction_only}))
    assert rows["records"] == ["2", "2"]
    assert rows["identifier token recall"] == ["0.5000", "1.0000"]
    assert rows["identifier token recall, 95% interval (records resampled)"] == ["0.5000-1.0000", "1.0000-1.0000"]
    assert rows["F1 places"] == ["1.000", "n/a"] and rows["theme macro-F1 (95% CI)"][1] == "n/a"
    text = summary_markdown({"a": with_themes, "b": redaction_only}, public="## public part")
    assert "| measure | a | b |" in text and text.rstrip().endswith("## public part")
