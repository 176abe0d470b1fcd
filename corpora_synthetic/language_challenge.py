"""The language-check challenge set: practitioner sentences written apart from the gold corpus.

`language_challenge/sentences.txt` is the hand-written source (one `label|family|voice|phrase|text`
line per sentence); `build` turns it into `language_challenge/challenge.jsonl`, one record per
sentence with its half. The half comes from a fixed hash of the text, so patterns can be chosen on
one half ("choose") and reported on the other ("report") without anyone picking the split.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "language_challenge"
SOURCE = HERE / "sentences.txt"
DATA = HERE / "challenge.jsonl"
LABELS = HERE / "labels_independent.jsonl"  # a second labeller's, made blind to the writer's labels
VOICES = {"P": "police officer's log", "D": "school DSL's safeguarding record",
          "S": "social worker's case note", "H": "health visitor / school nurse note"}


def half(text: str) -> str:
    """'choose' or 'report', fixed by the text's SHA-256 (first byte even -> choose)."""
    return "choose" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0 else "report"


def parse_source(path: Path = SOURCE) -> list[dict[str, Any]]:
    """Records from the source lines; a blaming line's phrase must appear in its text."""
    out = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, family, voice, phrase, text = line.split("|", 4)
        if label not in ("B", "C") or voice not in VOICES or (label == "B") != bool(phrase):
            raise ValueError(f"{path.name} line {no}: expected B|family|voice|phrase|text or C|family|voice||text")
        if phrase and phrase.lower() not in text.lower():
            raise ValueError(f"{path.name} line {no}: the phrase is not in the text")
        out.append({"id": f"lc-{len(out) + 1:03d}", "voice": VOICES[voice], "text": text,
                    "writer_label": "blaming" if label == "B" else "clean", "family": family,
                    "victim_blaming": [phrase] if phrase else [], "half": half(text)})
    return out


def build(path: Path = DATA) -> int:
    """Write the JSONL; returns the number of records."""
    records = parse_source()
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return len(records)


def load(path: Path = DATA) -> list[dict[str, Any]]:
    """The built records."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def independent_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    """The second labeller's judgement per id: label, family and the blaming phrase."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


def gold(records: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Records scored against the independent labels (not the writer's): a sentence the second
    labeller called blaming carries that labeller's phrase; one called clean carries none."""
    labels = independent_labels()
    out = []
    for r in records if records is not None else load():
        lab = labels[r["id"]]
        blaming = lab["label"] == "blaming"
        out.append({**r, "label": lab["label"], "family": lab["family"] if blaming else None,
                    "victim_blaming": [lab["phrase"]] if blaming else []})
    return out


if __name__ == "__main__":
    print(build(), "records written to", DATA)
