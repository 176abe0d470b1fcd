"""Build theme model versions: the rules-only baseline and rules + trained classifier.

Pure: reads files and writes version folders, never the store (labelled notes from the store
come through `voice.jobs.training`). Saving a version never makes it live: only a promotion
does. Training data are redacted texts only. Synthetic JSONL records carry gold `pii` spans;
they are replaced by `<TYPE>` placeholders here before anything else sees the text.
"""
from __future__ import annotations

import getpass
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from voice.errors import InputRowError, UserError
from voice.ingest.readers import iter_jsonl
from voice.registry import CARD, VERSION_RE, data_hash, new_version, write_card
from voice.themes.tagger import CombinedTagger, split_dev

NAME = "themes"


@dataclass(frozen=True)
class Example:
    """One labelled, redacted training text.

    `polarity_known` / `language_known` say whether the safety polarity and the victim-blaming
    phrases were labelled at all (analysts label themes only), so unlabelled ones are not
    scored as if the gold answer were "none".
    """

    text: str
    themes: tuple[str, ...]
    polarity: str | None = None
    victim_blaming: tuple[str, ...] = ()
    polarity_known: bool = True
    language_known: bool = True
    group: str | None = None  # who wrote it (the gold corpus's `writer`), for calibration folds


def redact_gold(text: str, pii: Sequence[dict[str, Any]]) -> str:
    """Replace gold PII spans with `<TYPE>` placeholders (right to left so offsets hold)."""
    for span in sorted(pii, key=lambda s: int(s["start"]), reverse=True):
        start, end = int(span["start"]), int(span["end"])
        text = text[:start] + f"<{span['type']}>" + text[end:]
    return text


LOCKED_SPLIT_NAME = "locked_test.jsonl"  # the gold corpus's locked split (corpora_synthetic/gold.py)


def read_jsonl(path: Path) -> Iterator[Example]:
    """Examples from JSONL records with `text` and `themes` (and optionally `pii`, `safety_polarity`).

    Training, tuning and model-card scoring all read through here, so this is where the gold
    corpus's locked test split is refused: no choice may ever be made on it.
    """
    if Path(path).name == LOCKED_SPLIT_NAME:
        raise UserError(f"{LOCKED_SPLIT_NAME} is the locked test split: it is for final reports (voice evaluate) "
                        "only, never for training, tuning or a model card.",
                        "Use the gold corpus's train.jsonl to train and dev.jsonl to tune.")
    for line_no, rec in iter_jsonl(path):
        if not isinstance(rec.get("text"), str) or not isinstance(rec.get("themes"), list):
            raise InputRowError(path.name, line_no, 'needs "text" and a "themes" list.')
        yield Example(redact_gold(rec["text"], rec.get("pii") or []), tuple(rec["themes"]),
                      rec.get("safety_polarity"), tuple(rec.get("victim_blaming") or ()),
                      polarity_known="safety_polarity" in rec, language_known="victim_blaming" in rec,
                      group=rec.get("writer") if isinstance(rec.get("writer"), str) else None)


