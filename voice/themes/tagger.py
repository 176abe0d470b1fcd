"""The theme stage the pipeline calls (`voice.stages.load_tagger` loads it): a ThemeTagger.

How rules and classifier combine (score blending): for each theme,
    score = (1 - w) * classifier probability + w * rule precision * [a rule fired]
with w = `rule_weight` (0.5) and the rule's precision measured on the dev split; the theme
is assigned when the score reaches its threshold, tuned on dev. So a precise rule hit plus
a moderately confident classifier assigns a theme, and a confident classifier can assign
one alone. A rules-only version (no training data) assigns every theme a rule fires for,
scored by the rule precision. Evidence is the rule spans for each assigned theme (empty if
only the classifier saw it).

When the dev split gives too little evidence for a theme, nothing is tuned on it:
- fewer than MIN_DEV_NOTES dev notes with the theme: its threshold is DEFAULT_THRESHOLD (0.5),
  so the theme is assigned when its rule fires (and the classifier does not contradict a less
  than perfect rule), as in the rules-only version, but never by the untested classifier alone;
- its rule fired on fewer than MIN_RULE_FIRINGS dev notes: the rule precision is measured on
  the training and dev notes together (rules are not fitted on the training notes, so this is
  a fair estimate), or is 1.0 (the rules-only value) if the rule fired fewer than
  MIN_RULE_FIRINGS times there too.
Which themes fell back, and why, is kept in `fallbacks_` and written to the model card.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Callable, Collection, Sequence

from voice.errors import NotAvailableError, UserError
from voice.themes.base import Estimator, as_docs
from voice.themes.classifier import GRID, ThemeClassifier, best_threshold, f1, f1_at
from voice.themes.embedding_model import EmbeddingThemeModel
from voice.themes.language import LanguageChecker
from voice.themes.nlp import parse_all
from voice.themes.polarity import PolarityTagger
from voice.themes.review import lower_threshold
from voice.themes.rules import RuleTagger, evidence
from voice.types import TagResult

log = logging.getLogger(__name__)
NAME = "themes"
# Weight of the rules in the blended score, fixed rather than tuned on dev: dev comes from the
# same generator as train and always prefers the classifier, while rules transfer better to
# notes unlike the training data (the hand-written set).
RULE_WEIGHT = 0.5
# The least dev evidence a theme needs before its threshold is tuned / its rule precision is
# measured on dev; below it the theme falls back (module docstring).
MIN_DEV_NOTES = 3
MIN_RULE_FIRINGS = 3
DEFAULT_THRESHOLD = 0.5
# "embeddings": calibrated heads on sentence embeddings with rule hits as features (the default);
# "bow": spaCy's bag-of-n-grams classifier blended with the rules (versions before issue 14)
METHODS = ("embeddings", "bow")
# The embedding model's probabilities are calibrated, so its tagging threshold never goes below
# 0.5: a theme is tagged only when the note more likely than not carries it. Dev F1 alone chose
# 0.1 for peers (a weak theme's F1-best threshold sits near half its F1), which tagged `peers`
# on 10.6% of NHS comments; with the floor dev macro-F1 moves 0.660 -> 0.648 and the lower
# scores go to review instead.
TAG_FLOOR = 0.5
Labels = Sequence[Sequence[str]]


def blend(prob: float, hit: bool, precision: float, weight: float = RULE_WEIGHT) -> float:
    """The combined theme score: classifier probability and precision-weighted rule hit."""
    return (1 - weight) * prob + weight * precision * float(hit)


def split_dev(texts: Sequence[str], share: float = 0.1) -> list[bool]:
    """Deterministic dev membership by a hash of the text (a text always lands in the same split)."""
    return [int(hashlib.sha256(t.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF < share for t in texts]


def _notes(n: int) -> str:
    return f"{n} note" if n == 1 else f"{n} notes"


class CombinedTagger(Estimator):
    """Rules + classifier (+ polarity, language check, places) as one estimator.

    `fit(texts, labels, dev=(texts, labels))` trains the classifier on the train texts and
    measures rule precision and tunes thresholds on dev (a hashed 10% of the data if no dev
    is given). With no texts it is a rules-only tagger.
    """

    def __init__(self, taxonomy_path: str | None = None, epochs: int = 3, rule_weight: float = RULE_WEIGHT,
                 seed: int = 0, method: str = "embeddings") -> None:
        self.taxonomy_path = taxonomy_path
        self.epochs = epochs
        self.rule_weight = rule_weight
        self.seed = seed
        self.method = method

    @property
    def _weight(self) -> float:
        """Rule weight in the blend: the embedding model takes rule hits as features instead."""
        return 0.0 if self.method == "embeddings" else self.rule_weight

    def fit(self, texts: Sequence[str], labels: Labels, dev: tuple[Sequence[str], Labels] | None = None,
            progress: Callable[[int], None] | None = None, groups: Sequence[str] | None = None,
            hits: Sequence[Sequence[str]] | None = None) -> "CombinedTagger":
        """Train (or, with no texts, build the rules-only tagger). `groups` (e.g. writers) keep a
        group's notes in one calibration fold of the embedding model; `hits` (the themes the
        taxonomy rules fire for on each training text) saves parsing the texts again."""
        if self.method not in METHODS:
            raise UserError(f"unknown theme model method {self.method!r}.", f"Use one of: {', '.join(METHODS)}.")
        self.polarity_ = PolarityTagger().fit()
        self.language_ = LanguageChecker().fit()
        self.classifier_: ThemeClassifier | EmbeddingThemeModel | None = None
        self.thresholds_: dict[str, float] = {}
        self.lower_: dict[str, float] = {}
        self.fallbacks_: dict[str, dict[str, Any]] = {}
        if not texts:
            self.rules_ = RuleTagger(self.taxonomy_path).fit([])
            return self
        if dev is None:
            in_dev = split_dev(texts)
            dev = ([t for t, d in zip(texts, in_dev) if d], [y for y, d in zip(labels, in_dev) if d])
            texts = [t for t, d in zip(texts, in_dev) if not d]
            labels = [y for y, d in zip(labels, in_dev) if not d]
            groups = hits = None
        dev_docs = as_docs(dev[0])
        self.rules_ = RuleTagger(self.taxonomy_path).fit(dev_docs, dev[1])
        if hits is None and self.method == "embeddings":
            hits = [list(self.rules_.hits(d)) for d in as_docs(list(texts))]
        untuned = self._fall_back(texts, labels, dev[1], hits)
        dev_hits = [set(self.rules_.hits(d)) for d in dev_docs]
        if self.method == "embeddings":
            self.classifier_ = EmbeddingThemeModel(self.taxonomy_path, seed=self.seed).fit(
                texts, labels, hits, groups=groups, progress=progress)
            probs = self.classifier_.predict_proba(dev[0], [list(h) for h in dev_hits])
        else:
            clf = ThemeClassifier(themes=self.rules_.taxonomy.ids, epochs=self.epochs, seed=self.seed)
            self.classifier_ = clf.fit(texts, labels, progress=progress)
            self.classifier_.thresholds_ = {t: DEFAULT_THRESHOLD if t in untuned else v
                                            for t, v in clf.tune(dev[0], dev[1]).items()}
            probs = clf.predict_proba(dev[0])
        self.thresholds_, self.dev_f1_ = self._tune(probs, dev_hits, dev[1], untuned)
        for theme, record in self.fallbacks_.items():
            record["threshold"] = self.thresholds_[theme]
        return self

    def _fall_back(self, texts: Sequence[str], labels: Labels, dev_labels: Labels,
                   hits: Sequence[Sequence[str]] | None = None) -> set[str]:
        """Replace the rule precision of themes whose rule fired too rarely on dev (see the module
        docstring), record every theme with too little dev evidence in `fallbacks_`, and return
        the themes whose threshold cannot be tuned on dev."""
        dev_support = self.rules_.support_
        thin_rules = [t for t in self.rules_.taxonomy.ids if dev_support[t]["fired"] < MIN_RULE_FIRINGS]
        pooled: dict[str, dict[str, int]] = {}
        if thin_rules:  # parse the training notes only when a rule needs them
            train_support = (self.rules_.count(texts, labels) if hits is None else
                             {t: {"fired": sum(t in h for h in hits),
                                  "correct": sum(t in h and t in y for h, y in zip(hits, labels))}
                              for t in self.rules_.taxonomy.ids})
            pooled = {t: {k: dev_support[t][k] + train_support[t][k] for k in ("fired", "correct")}
                      for t in thin_rules}
        untuned = set()
        for theme in self.rules_.taxonomy.ids:
            dev_notes, fired = sum(theme in g for g in dev_labels), dev_support[theme]["fired"]
            if dev_notes >= MIN_DEV_NOTES and theme not in pooled:
                continue
            record: dict[str, Any] = {"why": f"not enough dev examples: the theme is on {_notes(dev_notes)} of "
                                             f"the dev split ({MIN_DEV_NOTES} needed to tune its threshold) and its "
                                             f"rule fired on {_notes(fired)} there ({MIN_RULE_FIRINGS} needed to "
                                             f"measure its precision)",
                                      "dev_notes": dev_notes, "dev_rule_firings": fired,
                                      "train_notes": sum(theme in g for g in labels), "threshold_from": "dev"}
            if dev_notes < MIN_DEV_NOTES:
                untuned.add(theme)
                record["threshold_from"] = "default"
            record["rule_precision_from"] = "dev"
            if theme in pooled:
                both = pooled[theme]
                if both["fired"] >= MIN_RULE_FIRINGS:
                    self.rules_.precision_[theme] = round(both["correct"] / both["fired"], 4)
                    record["rule_precision_from"] = f"training and dev notes ({both['fired']} rule firings)"
                else:
                    self.rules_.precision_[theme] = 1.0
                    record["rule_precision_from"] = (f"default (the rule fired on {_notes(both['fired'])} of the "
                                                     f"training and dev notes)")
            record["rule_precision"] = self.rules_.precision_[theme]
            self.fallbacks_[theme] = record
        return untuned

    def _tune(self, probs: Sequence[dict[str, float]], hits: Sequence[set[str]], gold: Labels,
              untuned: Collection[str] = ()) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
        """Per-theme thresholds on the blended score maximising dev F1 (DEFAULT_THRESHOLD for the
        `untuned` themes), and the dev F1 of the classifier alone, the rules alone and the blend
        (recorded in the model card)."""
        thresholds, options = {}, {}
        for theme in self.rules_.taxonomy.ids:
            truth = [theme in g for g in gold]
            fired = [theme in h for h in hits]
            prec = self.rules_.precision_[theme]
            scores = [blend(p[theme], f, prec, self._weight) for p, f in zip(probs, fired)]
            if theme in untuned:
                thresholds[theme] = DEFAULT_THRESHOLD
                f_blend = f1_at(scores, truth, DEFAULT_THRESHOLD)
            elif self.method == "embeddings":  # calibrated: tag only the more-likely-than-not, review the rest
                thresholds[theme], f_blend = max(((t, f1_at(scores, truth, t)) for t in GRID if t >= TAG_FLOOR),
                                                 key=lambda x: (x[1], -x[0]))
            else:
                thresholds[theme], f_blend = best_threshold(scores, truth)
            self.lower_[theme] = lower_threshold(scores, truth, thresholds[theme])
            tp = sum(f and g for f, g in zip(fired, truth))
            options[theme] = {"classifier": round(best_threshold([p[theme] for p in probs], truth)[1], 4),
                              "rules": round(f1(tp, sum(fired) - tp, sum(truth) - tp), 4), "blend": round(f_blend, 4)}
        return thresholds, options

    def predict(self, texts: Sequence[str]) -> list[TagResult]:
        """Tag redacted texts, in order."""
        self._check_fitted()
        if not texts:
            return []
        docs = as_docs(list(texts))
        all_hits, places = [], []
        for doc in docs:  # places are found once: they are theme evidence and the note's places list
            found = self.rules_.find_places(doc)
            all_hits.append(self.rules_.hits(doc, found))
            places.append(self.rules_.places(doc, found))
        probs = None
        if isinstance(self.classifier_, EmbeddingThemeModel):
            probs = self.classifier_.predict_proba(list(texts), [list(h) for h in all_hits])
        elif self.classifier_ is not None:
            probs = self.classifier_.predict_proba(texts)
        lower = getattr(self, "lower_", {})
        parse_all(d for d in docs if self.polarity_.wants_parse(d) or self.language_.wants_parse(d))
        out = []
        for i, doc in enumerate(docs):
            hits = all_hits[i]
            scores: dict[str, float] = {}
            review: dict[str, float] = {}
            for theme in self.rules_.taxonomy.ids:
                precision = self.rules_.precision_.get(theme, 1.0)
                if probs is None:
                    if theme in hits:
                        scores[theme] = precision
                    continue
                score = round(blend(probs[i].get(theme, 0.0), theme in hits, precision, self._weight), 4)
                upper = self.thresholds_.get(theme, DEFAULT_THRESHOLD)
                if score >= upper:
                    scores[theme] = score
                elif score >= lower.get(theme, upper):
                    review[theme] = score
            out.append(TagResult(themes=tuple(scores), theme_scores=scores, review=review,
                                 evidence={t: evidence(hits.get(t, ())) for t in scores},
                                 safety_polarity=self.polarity_.polarity(doc), language_flags=self.language_.flags(doc),
                                 places=places[i]))
        return out

    def save(self, path: Path) -> None:
        """Write config, rules, polarity cues and (if trained) the classifier into `path`."""
        self._check_fitted()
        path.mkdir(parents=True, exist_ok=True)
        self.rules_.save(path)
        self.polarity_.save(path)
        if self.classifier_ is not None:
            self.classifier_.save(path / "classifier")
        config = {"kind": ("rules" if self.classifier_ is None else
                           "rules+embeddings" if self.method == "embeddings" else "rules+classifier"),
                  "classifier": "classifier" if self.classifier_ is not None else None,
                  "params": self.get_params(), "thresholds": self.thresholds_,
                  "review_thresholds": getattr(self, "lower_", {}),
                  "fallbacks": getattr(self, "fallbacks_", {})}
        (path / "config.json").write_text(json.dumps(config, indent=1, sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> "CombinedTagger":
        """A fitted tagger from `save` output."""
        config_path = path / "config.json"
        if not config_path.is_file():
            raise NotAvailableError(f"model folder {path.name} has no config.json.", "Run `voice train` again.")
        config = json.loads(config_path.read_text(encoding="utf-8"))
        params = dict(config.get("params") or {})
        params["taxonomy_path"] = str(path / "taxonomy.yaml")
        params.setdefault("method", "bow")  # versions saved before the embedding model existed
        tagger = cls(**params)
        tagger.rules_ = RuleTagger.load(path)
        tagger.polarity_ = PolarityTagger.load(path)
        tagger.language_ = LanguageChecker().fit()
        tagger.classifier_ = None
        if config.get("classifier"):
            tagger.classifier_ = (EmbeddingThemeModel.load(path / config["classifier"], params["taxonomy_path"])
                                  if tagger.method == "embeddings" else ThemeClassifier.load(path / config["classifier"]))
        tagger.thresholds_ = {k: float(v) for k, v in (config.get("thresholds") or {}).items()}
        tagger.lower_ = {k: float(v) for k, v in (config.get("review_thresholds") or {}).items()}
        tagger.fallbacks_ = dict(config.get("fallbacks") or {})
        return tagger


class VoiceTagger:
    """The pipeline's ThemeTagger: a fitted CombinedTagger and the version it was loaded as."""

    def __init__(self, model_version: str, estimator: CombinedTagger) -> None:
        self.model_version = model_version
        self.estimator = estimator

    def tag_batch(self, texts: Sequence[str]) -> list[TagResult]:
        """Themes, scores, evidence, polarity, language flags and places for each redacted text."""
        return self.estimator.predict(texts)

