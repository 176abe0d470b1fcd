"""Leave-one-writer-out check of the default theme model for a taxonomy file (issue 14).

Why: the dev split has two writers and no `online` note, so a rule or seed change can look good
on dev and still be a habit of those writers. Here each of the seven gold train+dev writers is
held out in turn; the two-input heads (rule hit, description likeness; as
`voice.themes.embedding_model`) are trained on the other writers plus the generated train split,
and each theme's threshold (grid, never below the tagger's 0.5 floor) is chosen on the other
writers' out-of-fold scores (and, for comparison, on the other dev-split writers' alone, as
`voice train` tunes on dev). Also printed: the shipped recipe (gold train + generated, thresholds
on dev) scored on dev, and its firing rates on the NHS comments for the themes with no NHS
counterpart. Never reads the locked split.

    python -m evaluation.theme_lowo [--taxonomy FILE] [--out FILE.json] [--misses THEME,...] [--seeds THEME,...]

Parsed synthetic docs are cached in /tmp/themes_lowo (gold and generated text only; the NHS
comments are parsed in memory each run).
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

from corpora_synthetic.gold import load_split
from evaluation.public_nhs import read_fft
from voice.themes.classifier import GRID
from voice.themes.embedding_model import MIN_POSITIVES, RULE_ONLY
from voice.themes.features import note_features, prototypes
from voice.themes.nlp import load_nlp
from voice.themes.rules import RuleTagger
from voice.themes.static_vectors import StaticVectors
from voice.themes.tagger import MIN_DEV_NOTES, TAG_FLOOR
from voice.themes.train import read_jsonl, redact_gold

REPO = Path(__file__).resolve().parents[1]
NHS = REPO.parent / "shared" / "data" / "nhs_fft" / "nhft_comments.csv"
GEN = REPO / "corpora_synthetic" / "data" / "train.jsonl"
CACHE = Path("/tmp/themes_lowo")
NHS_NONE = ("peers", "exploitation", "online", "substances", "missing", "police_justice", "education")


def _docs(name: str, texts: list[str]) -> list:
    """Parsed docs, cached by a digest of the texts (synthetic sets only)."""
    nlp = load_nlp()
    key = hashlib.sha256("\n\x00".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"{name}-{key}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=64))
    CACHE.mkdir(exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


def load_sets() -> dict[str, dict]:
    """Texts, labels, writers and docs of gold train+dev (pooled), generated train and NHS."""
    gold = [(r, s) for s in ("train", "dev") for r in load_split(s)]
    pool = {"texts": [redact_gold(r["text"], r.get("pii") or []) for r, _ in gold],
            "labels": [tuple(r["themes"]) for r, _ in gold], "groups": np.asarray([r["writer"] for r, _ in gold]),
            "split": np.asarray([s for _, s in gold])}
    gen_ex = list(read_jsonl(GEN))
    gen = {"texts": [e.text for e in gen_ex], "labels": [e.themes for e in gen_ex]}
    rows, _ = read_fft(NHS)
    nhs = {"texts": [r["text"] for r in rows if r["text"].strip()], "labels": None}
    pool["docs"] = _docs("gold", pool["texts"])
    gen["docs"] = _docs("gen", gen["texts"])
    nhs["docs"] = list(load_nlp().pipe(nhs["texts"], batch_size=64))
    return {"pool": pool, "gen": gen, "nhs": nhs}


def featurise(sets: dict[str, dict], taxonomy: str | None) -> tuple[str, ...]:
    """Add rule hits, likeness and gold labels (as arrays) for this taxonomy to every set."""
    rules = RuleTagger(taxonomy).fit([])
    ids = rules.taxonomy.ids
    embedder = StaticVectors()
    protos = prototypes(embedder, rules.taxonomy)
    for s in sets.values():
        s["hits"] = [list(rules.hits(d)) for d in s["docs"]]
        f = note_features(embedder, s["texts"], protos, s["hits"], ids)
        s["rules"], s["likeness"] = f["rules"], f["likeness"]
        if s["labels"] is not None:
            s["y"] = np.asarray([[t in lab for t in ids] for lab in s["labels"]], dtype=bool)
    return ids


# the per-theme inputs of the default heads; other inputs (e.g. a second likeness) are other
# (notes x themes) arrays in the set dicts, named here in order, the rule hit first
COLS = ("rules", "likeness")


def _own(s: dict, j: int, rows: np.ndarray | slice = slice(None), cols: tuple[str, ...] = COLS) -> np.ndarray:
    return np.stack([s[c][rows, j] for c in cols], 1)


def heads(train: list[tuple[dict, np.ndarray | slice]], k: int, cols: tuple[str, ...] = COLS) -> list[np.ndarray]:
    """Per-theme [w_rule, w_likeness, ..., intercept], fitted as EmbeddingThemeModel fits them."""
    out = []
    for j in range(k):
        x = np.vstack([_own(s, j, r, cols) for s, r in train])
        y = np.concatenate([s["y"][r, j] for s, r in train])
        if MIN_POSITIVES <= y.sum() < len(y) - 1:
            m = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
            out.append(np.asarray([*m.coef_[0], m.intercept_[0]]))
        else:
            out.append(np.asarray([RULE_ONLY[0], *[0.0] * (len(cols) - 1), RULE_ONLY[3]]))
    return out


def proba(w: list[np.ndarray], s: dict, rows: np.ndarray | slice = slice(None), cols: tuple[str, ...] = COLS) -> np.ndarray:
    return np.stack([1 / (1 + np.exp(-(_own(s, j, rows, cols) @ wj[:-1] + wj[-1]))) for j, wj in enumerate(w)], 1)


def f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = int((pred & gold).sum())
    return 2 * tp / (int(pred.sum()) + int(gold.sum())) if tp else 0.0


def threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The tagger's choice: the F1-best grid point at or above the floor (ties to the lower)."""
    return max((t for t in GRID if t >= TAG_FLOOR), key=lambda t: (f1(p >= t, y), -t))


