"""Build the spaCy pipeline and Presidio AnalyzerEngine from a validated config."""
from __future__ import annotations

import logging
from pathlib import Path

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_analyzer import predefined_recognizers as presidio_predefined
from presidio_analyzer.nlp_engine import NlpEngine, NlpEngineProvider
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from redaction import recognizers as custom
from redaction.blas import model_ops
from redaction.context import WindowContextEnhancer
from redaction.config import ConfigError, RecognizerSwitch, RedactionConfig
from redaction.lexicon import EnglishLexicon
from redaction.recognizers.gated import GatedRecognizer

# Components redaction needs: the NER has its own embedding layer in this model,
# so tok2vec/tagger/parser/lemmatizer are pure cost here.
NEEDED_PIPES = ("ner",)
NER_LABELS = ("PERSON", "FACILITY", "LOCATION", "ORGANIZATION")

_ENTITY_TYPES = {
    "EmailRecognizer": "EMAIL_ADDRESS",
    "UrlRecognizer": "URL",
    "IpRecognizer": "IP_ADDRESS",
    "UkVehicleRegistrationRecognizer": "VEHICLE_REG",
}


def quiet_presidio_logs() -> None:
    """Presidio logs surrounding note words at DEBUG (context enhancer); never let them out."""
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        log = logging.getLogger(name)
        log.setLevel(logging.WARNING)
        if not any(isinstance(f, _DropBelowWarning) for f in log.filters):
            log.addFilter(_DropBelowWarning())


