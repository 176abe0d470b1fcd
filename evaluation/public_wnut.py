"""Names as people really type them: today's redactor on WNUT-17 `emerging.dev.conll`.

Data credit: WNUT 2017 shared task on novel and emerging entities (Derczynski, Nichols,
van Erp and Limsopatham, 2017), repository leondz/emerging_entities_17, licensed CC-BY 4.0.
The file is not in this repository; it is read from the shared data folder.

Each post's text is its tokens joined by single spaces; gold entities keep their character
spans in that text. Posts are split in two fixed halves by a hash of the text (sha256, even
-> "tune", odd -> "report"): thresholds may be chosen on "tune", figures are reported on
"report" only.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from evaluation.metrics.intervals import wilson
from evaluation.metrics.redaction import edges_inside_words

WS_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Post:
    """One post: text rebuilt from its tokens and gold entities as (start, end, type)."""

    text: str
    entities: tuple[tuple[int, int, str], ...] = field(default=())

    @property
    def persons(self) -> list[tuple[int, int]]:
        return [(s, e) for s, e, t in self.entities if t == "person"]


def _post(tokens: list[tuple[str, str]]) -> Post:
    parts, ents, pos = [], [], 0
    current: list | None = None  # [start, end, type]
    for token, tag in tokens:
        start, end = pos, pos + len(token)
        kind, _, etype = tag.partition("-")
        if kind == "I" and current is not None and current[2] == etype:
            current[1] = end
        elif kind in ("B", "I"):  # an I- with no matching B- starts an entity (lenient, like conlleval)
            current = [start, end, etype]
            ents.append(current)
        else:
            current = None
        parts.append(token)
        pos = end + 1
    return Post(" ".join(parts), tuple((s, e, t) for s, e, t in ents))


def read_conll(path: Path) -> list[Post]:
    """Posts from a token-per-line CoNLL file (token, tab, BIO tag; a blank line ends a post)."""
    posts, tokens = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                posts.append(_post(tokens))
            tokens = []
            continue
        token, _, tag = line.rstrip("\n").partition("\t")
        tokens.append((token, tag.strip() or "O"))
    if tokens:
        posts.append(_post(tokens))
    return posts


def half(text: str) -> str:
    """The fixed half a post belongs to: 'tune' when sha256(text) is even, 'report' when odd."""
    return "tune" if int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "report"


def _chars(spans: Sequence[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _share(num: int, den: int) -> float | None:
    return num / den if den else None


def wnut_metrics(posts: Sequence[Post], predictions: Sequence[Sequence[Any]]) -> dict:
    """Person coverage, lower-case person coverage, over-redaction and in-word edges.

    `predictions` holds one list of predicted spans (dicts or objects with start/end) per post.
    A person counts as covered when every character lies inside some predicted span of any
    type; partly covered when some but not all do. A non-name token is a whitespace token
    that overlaps no gold entity of any WNUT type; it counts as redacted when it overlaps a
    predicted span. Shares with nothing to count are None.
    """
    if len(posts) != len(predictions):
        raise ValueError("one prediction list per post is needed")
    n = {"persons": 0, "covered": 0, "partial": 0, "lower": 0, "lower_covered": 0, "lower_partial": 0,
         "other_tokens": 0, "other_redacted": 0, "pred_spans": 0, "edges_inside_words": 0, "spans_cut_words": 0}
    for post, pred in zip(posts, predictions):
        spans = [(int(p["start"]), int(p["end"])) if isinstance(p, dict) else (int(p.start), int(p.end)) for p in pred]
        covered = _chars(spans)
        for s, e in post.persons:
            hit = sum(i in covered for i in range(s, e))
            full, part = hit == e - s, 0 < hit < e - s
            n["persons"] += 1
            n["covered"] += full
            n["partial"] += part
            name = post.text[s:e]
            if name == name.lower():
                n["lower"] += 1
                n["lower_covered"] += full
                n["lower_partial"] += part
        gold = _chars([(s, e) for s, e, _ in post.entities])
        for m in WS_TOKEN.finditer(post.text):
            if not any(i in gold for i in range(*m.span())):
                n["other_tokens"] += 1
                n["other_redacted"] += any(i in covered for i in range(*m.span()))
        n["pred_spans"] += len(spans)
        for span in spans:
            cut = edges_inside_words(post.text, [span])
            n["edges_inside_words"] += cut
            n["spans_cut_words"] += cut > 0
    return {"posts": len(posts), **n,
            "person_coverage": _share(n["covered"], n["persons"]),
            "person_coverage_ci": wilson(n["covered"], n["persons"]),
            "person_partial": _share(n["partial"], n["persons"]),
            "lower_case_coverage": _share(n["lower_covered"], n["lower"]),
            "lower_case_coverage_ci": wilson(n["lower_covered"], n["lower"]),
            "lower_case_partial": _share(n["lower_partial"], n["lower"]),
            "over_redaction": _share(n["other_redacted"], n["other_tokens"])}