def score(pred: np.ndarray, y: np.ndarray, ids: tuple[str, ...]) -> dict:
    per = {t: round(f1(pred[:, j], y[:, j]), 3) for j, t in enumerate(ids) if y[:, j].any()}
    return {"macro_f1": round(float(np.mean(list(per.values()))), 4), "micro_f1": round(f1(pred, y), 4),
            "per_theme_f1": per}


def lowo(sets: dict[str, dict], ids: tuple[str, ...], dev_only: bool = False, cols: tuple[str, ...] = COLS) -> dict:
    """Leave one gold writer out; thresholds from the other writers' out-of-fold scores (with
    `dev_only`, from the other dev-split writers' alone, as `voice train` tunes on dev)."""
    pool, gen, k = sets["pool"], sets["gen"], len(ids)
    g = pool["groups"]
    oof = np.zeros(pool["y"].shape)
    for w in sorted(set(g)):
        oof[g == w] = proba(heads([(pool, g != w), (gen, slice(None))], k, cols), pool, g == w, cols)
    return lowo_scored(pool, oof, ids, dev_only)


def lowo_scored(pool: dict, oof: np.ndarray, ids: tuple[str, ...], dev_only: bool = False) -> dict:
    """Tag each held-out writer's out-of-fold scores at thresholds tuned on the other writers'."""
    k, g = len(ids), pool["groups"]
    pred = np.zeros(oof.shape, dtype=bool)
    for w in sorted(set(g)):
        te = g == w
        tune = ~te & (pool["split"] == "dev") if dev_only else ~te
        for j in range(k):
            pred[te, j] = oof[te, j] >= threshold(oof[tune, j], pool["y"][tune, j])
    return {"pred": pred, **score(pred, pool["y"], ids)}


