"""Data card: what a corpus contains and how varied it is.

Variety is measured because a generator with few templates teaches a model its templates:
distinct word 3-gram ratio over the corpus, and 3-gram Jaccard between record pairs
(all pairs when small, a seeded sample of pairs when large).
"""
from __future__ import annotations

import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpora_synthetic.areas import THEMES
from corpora_synthetic.splits import SPLITS

TOKEN = re.compile(r"\w+|[^\w\s]")
NGRAM_CAP = 20_000  # records used for the n-gram figures
PAIR_CAP = 20_000  # record pairs sampled for Jaccard
NN_QUERIES = 300  # records whose nearest neighbour is searched
SMALL_SAMPLE = 100  # records for a size-independent distinct 3-gram ratio


def trigrams(text: str) -> set[tuple[str, ...]]:
    """Word 3-grams of a lowercased text, padded so any non-empty text has at least one."""
    toks = ["<s>"] + TOKEN.findall(text.lower()) + ["</s>"]
    return {tuple(toks[i:i + 3]) for i in range(len(toks) - 2)}


def jaccard(a: set, b: set) -> float:
    """|a & b| / |a | b|, 0.0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of a corpus JSONL file, blank lines skipped."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _source(path_or_records: Path | str | Iterable[dict]) -> tuple[Iterable[dict], dict[str, int] | None]:
    if not isinstance(path_or_records, (str, Path)):
        return path_or_records, None
    path = Path(path_or_records)
    if path.is_file():
        return read_jsonl(path), None
    files = {s: path / f"{s}.jsonl" for s in SPLITS if (path / f"{s}.jsonl").exists()}
    sizes = {s: sum(1 for line in p.open(encoding="utf-8") if line.strip()) for s, p in files.items()}
    return itertools.chain.from_iterable(read_jsonl(p) for p in files.values()), sizes


def pair_jaccards(grams: list[set], max_pairs: int = PAIR_CAP, seed: int = 0) -> list[float]:
    """Jaccard of all pairs if there are at most max_pairs, else of max_pairs seeded random pairs."""
    n = len(grams)
    if n < 2:
        return []
    if n * (n - 1) // 2 <= max_pairs:
        return [jaccard(grams[i], grams[j]) for i, j in itertools.combinations(range(n), 2)]
    rng = random.Random(seed)
    out = []
    for _ in range(max_pairs):
        i, j = rng.sample(range(n), 2)
        out.append(jaccard(grams[i], grams[j]))
    return out


def nearest_neighbour_jaccards(grams: list[set], queries: int = NN_QUERIES, seed: int = 0) -> list[float]:
    """For a seeded sample of records, the highest Jaccard with any other record (a near-duplicate search).

    Random pairs rarely share anything, so this is the stricter check: template clones show up here.
    """
    postings: dict[tuple, list[int]] = {}
    for i, g in enumerate(grams):
        for t in g:
            postings.setdefault(t, []).append(i)
    picked = random.Random(seed).sample(range(len(grams)), min(queries, len(grams)))
    out = []
    for i in picked:
        shared = Counter(j for t in grams[i] for j in postings[t] if j != i)
        out.append(max((c / (len(grams[i]) + len(grams[j]) - c) for j, c in shared.items()), default=0.0))
    return out


def build_card(path_or_records: Path | str | Iterable[dict], meta: dict | None = None,
               max_pairs: int = PAIR_CAP, seed: int = 0) -> dict:
    """Counts and variety figures for a corpus directory, a JSONL file or an iterable of records."""
    records, split_sizes = _source(path_or_records)
    kinds, pii, themes, polarity, vb = Counter(), Counter(), Counter(), Counter(), Counter()
    n = keep = no_theme = vb_records = tokens = total_grams = 0
    grams: list[set] = []
    distinct: set = set()
    for rec in records:
        n += 1
        kinds[rec["kind"]] += 1
        pii.update(s["type"] for s in rec["pii"])
        keep += len(rec["keep"])
        themes.update(rec["themes"])
        no_theme += not rec["themes"]
        polarity[rec["safety_polarity"] or "none"] += 1
        vb.update(rec["victim_blaming"])
        vb_records += bool(rec["victim_blaming"])
        tokens += len(TOKEN.findall(rec["text"]))
        if len(grams) < NGRAM_CAP:
            g = trigrams(rec["text"])
            grams.append(g)
            distinct |= g
            total_grams += len(g)
    js = pair_jaccards(grams, max_pairs, seed)
    nn = nearest_neighbour_jaccards(grams, seed=seed)
    head = grams[:SMALL_SAMPLE]
    head_total = sum(len(g) for g in head)
    card = {
        **(meta or {}), "records": n, "splits": split_sizes, "kinds": dict(sorted(kinds.items())),
        "pii_per_type": dict(sorted(pii.items())), "pii_spans": sum(pii.values()), "keep_spans": keep,
        "themes": {t: themes[t] for t in THEMES}, "no_theme_records": no_theme,
        "safety_polarity": dict(sorted(polarity.items())), "victim_blaming_records": vb_records,
        "victim_blaming_phrases": dict(vb.most_common()), "mean_tokens": round(tokens / n, 1) if n else 0.0,
        "ngram_records": len(grams),
        "distinct_3gram_ratio": round(len(distinct) / total_grams, 4) if total_grams else 0.0,
        "jaccard_pairs": len(js), "jaccard_max": round(max(js), 4) if js else 0.0,
        "jaccard_mean": round(sum(js) / len(js), 4) if js else 0.0,
        "jaccard_share_under_0_5": round(sum(j < 0.5 for j in js) / len(js), 4) if js else 1.0,
        "distinct_3gram_ratio_first_100": round(len(set().union(*head)) / head_total, 4) if head_total else 0.0,
        "nn_queries": len(nn), "nn_jaccard_mean": round(sum(nn) / len(nn), 4) if nn else 0.0,
        "nn_jaccard_max": round(max(nn), 4) if nn else 0.0,
        "nn_share_under_0_5": round(sum(j < 0.5 for j in nn) / len(nn), 4) if nn else 1.0,
    }
    return card


def card_markdown(card: dict) -> str:
    """Human-readable rendering of a card."""
    lines = ["# Data card", "", f"Records: {card['records']}"]
    for key in ("n", "seed"):
        if key in card:
            lines.append(f"{key}: {card[key]}")
    if card.get("splits"):
        lines.append("Splits: " + ", ".join(f"{k} {v}" for k, v in card["splits"].items()))
    lines += ["Kinds: " + ", ".join(f"{k} {v}" for k, v in card["kinds"].items()), "", "## Variety", "",
              f"- distinct 3-gram ratio: {card['distinct_3gram_ratio']} (over {card['ngram_records']} records)",
              f"- pairwise 3-gram Jaccard over {card['jaccard_pairs']} pairs: max {card['jaccard_max']}, "
              f"mean {card['jaccard_mean']}, share under 0.5: {card['jaccard_share_under_0_5']} (target >= 0.95)",
              f"- distinct 3-gram ratio over the first 100 records (comparable across corpus sizes): "
              f"{card['distinct_3gram_ratio_first_100']}",
              f"- nearest-neighbour 3-gram Jaccard for {card['nn_queries']} sampled records: mean "
              f"{card['nn_jaccard_mean']}, max {card['nn_jaccard_max']}, share under 0.5: {card['nn_share_under_0_5']}",
              f"- mean tokens per record: {card['mean_tokens']}", "", "## PII spans per type", "",
              "| type | spans |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in card["pii_per_type"].items()]
    lines += ["", f"Public-place keep spans: {card['keep_spans']}", "", "## Themes", "", "| theme | records |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in card["themes"].items()]
    lines += [f"| (no theme) | {card['no_theme_records']} |", "", "## Safety polarity", ""]
    lines += [f"- {k}: {v}" for k, v in card["safety_polarity"].items()]
    lines += ["", f"Records with victim-blaming phrases: {card['victim_blaming_records']} "
              f"({len(card['victim_blaming_phrases'])} distinct phrases)", ""]
    return "\n".join(lines)


def write_card(card: dict, out_dir: Path) -> None:
    """Write data_card.json and data_card.md."""
    out_dir = Path(out_dir)
    (out_dir / "data_card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out_dir / "data_card.md").write_text(card_markdown(card), encoding="utf-8")
