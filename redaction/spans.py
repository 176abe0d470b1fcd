"""Overlap resolution: overlapping spans merge into their union so no token escapes."""
from __future__ import annotations

import re

from redaction.policy import Candidate

# When spans of different types overlap, the more specific type names the union.
PRIORITY = {
    "UK_NHS": 10, "UK_NINO": 10, "UK_PASSPORT": 10, "UK_DRIVING_LICENCE": 10, "EMAIL_ADDRESS": 10,
    "PHONE_NUMBER": 9, "BANK_ACCOUNT": 9, "SORT_CODE": 9, "IP_ADDRESS": 9, "URL": 7, "REFERENCE_NUMBER": 7,
    "UK_POSTCODE": 8, "VEHICLE_REG": 8, "DATE_OF_BIRTH": 8, "SOCIAL_HANDLE": 8,
    "STREET_ADDRESS": 6, "SCHOOL": 5, "PERSON": 4,
}


def merge_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Sorted, disjoint spans; a cluster takes the type of its highest-priority, best-scoring member."""
    merged: list[Candidate] = []
    cluster: list[Candidate] = []
    end = -1
    for cand in sorted(cands, key=lambda c: (c.start, -c.end)):
        if cluster and cand.start >= end:
            merged.append(_collapse(cluster))
            cluster = []
        cluster.append(cand)
        end = max(end, cand.end) if len(cluster) > 1 else cand.end
    if cluster:
        merged.append(_collapse(cluster))
    return merged


def _collapse(cluster: list[Candidate]) -> Candidate:
    best = max(cluster, key=lambda c: (PRIORITY.get(c.type, 0), c.score, c.end - c.start))
    start = min(c.start for c in cluster)
    end = max(c.end for c in cluster)
    recognizers = sorted({c.recognizer for c in cluster})
    why = best.why if len(recognizers) == 1 else f"{best.why}; also found by {', '.join(r for r in recognizers if r != best.recognizer)}"
    return Candidate(start, end, best.type, best.score, best.recognizer, why)


_ADDRESS_GAP = re.compile(r"[ \t]*,?[ \t]*")
_OPEN = re.compile(r"[ \t]*[(\"'‘“][ \t]*")
_CLOSE = re.compile(r"[ \t]*[)\"'’”][ \t]*")


def join_nicknamed_names(text: str, spans: list[Candidate]) -> list[Candidate]:
    """"Zac (Zachary) Nuttall", "Imran 'Immy' Begum" is one person: a name, a bracketed or quoted name and
    a name become one span (one placeholder, one pseudonym), brackets and quotes included."""
    out: list[Candidate] = []
    for cand in spans:
        if len(out) >= 2 and out[-2].type == out[-1].type == cand.type == "PERSON" \
                and _OPEN.fullmatch(text, out[-2].end, out[-1].start) and _CLOSE.fullmatch(text, out[-1].end, cand.start):
            first = out[-2]
            out[-2:] = [Candidate(first.start, cand.end, "PERSON", max(first.score, cand.score), first.recognizer, first.why)]
        else:
            out.append(cand)
    return out


def join_address_parts(text: str, spans: list[Candidate]) -> list[Candidate]:
    """"Flat 7B, Chadwick House, 140 Soho Road" is one address: neighbouring address parts apart by only
    a comma or spaces become one span, so the comma between them is not left to say where one ends."""
    out: list[Candidate] = []
    for cand in spans:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == cand.type == "STREET_ADDRESS"
                and _ADDRESS_GAP.fullmatch(text, prev.end, cand.start)):
            out[-1] = Candidate(prev.start, cand.end, prev.type, max(prev.score, cand.score), prev.recognizer, prev.why)
        else:
            out.append(cand)
    return out


# The next field's label in a form ("Surname: OKAFOR Forename: Jayden", "First name: Jayden Last name: Okafor"):
# a name's last word that is one of these, with a colon or "name:" straight after it, is the label, not the name.
_FIELD_LABEL = re.compile(
    r"[ \t]+(?:forenames?|surname|first|last|middle|given|family|full|preferred|known|name|dob|d\.o\.b\.?|age|gender|sex"
    r"|address|tel|mobile|phone|email|school|ref|nationality|ethnicity|religion|language)$",
    re.IGNORECASE)
_LABEL_END = re.compile(r"[ \t]*(?:name[ \t]*)?:")


def trim_field_labels(text: str, spans: list[Candidate]) -> list[Candidate]:
    """A name that took the next field's label word with it gives the word back (the text stays readable)."""
    out = []
    for cand in spans:
        label = _FIELD_LABEL.search(text, cand.start, cand.end) if cand.type == "PERSON" else None
        if label is not None and label.start() > cand.start and _LABEL_END.match(text, cand.end):
            cand = Candidate(cand.start, label.start(), cand.type, cand.score, cand.recognizer, cand.why)
        out.append(cand)
    return out