def shipped(sets: dict[str, dict], ids: tuple[str, ...], cols: tuple[str, ...] = COLS) -> dict:
    """`voice train` recipe: gold train + generated, thresholds on dev (0.5 for thin themes)."""
    pool, k = sets["pool"], len(ids)
    tr, dv = pool["split"] == "train", pool["split"] == "dev"
    w = heads([(pool, tr), (sets["gen"], slice(None))], k, cols)
    return shipped_scored(proba(w, pool, dv, cols), pool["y"][dv], proba(w, sets["nhs"], cols=cols), ids)


def shipped_scored(p: np.ndarray, y: np.ndarray, p_nhs: np.ndarray, ids: tuple[str, ...]) -> dict:
    """Dev F1 at thresholds tuned on dev, and NHS firing rates at those thresholds."""
    k = len(ids)
    th = [threshold(p[:, j], y[:, j]) if y[:, j].sum() >= MIN_DEV_NOTES else 0.5 for j in range(k)]
    pn = p_nhs >= np.asarray(th)
    nhs = {t: round(float(pn[:, j].mean()), 4) for j, t in enumerate(ids)}
    return {"dev": score(p >= np.asarray(th), y, ids), "thresholds": dict(zip(ids, th)),
            "nhs_no_counterpart": {t: nhs[t] for t in NHS_NONE}, "nhs_max_no_counterpart": max(nhs[t] for t in NHS_NONE),
            "nhs_firing": nhs}


def misses(sets: dict[str, dict], ids: tuple[str, ...], pred: np.ndarray, theme: str) -> None:
    """Print the held-out misses and false hits of one theme (synthetic gold text only)."""
    pool, j = sets["pool"], ids.index(theme)
    for i, (p, y) in enumerate(zip(pred[:, j], pool["y"][:, j])):
        if p != y:
            print(f"{theme} {'FN' if y else 'FP'} {pool['groups'][i]} rule={theme in pool['hits'][i]} "
                  f"lk={pool['likeness'][i, j]:.2f} :: {' '.join(pool['texts'][i].split())[:400]}")


def seed_table(sets: dict[str, dict], taxonomy: str | None, theme: str) -> None:
    """Print each seed or pattern of one theme: gold notes it fires on, the share the labellers
    gave the theme, the writers, and NHS comments it fires on (how the issue-14 seeds were judged)."""
    rules = RuleTagger(taxonomy).fit([])
    stats: dict[str, list] = {}
    for name in ("pool", "nhs"):
        s = sets[name]
        for i, doc in enumerate(s["docs"]):
            for rule in {h.rule for h in rules.hits(doc).get(theme, ())}:
                row = stats.setdefault(rule, [0, 0, {}, 0])
                if name == "nhs":
                    row[3] += 1
                    continue
                row[0] += 1
                row[1] += theme in s["labels"][i]
                row[2][str(s["groups"][i])] = row[2].get(str(s["groups"][i]), 0) + 1
    for rule, (n, right, writers, nhs) in sorted(stats.items(), key=lambda kv: -kv[1][0]):
        print(f"{theme} {rule[:60]:60s} gold {n:4d} agree {right / n if n else 0:.2f} nhs {nhs:4d} writers {writers}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--taxonomy", default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--misses", default=None, help="comma-separated themes whose misses to print")
    ap.add_argument("--seeds", default=None, help="comma-separated themes whose seeds and patterns to tabulate")
    args = ap.parse_args()
    sets = load_sets()
    ids = featurise(sets, args.taxonomy)
    cv = lowo(sets, ids)
    pred = cv.pop("pred")
    dev_only = lowo(sets, ids, dev_only=True)
    dev_only.pop("pred")
    result = {"taxonomy": args.taxonomy or "voice/themes/taxonomy.yaml", "lowo": cv,
              "lowo_thresholds_from_dev_writers": dev_only, "shipped": shipped(sets, ids)}
    print(json.dumps(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    for theme in (args.misses or "").split(","):
        if theme:
            misses(sets, ids, pred, theme)
    for theme in (args.seeds or "").split(","):
        if theme:
            seed_table(sets, args.taxonomy, theme)


if __name__ == "__main__":
    main()
