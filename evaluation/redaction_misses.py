"""What the redactor misses, grouped by shape, on the sets choices may be made on (terminal only).

    nice python -m evaluation.redaction_misses [--sets dev,train,handwritten,wnut,nhs] [--show N]

Gold dev and train splits, the hand-written set, WNUT-17's *tune* half of emerging.dev (never the
report half) and the NHS FFT comments (every PERSON there is listed with the rule that found it).
The gold corpus's locked split is never read. Prints to the terminal only; writes nothing.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from evaluation.metrics.redaction import leaked_spans
from evaluation.public_nhs import read_fft
from evaluation.public_wnut import half, read_conll
from redaction import Redactor

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
GOLD = {"dev": ROOT / "corpora_synthetic/gold/dev.jsonl", "train": ROOT / "corpora_synthetic/gold/train.jsonl",
        "handwritten": ROOT / "corpora_synthetic/handwritten/realistic.jsonl"}
_HANDLE = re.compile(r"[._\d]")


def shape(value: str) -> str:
    """A coarse class for a missed span: what kind of leak it is."""
    words = value.split()
    if _HANDLE.search(value) and len(words) == 1:
        return "handle-like"
    if len(value.replace(".", "").strip()) <= 2:
        return "one/two letters"
    if value.islower():
        return "lower-case" + (" one word" if len(words) == 1 else " words")
    return "one word" if len(words) == 1 else "several words"


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    return (text[max(0, start - width):start] + "[[" + text[start:end] + "]]" + text[end:end + width]).replace("\n", " ")


def _redact(redactor: Redactor, texts: list[str]) -> list:
    out = []
    for i in range(0, len(texts), 64):
        out += redactor.redact_batch(texts[i:i + 64])
    return out


def gold_misses(redactor: Redactor, name: str, show: int) -> None:
    """Leaked gold spans by type and shape, with context."""
    records = [json.loads(line) for line in GOLD[name].read_text(encoding="utf-8").splitlines() if line.strip()]
    results = _redact(redactor, [r["text"] for r in records])
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rec, res in zip(records, results):
        pred = [{"start": e.start, "end": e.end} for e in res.entities]
        for leak in leaked_spans(rec["text"], rec["pii"], pred):
            groups[(leak["type"], shape(leak["text"]))].append(_context(rec["text"], leak["start"], leak["end"]))
    print(f"\n===== {name}: {sum(map(len, groups.values()))} leaked spans")
    for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"--- {key[0]} / {key[1]}: {len(items)}")
        for item in items[:show]:
            print("    " + item)


def wnut_misses(redactor: Redactor, show: int) -> None:
    """Person names not fully covered on the tune half, by shape; and over-redacted tokens."""
    posts = [p for p in read_conll(DATA / "wnut17" / "emerging.dev.conll") if half(p.text) == "tune"]
    results = _redact(redactor, [p.text for p in posts])
    groups: dict[str, list[str]] = defaultdict(list)
    extra: Counter = Counter()
    persons = 0
    for post, res in zip(posts, results):
        covered = {i for e in res.entities for i in range(e.start, e.end)}
        for s, e in post.persons:
            persons += 1
            if not all(i in covered for i in range(s, e)):
                groups[shape(post.text[s:e])].append(_context(post.text, s, e))
        gold = {i for s, e, _ in post.entities for i in range(s, e)}
        for ent in res.entities:
            if not any(i in gold for i in range(ent.start, ent.end)):
                extra[f"{ent.type} {ent.recognizer}: {post.text[ent.start:ent.end]}"] += 1
    print(f"\n===== WNUT tune half: {persons} persons, {sum(map(len, groups.values()))} not fully covered")
    for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"--- {key}: {len(items)}")
        for item in items[:show]:
            print("    " + item)
    print(f"--- spans on no WNUT entity: {sum(extra.values())}")
    for item, count in extra.most_common(show):
        print(f"    {count} x {item}")


def nhs_hits(redactor: Redactor, show: int) -> None:
    """Every PERSON on the NHS comments with the recognizer and rule behind it."""
    rows, _ = read_fft(DATA / "nhs_fft" / "nhft_comments.csv")
    texts = [r["text"] for r in rows if r["text"].strip()]
    results = _redact(redactor, texts)
    by_rule: dict[str, list[str]] = defaultdict(list)
    comments = 0
    for text, res in zip(texts, results):
        persons = [e for e in res.entities if e.type == "PERSON"]
        comments += bool(persons)
        for ent in persons:
            by_rule[f"{ent.recognizer} / {ent.explanation}"].append(_context(text, ent.start, ent.end, 40))
    print(f"\n===== NHS: {comments} of {len(texts)} comments given a PERSON")
    for key, items in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        print(f"--- {key}: {len(items)}")
        for item in items[:show]:
            print("    " + item)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="dev,train,handwritten,wnut,nhs")
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    redactor = Redactor()
    for name in args.sets.split(","):
        if name in GOLD:
            gold_misses(redactor, name, args.show)
        elif name == "wnut":
            wnut_misses(redactor, args.show)
        elif name == "nhs":
            nhs_hits(redactor, args.show)
        else:
            raise SystemExit(f"unknown set {name}")


if __name__ == "__main__":
    main()
