"""Convert the hand-written set from inline markup to JSONL records with exact offsets.

Writing offsets by hand is error-prone, so `handwritten/realistic.txt` marks spans inline:
`[[P:Jaden]]` is a PII span (short type codes below) and `((Greggs))` a public place kept.
Each record starts with a header line `@kind | themes | polarity | victim-blaming; phrases`
('-' for none); the lines after it, up to the next header, are the text.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from corpora_synthetic.areas import AREAS, THEMES

CODES = {"P": "PERSON", "PH": "PHONE_NUMBER", "EM": "EMAIL_ADDRESS", "PC": "UK_POSTCODE", "AD": "STREET_ADDRESS",
         "DOB": "DATE_OF_BIRTH", "NHS": "UK_NHS", "NI": "UK_NINO", "SCH": "SCHOOL", "SH": "SOCIAL_HANDLE",
         "VR": "VEHICLE_REG", "PP": "UK_PASSPORT", "DL": "UK_DRIVING_LICENCE"}
MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]|\(\((.+?)\)\)")
SOURCES = {"note": ("session_note", "case_note", "detached_log"), "consultation": ("consultation_survey", "focus_group")}
HERE = Path(__file__).parent / "handwritten"


def parse_text(marked: str) -> tuple[str, list[dict], list[dict]]:
    """Strip markup; return plain text, pii spans and keep spans with exact offsets."""
    out, pii, keep, pos, last = [], [], [], 0, 0
    for m in MARK.finditer(marked):
        out.append(marked[last:m.start()])
        pos += m.start() - last
        value = m.group(2) if m.group(1) else m.group(3)
        span = {"start": pos, "end": pos + len(value), "type": CODES[m.group(1)] if m.group(1) else "PUBLIC_PLACE",
                "text": value}
        (pii if m.group(1) else keep).append(span)
        out.append(value)
        pos += len(value)
        last = m.end()
    out.append(marked[last:])
    return "".join(out), pii, keep


def parse_header(line: str) -> dict:
    """'@note | safety places | unsafe | risky choices' -> kind, themes, polarity, victim_blaming."""
    kind, themes, polarity, vb = (f.strip() for f in line[1:].split("|"))
    theme_list = [] if themes == "-" else themes.split()
    if kind not in SOURCES or any(t not in THEMES for t in theme_list) or polarity not in {"safe", "unsafe", "mixed", "-"}:
        raise ValueError(f"bad header: {line}")
    return {"kind": kind, "themes": [t for t in THEMES if t in theme_list],
            "safety_polarity": None if polarity == "-" else polarity,
            "victim_blaming": [] if vb == "-" else [p.strip() for p in vb.split(";")]}


def parse(source: str) -> list[dict]:
    """All records of a marked-up file; area, date and source are assigned from the record's position."""
    records, header, body = [], None, []

    def flush() -> None:
        if header is not None:
            i = len(records)
            text, pii, keep = parse_text("\n".join(body).strip())
            date = dt.date(2024, 1, 1) + dt.timedelta(days=(i * 37) % 700)
            srcs = SOURCES[header["kind"]]
            records.append({"id": f"hand-{i + 1:04d}", "kind": header["kind"], "area": AREAS[i % len(AREAS)],
                            "date": date.isoformat(), "source": srcs[i % len(srcs)], "text": text, "pii": pii,
                            "keep": keep, "themes": header["themes"], "safety_polarity": header["safety_polarity"],
                            "victim_blaming": header["victim_blaming"]})

    for line in source.splitlines():
        if line.startswith("@"):
            flush()
            header, body = parse_header(line), []
        elif not line.startswith("#"):
            body.append(line)
    flush()
    return records


def convert(src: Path = HERE / "realistic.txt", dst: Path = HERE / "realistic.jsonl") -> int:
    """Write the JSONL for a marked-up file; return the number of records."""
    records = parse(Path(src).read_text(encoding="utf-8"))
    with Path(dst).open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(records)