def trainer() -> str:
    """Who trained the model (for the card)."""
    try:
        return os.environ.get("VOICE_TRAINER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def hash_split(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """Train and dev parts, a tenth held back by a hash of the text (stable across runs)."""
    in_dev = split_dev([e.text for e in examples])
    return [e for e, d in zip(examples, in_dev) if not d], [e for e, d in zip(examples, in_dev) if d]


def evaluate(tagger: CombinedTagger, examples: Sequence[Example]) -> dict[str, Any]:
    """Theme F1 (per theme, micro, macro), polarity accuracy and language-check recall on examples."""
    from evaluation.metrics.themes import polarity_accuracy, theme_scores, victim_blaming_scores

    results = tagger.predict([e.text for e in examples])
    themes = theme_scores([e.themes for e in examples], [r.themes for r in results], tagger.rules_.taxonomy.ids)
    pol = [(e.polarity, r.safety_polarity) for e, r in zip(examples, results) if e.polarity_known]
    polarity = polarity_accuracy([g for g, _ in pol], [p for _, p in pol])  # accuracy None when none labelled
    vb_pairs = [(e.victim_blaming, [f.phrase for f in r.language_flags])
                for e, r in zip(examples, results) if e.language_known]
    vb = victim_blaming_scores([g for g, _ in vb_pairs], [p for _, p in vb_pairs])
    return {"n": len(examples), "micro_f1": round(themes["micro_f1"], 4), "macro_f1": round(themes["macro_f1"], 4),
            "per_theme_f1": {t: round(v["f1"], 4) for t, v in themes["per_theme"].items()},
            "polarity_accuracy": round(polarity["accuracy"], 4) if polarity["accuracy"] is not None else None,
            "victim_blaming_recall": vb.get("recall"), "victim_blaming_false_flag_rate": vb.get("false_flag_rate")}


KINDS = ("rules", "rules+classifier", "rules+embeddings")  # the `kind` in a theme model's card


def check_name(model_dir: Path, name: str) -> None:
    """Refuse a registry name that is not a safe folder name or whose folder holds something other
    than theme model versions (e.g. `topics` or `embeddings`), before any training is done.
    `themes` itself always holds theme models (a folder without a card there is a leftover)."""
    if not VERSION_RE.match(name):
        raise UserError(f"{name!r} is not a valid model name.",
                        "Use letters, digits, '.', '_' and '-' only, starting with a letter or digit.")
    root = model_dir / name
    kinds: dict[str, Any] = {}
    for sub in sorted(root.iterdir()) if root.is_dir() and name != NAME else []:
        if sub.is_dir():
            try:
                kinds[sub.name] = json.loads((sub / CARD).read_text(encoding="utf-8")).get("kind")
            except (OSError, ValueError, AttributeError):
                kinds[sub.name] = None  # no or unreadable card: a leftover, or another kind of model
    other = [v for v, kind in kinds.items() if kind is not None and kind not in KINDS]
    if other or (kinds and not any(kind in KINDS for kind in kinds.values())):
        example = (other or sorted(kinds))[0]
        raise UserError(f"{root} holds models that are not theme models ({example}), so a theme model cannot be "
                        f"saved as {name!r}.", "Choose another --name, or leave it out to use 'themes'.")


def save_version(tagger: CombinedTagger, model_dir: Path, card: dict[str, Any], prefix: str = "clf",
                 version: str | None = None, name: str = NAME) -> Path:
    """Save a fitted tagger as a new version folder `model_dir/name/version` with its model card."""
    check_name(model_dir, name)
    if version:
        path = model_dir / name / version
    else:
        version, path = new_version(model_dir, name, prefix)
    path.mkdir(parents=True, exist_ok=False)
    tagger.save(path)
    taxonomy = tagger.rules_.taxonomy
    kind = ("rules" if tagger.classifier_ is None else
            "rules+embeddings" if tagger.method == "embeddings" else "rules+classifier")
    write_card(path, {"name": name, "version": version, "kind": kind,
                      "trainer": trainer(), "taxonomy_version": taxonomy.version, "taxonomy_digest": taxonomy.digest,
                      "params": tagger.get_params(), **card})
    return path


def save_rules_version(model_dir: Path, taxonomy_path: str | None = None, version: str | None = None) -> Path:
    """Write a rules-only version (no training data): the fallback when no classifier exists."""
    tagger = CombinedTagger(taxonomy_path).fit([], [])
    return save_version(tagger, model_dir, {"training_data_hash": data_hash([]), "training_examples": 0,
                                            "metrics": {}}, prefix="rules", version=version)


def train_version(train: Sequence[Example], dev: Sequence[Example], model_dir: Path, *, epochs: int = 3,
                  taxonomy_path: str | None = None, evals: dict[str, Sequence[Example]] | None = None,
                  progress: Callable[[int], None] | None = None, name: str = NAME, method: str = "embeddings") -> Path:
    """Train rules + classifier (thresholds tuned on dev), evaluate, and save a new version of
    the registry model `name` (`model_dir/name/<version>`)."""
    if not train or not dev:
        raise UserError(f"training needs labelled examples in both the train and the dev split "
                        f"(got {len(train)} train and {len(dev)} dev).",
                        "Label more notes, or pass a larger JSONL file.")
    check_name(model_dir, name)  # fail before training, not after
    clash = sorted(set(evals or {}) & {"dev", "dev_f1_by_method"})
    if clash:
        raise UserError(f"an evaluation set named '{clash[0]}' would overwrite the model card's own "
                        f"'{clash[0]}' scores.", "Rename that --eval file (its name becomes the label in the card).")
    started = time.perf_counter()
    groups = [e.group or "unnamed" for e in train] if any(e.group for e in train) else None
    tagger = CombinedTagger(taxonomy_path, epochs=epochs, method=method).fit(
        [e.text for e in train], [e.themes for e in train], dev=([e.text for e in dev], [e.themes for e in dev]),
        progress=progress, groups=groups)
    seconds = round(time.perf_counter() - started, 1)
    metrics = {"dev": evaluate(tagger, dev), "dev_f1_by_method": tagger.dev_f1_}
    for split, examples in (evals or {}).items():
        metrics[split] = evaluate(tagger, examples)
    records = [json.dumps([e.text, sorted(e.themes)]) for e in [*train, *dev]]
    return save_version(tagger, model_dir, {"training_data_hash": data_hash(records), "training_examples": len(train),
                                            "dev_examples": len(dev), "train_seconds": seconds, "metrics": metrics,
                                            "fallbacks": tagger.fallbacks_, "warnings": fallback_warnings(tagger)},
                        prefix="emb" if method == "embeddings" else "clf", name=name)


def fallback_warnings(tagger: CombinedTagger) -> list[str]:
    """What an analyst must know before promoting: themes the dev split could not tune or check."""
    from voice.themes.tagger import MIN_DEV_NOTES, MIN_RULE_FIRINGS

    fell = sorted(tagger.fallbacks_)
    if not fell:
        return []
    return [f"not enough dev examples for: {', '.join(fell)} (fewer than {MIN_DEV_NOTES} held-back notes with the "
            f"theme, or fewer than {MIN_RULE_FIRINGS} on which its rule fired). These themes use the default threshold "
            f"and/or a rule precision measured on all the labelled notes instead of values tuned on dev, and the dev "
            f"scores say little about them (details under `fallbacks` in the model card). Label more notes with them."]
