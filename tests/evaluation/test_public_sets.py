"""Public-set scoring on tiny in-test files whose answers are worked out by hand (never the real data)."""
from __future__ import annotations

import csv
import hashlib

from evaluation.public_nhs import comment_key, read_fft, redaction_metrics, theme_metrics
from evaluation.public_sets import nhs_report, public_markdown, public_report, wnut_report
from evaluation.public_wnut import Post, edges_inside_words, half, read_conll, wnut_metrics
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.themes.taxonomy import THEME_IDS

CONLL = """I\tO
met\tO
john\tB-person
smith\tI-person
at\tO
Paris\tB-location

Kai\tB-person
said\tO
hi\tO

nothing\tO
here\tO
"""
TEXTS = ["I met john smith at Paris", "Kai said hi", "nothing here"]


def _wnut(tmp_path):
    (tmp_path / "wnut17").mkdir(exist_ok=True)
    path = tmp_path / "wnut17" / "emerging.dev.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


HEADER = ["Comment ID", "FFT answer", "Feeling safe", "Safeguarding concerns?", "Staff manner & personal attributes",
          "Interaction with family/ carers", "Service location", "Timeliness of care"]
ROWS = [
    ["a", "The park staff were kind, Bob helped", "", "", "1.0", "", "1.0", ""],
    ["b", "[Name Redacted] at school was great XXX", "1.0", "", "", "", "", ""],
    ["c", "  ", "", "", "", "", "", ""],
    ["d", "Waited at the park too long", "", "", "", "", "", "1.0"],
]


def _nhs(tmp_path):
    (tmp_path / "nhs_fft").mkdir(exist_ok=True)
    path = tmp_path / "nhs_fft" / "nhft_comments.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *ROWS])
    return path


def test_conll_posts_are_rebuilt_with_entity_spans(tmp_path):
    posts = read_conll(_wnut(tmp_path))
    assert [p.text for p in posts] == TEXTS
    assert posts[0].entities == ((6, 16, "person"), (20, 25, "location"))
    assert posts[0].text[6:16] == "john smith" and posts[0].persons == [(6, 16)]
    assert posts[1].persons == [(0, 3)] and posts[2].entities == ()


def test_stray_inside_tag_starts_an_entity(tmp_path):
    path = tmp_path / "x.conll"
    path.write_text("hey\tO\nbob\tI-person\nlee\tI-person\nok\tI-location\n", encoding="utf-8")
    assert read_conll(path)[0].entities == ((4, 11, "person"), (12, 14, "location"))


def test_hash_split_is_fixed():
    for text in [*TEXTS, "hello"]:
        parity = int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2
        assert half(text) == ("tune" if parity == 0 else "report")
    assert [half(t) for t in TEXTS] == ["report", "report", "tune"]
    assert half("hello") == half("hello") == "tune"


def test_wnut_metrics_by_hand(tmp_path):
    posts = read_conll(_wnut(tmp_path))
    pred = WordListRedactor(["john", "Kai", "here"]).redact_batch(TEXTS)
    m = wnut_metrics(posts, [o.entities for o in pred])
    # john smith: only "john" removed (partial); Kai fully removed
    assert (m["persons"], m["covered"], m["partial"]) == (2, 1, 1)
    assert m["person_coverage"] == 0.5 and m["person_partial"] == 0.5
    assert (m["lower"], m["lower_covered"], m["lower_partial"]) == (1, 0, 1) and m["lower_case_coverage"] == 0.0
    # non-name tokens: I met at | said hi | nothing here (Paris is a gold location) -> 7, "here" removed
    assert (m["other_tokens"], m["other_redacted"]) == (7, 1) and m["over_redaction"] == 1 / 7
    assert m["pred_spans"] == 3 and m["edges_inside_words"] == 0


def test_coverage_counts_the_union_of_spans_of_any_type():
    posts = [Post("Jo Ann x", ((0, 6, "person"),))]
    m = wnut_metrics(posts, [[{"start": 0, "end": 3, "type": "LOCATION"}, {"start": 3, "end": 6, "type": "PERSON"}]])
    assert m["covered"] == 1 and m["partial"] == 0 and m["over_redaction"] == 0.0


def test_edges_inside_words():
    text = "Jaydenxx ok a-b"
    assert edges_inside_words(text, [(0, 6)]) == 1  # ends inside "Jaydenxx"
    assert edges_inside_words(text, [(2, 8)]) == 1  # starts inside, ends at the space
    assert edges_inside_words(text, [(3, 5)]) == 2
    assert edges_inside_words(text, [(0, 8), (9, 11), (12, 13), (14, 15)]) == 0  # "-" is not alphanumeric


def test_wnut_report_scores_the_report_half_only(tmp_path):
    _wnut(tmp_path)
    w = wnut_report(WordListRedactor(["john", "Kai", "here"]), tmp_path / "wnut17" / "emerging.dev.conll")
    assert (w["posts_in_file"], w["report_half"], w["scored"], w["failed"]) == (3, 2, 2, 0)
    assert (w["other_tokens"], w["other_redacted"]) == (5, 0)  # "nothing here" is in the tune half
    assert wnut_report(WordListRedactor(["x"]), tmp_path / "wnut17" / "emerging.dev.conll", limit=1)["scored"] == 1


