"""The theme stage the pipeline calls: `load_tagger(settings, version)` -> a ThemeTagger.

A model version folder (see voice.registry) holds `config.json`, the rule and polarity
files, the taxonomy it was built with and, for trained versions, the classifier. How rules
and classifier combine is decided per theme on the dev split at training time and stored
in `config.json` as a policy:
  - "rules": the theme is assigned when a rule fires (rules were more precise on dev);
  - "classifier": when the classifier's probability reaches the theme's tuned threshold;
  - "union": either of the two.
The score is the classifier probability, raised to the rule's measured precision when a
rule assigned the theme. Evidence is the rule spans for the theme (empty if only the
classifier saw it).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Sequence

from voice.errors import NotAvailableError
from voice.registry import resolve
from voice.settings import Settings
from voice.themes.base import as_docs
from voice.themes.language import LanguageChecker
from voice.themes.polarity import PolarityTagger
from voice.themes.rules import RuleTagger, evidence
from voice.types import TagResult

log = logging.getLogger(__name__)
NAME = "themes"
POLICIES = ("rules", "classifier", "union")


class VoiceTagger:
    """Rules (+ classifier), polarity, language check and places over redacted text."""

    def __init__(self, model_version: str, rules: RuleTagger, polarity: PolarityTagger, language: LanguageChecker,
                 classifier=None, policy: dict[str, str] | None = None,  # type: ignore[no-untyped-def]
                 batch_size: int = 64) -> None:
        self.model_version = model_version
        self.rules = rules
        self.polarity = polarity
        self.language = language
        self.classifier = classifier
        self.policy = policy or {t: "rules" for t in rules.taxonomy.ids}
        self.batch_size = batch_size

    def tag_batch(self, texts: Sequence[str]) -> list[TagResult]:
        """Tag redacted texts, in order."""
        if not texts:
            return []
        docs = as_docs(list(texts), self.batch_size)
        probs = self.classifier.predict_proba(texts) if self.classifier is not None else [{} for _ in texts]
        thresholds = self.classifier.thresholds_ if self.classifier is not None else {}
        out = []
        for doc, prob in zip(docs, probs):
            hits = self.rules.hits(doc)
            themes, scores = [], {}
            for theme in self.rules.taxonomy.ids:
                policy = self.policy.get(theme, "rules")
                p = float(prob.get(theme, 0.0))
                by_clf = policy != "rules" and theme in prob and p >= thresholds.get(theme, 0.5)
                by_rule = policy != "classifier" and theme in hits
                if by_clf or by_rule:
                    themes.append(theme)
                    precision = self.rules.precision_.get(theme, 1.0)
                    scores[theme] = round(max(p, precision) if by_rule else p, 4)
            out.append(TagResult(
                themes=tuple(themes), theme_scores=scores,
                evidence={t: evidence(hits.get(t, ())) for t in themes},
                safety_polarity=self.polarity.polarity(doc), language_flags=self.language.flags(doc),
                places=self.rules.places(doc)))
        return out


def load_from_dir(path: Path, version: str) -> VoiceTagger:
    """Build the tagger saved in a version folder."""
    config_path = path / "config.json"
    if not config_path.is_file():
        raise NotAvailableError(f"model folder {path.name} has no config.json.", "Run `voice train` again.")
    config = json.loads(config_path.read_text(encoding="utf-8"))
    classifier = None
    if config.get("classifier"):
        from voice.themes.classifier import ThemeClassifier

        classifier = ThemeClassifier.load(path / config["classifier"])
    policy = config.get("policy") or None
    if policy and any(v not in POLICIES for v in policy.values()):
        raise NotAvailableError(f"model {version} has an unknown combination policy.", "Retrain with `voice train`.")
    return VoiceTagger(version, RuleTagger.load(path), PolarityTagger.load(path), LanguageChecker().fit(),
                       classifier, policy)


def load_tagger(settings: Settings, version: str | None = None) -> VoiceTagger:
    """The named version, else the active one in the store, else the newest on disk."""
    mv = resolve(settings, NAME, version)
    log.info("theme model %s", mv.version)
    return load_from_dir(mv.path, mv.version)
