"""An out-of-domain control: today's redactor and theme tagger on real NHS Friends and Family Test comments.

Data credit: NHS England / The Strategy Unit, repository The-Strategy-Unit/pxtextmining, file
`datasets/v6framework_230831.csv` (rows with Trust = NHFT), MIT licence. The comments were
de-identified by the trust, and the trust's own marks ("[Name Redacted]", "XXX") must come through
untouched. The file is not in this repository. Its de-identification missed some names ("Lynn was able
to understand"), so a PERSON found is not always a phantom: `nhs_person_judgements.jsonl` holds an
independent annotator's judgement of every PERSON span the redactor and four names models found
(47 spans: 12 names, 35 not names, judged from the comment alone, blind to which system found them).
A span nobody judged counts as a phantom.

Only some themes have a human-coded counterpart in the trust's framework; the others (peers,
exploitation, ...) are not what hospital feedback is about, so their firing rate is held
against a 5% ceiling.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Sequence

from evaluation.metrics.intervals import wilson
from evaluation.metrics.redaction import edges_inside_words
from evaluation.public_wnut import WS_TOKEN

TEXT_COLUMN = "FFT answer"
# theme -> human-coded columns (any of them set counts as the theme being present)
COUNTERPARTS: dict[str, tuple[str, ...]] = {
    "safety": ("Feeling safe", "Safeguarding concerns?"),
    "trusted_adults": ("Staff manner & personal attributes", "Staff listening, understanding & involving patients"),
    "home_family": ("Interaction with family/ carers",),
    "places": ("Environment & Facilities", "Service location"),
    "services_support": ("Existence of services", "Contacting services", "Choice of services", "Timeliness of care"),
}
NO_COUNTERPART = ("peers", "exploitation", "online", "substances", "missing", "police_justice", "education")
CEILING = 0.05
# the trust's own marks: bracketed notes of a redaction or an unreadable word, and runs of X
MARK = re.compile(r"\[[^\[\]\n]{0,40}(?:redact|unreadable)[^\[\]\n]{0,40}\]|\b[Xx]{3,}\b", re.I)


def read_fft(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows as {"text", "codes": set of columns set to 1}, and the header."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = []
        for row in reader:
            codes = {k for k, v in row.items() if k != TEXT_COLUMN and _is_one(v)}
            rows.append({"text": row.get(TEXT_COLUMN) or "", "codes": codes})
    return rows, header


def _is_one(value: str | None) -> bool:
    try:
        return float(value or "") == 1.0
    except ValueError:
        return False


def _bounds(spans: Sequence[Any]) -> list[tuple[int, int]]:
    return [(int(p["start"]), int(p["end"])) if isinstance(p, dict) else (int(p.start), int(p.end)) for p in spans]


def _overlaps(lo: int, hi: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < hi and lo < e for s, e in spans)


def _who(entity: Any) -> str:
    """'TYPE (recognizer)' of a predicted span."""
    get = entity.get if isinstance(entity, dict) else lambda k: getattr(entity, k, None)
    return f"{get('type')} ({get('recognizer')})" if get("recognizer") else str(get("type"))


def _share(num: int, den: int) -> float | None:
    return num / den if den else None


JUDGEMENTS = Path(__file__).resolve().parent / "nhs_person_judgements.jsonl"


def comment_key(text: str) -> str:
    """How a judgement names its comment: the start of the text's sha256 (the text itself stays out of the repo)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, int, int], str]:
    """(comment key, start, end) -> "name" / "not_name" / "unsure" for PERSON spans judged by hand."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(r["comment_sha256"], r["start"], r["end"]): r["label"] for r in rows}


def redaction_metrics(texts: Sequence[str], entities: Sequence[Sequence[Any]],
                      judgements: dict[tuple[str, int, int], str] | None = None) -> dict:
    """Phantom names, tokens redacted, and the trust's marks kept or altered.

    A token is a whitespace token outside every mark; it counts as redacted when a predicted
    span overlaps it. A mark is kept when no predicted span overlaps it. With `judgements`, a
    comment counts as given a phantom only when one of its PERSON spans was not judged a name.
    """
    judgements = read_judgements() if judgements is None else judgements
    n = {"comments": len(texts), "with_person": 0, "with_any_entity": 0, "with_non_name_person": 0,
         "person_spans": 0, "unjudged_person_spans": 0, "tokens": 0, "tokens_redacted": 0,
         "marks": 0, "marks_kept": 0, "comments_with_marks": 0, "comments_marks_all_kept": 0, "edges_inside_words": 0}
    types: dict[str, int] = {}
    altered: list[dict[str, Any]] = []
    for text, ents in zip(texts, entities, strict=True):
        spans = _bounds(ents)
        kinds = [e["type"] if isinstance(e, dict) else e.type for e in ents]
        for t in kinds:
            types[t] = types.get(t, 0) + 1
        persons = [b for t, b in zip(kinds, spans) if t == "PERSON"]
        key = comment_key(text) if persons else ""
        labels = [judgements.get((key, *b)) for b in persons]
        n["with_person"] += bool(persons)
        n["with_non_name_person"] += any(label != "name" for label in labels)
        n["person_spans"] += len(persons)
        n["unjudged_person_spans"] += labels.count(None)
        n["with_any_entity"] += bool(ents)
        n["edges_inside_words"] += edges_inside_words(text, spans)
        marks = [m.span() for m in MARK.finditer(text)]
        for m in WS_TOKEN.finditer(text):
            if not _overlaps(*m.span(), marks):
                n["tokens"] += 1
                n["tokens_redacted"] += _overlaps(*m.span(), spans)
        kept = [not _overlaps(s, e, spans) for s, e in marks]
        n["marks"] += len(marks)
        n["marks_kept"] += sum(kept)
        n["comments_with_marks"] += bool(marks)
        n["comments_marks_all_kept"] += bool(marks) and all(kept)
        altered += [{"mark": text[s:e], "by": sorted({_who(x) for x, b in zip(ents, spans) if b[0] < e and s < b[1]})}
                    for (s, e), k in zip(marks, kept) if not k]
    return {**n, "person_share": _share(n["with_person"], n["comments"]),
            "phantom_name_share": _share(n["with_non_name_person"], n["comments"]),
            "phantom_name_share_ci": wilson(n["with_non_name_person"], n["comments"]),
            "any_entity_share": _share(n["with_any_entity"], n["comments"]),
            "tokens_redacted_share": _share(n["tokens_redacted"], n["tokens"]),
            "entity_types": dict(sorted(types.items())), "altered_marks": altered}


def theme_metrics(codes: Sequence[set[str]], themes: Sequence[Sequence[str]], header: Sequence[str],
                  theme_ids: Sequence[str]) -> dict:
    """Firing rate of every theme; precision/recall against the human codes where a counterpart exists."""
    total = len(themes)
    firing = {t: _share(sum(t in th for th in themes), total) for t in theme_ids}
    counterparts = {}
    for theme, columns in COUNTERPARTS.items():
        present = [c for c in columns if c in header]
        gold = [bool(set(present) & c) for c in codes]
        pred = [theme in th for th in themes]
        tp = sum(g and p for g, p in zip(gold, pred))
        fp = sum(p and not g for g, p in zip(gold, pred))
        fn = sum(g and not p for g, p in zip(gold, pred))
        counterparts[theme] = {"columns": present, "missing_columns": [c for c in columns if c not in header],
                               "support_by_column": {c: sum(c in k for k in codes) for c in present},
                               "support": tp + fn, "fired": tp + fp, "tp": tp, "fp": fp, "fn": fn,
                               "precision": _share(tp, tp + fp), "recall": _share(tp, tp + fn)}
    ceiling = {t: {"firing": firing.get(t), "over_ceiling": (firing.get(t) or 0.0) > CEILING}
               for t in NO_COUNTERPART if t in theme_ids}
    return {"comments": total, "firing": firing, "counterparts": counterparts, "ceiling": CEILING,
            "no_counterpart": ceiling, "feeling_safe_coded": sum("Feeling safe" in c for c in codes)}