def test_fft_reading(tmp_path):
    rows, header = read_fft(_nhs(tmp_path))
    assert header == HEADER and len(rows) == 4
    assert rows[0]["text"] == "The park staff were kind, Bob helped"
    assert {"Staff manner & personal attributes", "Service location"} <= rows[0]["codes"]
    assert "Feeling safe" in rows[1]["codes"] and "Feeling safe" not in rows[0]["codes"]


def test_nhs_redaction_metrics_by_hand():
    texts = [ROWS[0][1], ROWS[1][1], ROWS[3][1]]
    outcomes = WordListRedactor(["Bob", "Name"]).redact_batch(texts)
    r = redaction_metrics(texts, [o.entities for o in outcomes])
    assert (r["comments"], r["with_person"]) == (3, 2) and r["phantom_name_share"] == 2 / 3
    # tokens outside marks: 7 + 4 (at school was great) + 6; only "Bob," is touched
    assert (r["tokens"], r["tokens_redacted"]) == (17, 1)
    assert (r["marks"], r["marks_kept"], r["comments_with_marks"], r["comments_marks_all_kept"]) == (2, 1, 1, 0)
    assert r["altered_marks"] == [{"mark": "[Name Redacted]", "by": ["PERSON (wordlist)"]}]
    assert r["entity_types"] == {"PERSON": 2}


def test_a_person_judged_a_real_name_is_no_phantom():
    """The trust's de-identification missed some names; a span judged a name by hand is not counted as a phantom."""
    texts = ["Bob was kind", "Calm ward, Bob helped"]
    outcomes = WordListRedactor(["Bob", "Calm"]).redact_batch(texts)
    judged = {(comment_key(texts[0]), 0, 3): "name", (comment_key(texts[1]), 11, 14): "name"}
    r = redaction_metrics(texts, [o.entities for o in outcomes], judged)
    assert (r["with_person"], r["with_non_name_person"], r["person_spans"], r["unjudged_person_spans"]) == (2, 1, 3, 1)
    assert r["phantom_name_share"] == 1 / 2 and r["person_share"] == 1.0


def test_theme_metrics_by_hand(tmp_path):
    rows, header = read_fft(_nhs(tmp_path))
    rows = [r for r in rows if r["text"].strip()]
    tags = KeywordTagger().tag_batch([r["text"] for r in rows])  # places, education, places
    t = theme_metrics([r["codes"] for r in rows], [x.themes for x in tags], header, THEME_IDS)
    assert t["firing"]["places"] == 2 / 3 and t["firing"]["education"] == 1 / 3 and t["firing"]["peers"] == 0.0
    places = t["counterparts"]["places"]
    assert (places["tp"], places["fp"], places["fn"], places["precision"], places["recall"]) == (1, 1, 0, 0.5, 1.0)
    assert places["missing_columns"] == ["Environment & Facilities"]
    safety = t["counterparts"]["safety"]
    assert (safety["support"], safety["fired"], safety["precision"], safety["recall"]) == (1, 0, None, 0.0)
    assert t["counterparts"]["services_support"]["support"] == 1
    assert t["counterparts"]["services_support"]["missing_columns"] == ["Existence of services", "Contacting services",
                                                                         "Choice of services"]
    assert t["no_counterpart"]["education"] == {"firing": 1 / 3, "over_ceiling": True}
    assert t["no_counterpart"]["peers"]["over_ceiling"] is False
    assert t["feeling_safe_coded"] == 1


def test_public_report_and_markdown(tmp_path):
    _wnut(tmp_path)
    _nhs(tmp_path)
    seen = []
    report = public_report(WordListRedactor(["john", "Kai", "Bob", "Name"]), KeywordTagger(), tmp_path, seen.append)
    assert set(report) == {"wnut_report_half", "nhs_fft"} and len(seen) == 2 + 3
    nhs = report["nhs_fft"]
    assert (nhs["rows"], nhs["blank_comments"], nhs["scored"], nhs["feeling_safe_in_file"]) == (4, 1, 3, 1)
    assert nhs["redaction"]["altered_marks"] == [{"mark": "[Name Redacted]", "by": ["PERSON (wordlist)"]}]
    assert report["wnut_report_half"]["person_coverage"] == 0.5
    text = public_markdown(report)
    assert "| person names fully covered | 1 / 2 | 50.0% |" in text
    assert "| comments given a PERSON | 2 / 3 | 66.7% |" in text
    assert ("| comments given a PERSON that is no name (phantom names; judged by hand, 2 of 2 spans unjudged and "
            "counted as phantoms) | 2 / 3 | 66.7% (95% interval 20.8-93.9%) |") in text
    assert "| lower-case names fully covered | 0 / 1 | 0.0% | 0.0-79.3% |" in text
    assert "| education | 33.3% | YES |" in text and "CC-BY 4.0" in text


def test_missing_data_gives_none(tmp_path):
    assert public_report(WordListRedactor(["x"]), KeywordTagger(), tmp_path / "absent") is None
    assert "not available" in public_markdown(None)
    assert nhs_report(WordListRedactor(["x"]), KeywordTagger(), tmp_path / "none.csv") is None
    _nhs(tmp_path)  # only one set present: the other part is None and says so
    report = public_report(WordListRedactor(["x"]), KeywordTagger(), tmp_path)
    assert report["wnut_report_half"] is None and report["nhs_fft"]["scored"] == 3
    assert "not available" in public_markdown(report)