class _DropBelowWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def build_nlp_engine(config: RedactionConfig) -> NlpEngine:
    """spaCy via Presidio's provider: the installed package by name, or the trained names model's
    folder, which holds the same tokenizer and vocabulary plus its NER and nothing else (loading the
    installed model as well, only to swap its NER out, cost about 1 s of every redactor's start)."""
    model = config.spacy_model
    if config.names_model is not None:
        model = str(names_model_folder(Path(config.names_model.path)))
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": config.language, "model_name": model}],
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": dict(config.ner.mapping),
                "default_score": config.ner.default_score,
            },
        }
    )
    with model_ops():  # the model's layers multiply through NumPy's OpenBLAS (redaction/blas.py)
        engine = provider.create_engine()
    nlp = engine.get_nlp(config.language)
    missing = [p for p in NEEDED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ConfigError(f"spaCy model {model} lacks components {missing}")
    nlp.select_pipes(enable=list(NEEDED_PIPES))
    return engine


def names_model_folder(folder: Path) -> Path:
    """The trained names model's folder, checked first: a path that is not there would make
    Presidio try to download a model of that name."""
    if not (folder / "config.cfg").is_file() or not (folder / "ner").is_dir() or not (folder / "tokenizer").is_file():
        raise ConfigError(f"no names model at {folder}; train one with `python -m evaluation.train_names` "
                          "or remove names_model from the redaction config")
    return folder


def _presidio_recognizer(name: str, switch: RecognizerSwitch) -> EntityRecognizer:
    cls = getattr(presidio_predefined, name, None)
    if cls is None:
        raise ConfigError(f"unknown Presidio recognizer {name}")
    kwargs: dict = {}
    if name in _ENTITY_TYPES:
        kwargs["supported_entity"] = _ENTITY_TYPES[name]
    changed = switch.score is not None or switch.extra_patterns or switch.patterns is not None
    if issubclass(cls, PatternRecognizer) and changed:
        base = cls.PATTERNS if switch.patterns is None else [Pattern(p.name, p.regex, p.score) for p in switch.patterns]
        kwargs["patterns"] = [
            Pattern(p.name, p.regex, switch.score if switch.score is not None else p.score) for p in base
        ] + [Pattern(p.name, p.regex, p.score) for p in switch.extra_patterns]
    elif changed:
        raise ConfigError(f"{name} is not a pattern recognizer; patterns, extra_patterns and score not allowed")
    if switch.extra_context:
        kwargs["context"] = list(getattr(cls, "CONTEXT", [])) + switch.extra_context
    recognizer = cls(**kwargs)
    return GatedRecognizer(recognizer, switch.gate) if switch.gate else recognizer


def _custom_recognizer(
    name: str, score: float | None, config: RedactionConfig, lexicon: EnglishLexicon
) -> EntityRecognizer:
    names, blocked = config.names, config.blocked_words()
    if name == "NameGazetteerRecognizer":
        if names is None:
            raise ConfigError("NameGazetteerRecognizer needs gazetteers.names")
        return custom.NameGazetteerRecognizer(
            names.first_names, names.word_like, names.surnames, blocked, lexicon, config.unknown_capitalised_as_name
        )
    if name == "CensusNameRecognizer":
        if config.census_names is None:
            raise ConfigError("CensusNameRecognizer needs gazetteers.census_first_names and census_surnames")
        places = config.places.place_keywords if config.places else []
        return custom.CensusNameRecognizer(config.census_names.first_names, config.census_names.surnames,
                                           blocked, lexicon, place_words=[p for p in places if " " not in p])
    given, surnames = _census(config)
    if name == "NameContextRecognizer":
        return custom.NameContextRecognizer(config.known_names(), blocked, lexicon, given)
    if name == "NameInitialsRecognizer":
        return custom.NameInitialsRecognizer(score=score, blocked=blocked, lexicon=lexicon, surnames=surnames)
    if name == "SpeakerLabelRecognizer":
        return custom.SpeakerLabelRecognizer(lexicon, blocked, config.known_names() | given, score=score)
    if name == "NameLowercaseRecognizer":
        return custom.NameLowercaseRecognizer(score=score, lexicon=lexicon, blocked=blocked)
    if name == "SocialHandleRecognizer":
        return custom.SocialHandleRecognizer(score=score, lexicon=lexicon)
    if name == "SchoolRecognizer":
        return custom.SchoolRecognizer(score=score, lexicon=lexicon)
    if name == "SchoolContextRecognizer":
        return custom.SchoolContextRecognizer(score=score, lexicon=lexicon, known_names=config.known_names())
    cls = getattr(custom, name, None)
    if cls is None:
        raise ConfigError(f"unknown custom recognizer {name}")
    return cls(score=score)


def _census(config: RedactionConfig) -> tuple[frozenset[str], frozenset[str]]:
    """The census given names and surnames, already lower-cased by the config loader (empty without them)."""
    census = config.census_names
    return (census.first_names, census.surnames) if census else (frozenset(), frozenset())


def build_recognizers(config: RedactionConfig, lexicon: EnglishLexicon) -> list[EntityRecognizer]:
    """Enabled recognizers only; the NER one reports working labels the policy resolves."""
    built: list[EntityRecognizer] = [
        SpacyRecognizer(supported_entities=list(NER_LABELS), ner_strength=config.ner.default_score)
    ]
    for name, switch in config.presidio_recognizers.items():
        if switch.enabled:
            built.append(_presidio_recognizer(name, switch))
    for name, switch in config.custom_recognizers.items():
        if switch.enabled:
            recognizer = _custom_recognizer(name, switch.score, config, lexicon)
            built.append(GatedRecognizer(recognizer, switch.gate) if switch.gate else recognizer)
    return built


def build_analyzer(config: RedactionConfig) -> tuple[AnalyzerEngine, EnglishLexicon]:
    """AnalyzerEngine over our registry only (no US recognizers, no default set) + the lexicon."""
    quiet_presidio_logs()
    nlp_engine = build_nlp_engine(config)
    lexicon = EnglishLexicon.from_model(config.spacy_model)
    registry = RecognizerRegistry(recognizers=build_recognizers(config, lexicon), supported_languages=[config.language])
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[config.language],
        default_score_threshold=0.0,
        context_aware_enhancer=WindowContextEnhancer(),
    )
    return analyzer, lexicon
