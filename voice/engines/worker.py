"""The one worker both engines run: it builds its redactor and tagger once per process and maps
batches of notes to analyse records (or batches of stored, redacted texts to tags or topics).

A worker is never pickled: engines ship a small `WorkerSpec` (no secret, no model) and each
process builds its own worker from it on first use, then keeps it in a module-level cache.
Records fail closed one by one: a note that breaks its batch is retried alone, and a note that
still fails becomes an error record naming the error's type, never its text.
"""
from __future__ import annotations

import dataclasses
import gc
import json
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice.interfaces import Redactor, ThemeTagger
from voice.records import error_record, result_record
from voice.types import Evidence, LanguageFlag, PlaceMention, RedactionOutcome, TagResult

log = logging.getLogger(__name__)
SECRET_ENV = "VOICE_SECRET"  # how the deployment secret reaches a worker process


@dataclass(frozen=True)
class WorkerSpec:
    """What a process needs to build its worker: plain data, safe to ship to executors."""

    model_dir: str
    theme_version: str
    operator: str = "placeholder"
    lists: Mapping[str, Sequence[Sequence[str]]] = field(default_factory=dict)

    def key(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True, default=list)


# What building each part imports (voice.stages.load_redactor / load_tagger): most of a process's start.
_PART_MODULES: dict[str, tuple[str, ...]] = {"redactor": ("voice.stages", "redaction.registry", "redaction"),
                                              "tagger": ("voice.stages", "voice.themes.tagger")}


def import_parts(parts: Sequence[str]) -> None:
    """Import what building `parts` needs, before the spec they are built from is known."""
    import importlib

    for part in parts:
        for name in _PART_MODULES.get(part, ()):
            importlib.import_module(name)


class Worker:
    """A redactor and a tagger, each built on first use (a re-tag never loads the redactor)."""

    def __init__(self, spec: WorkerSpec, secret: bytes | None = None) -> None:
        """`secret`: given by a parent that builds the worker itself (else it comes from SECRET_ENV)."""
        self.spec = spec
        self._secret = secret
        self._redactor: Redactor | None = None
        self._tagger: ThemeTagger | None = None
        self._topics: dict[str, Any] = {}  # topic model folder -> TopicModeler (BERTopic only if used)

    @classmethod
    def around(cls, redactor: Redactor, tagger: ThemeTagger) -> "Worker":
        """A worker around stages already built (the command's own process, evaluation): the same
        composition and failure handling as in an engine's processes."""
        worker = cls(WorkerSpec("", ""))
        worker._redactor, worker._tagger = redactor, tagger
        return worker

    def _settings(self):  # type: ignore[no-untyped-def]
        """This process's settings; the secret must have been handed over, never made up here
        (a worker that made its own would write pseudonyms and hashes no one else can match)."""
        from voice.errors import ConfigError
        from voice.settings import get_settings

        update: dict[str, Any] = {"model_dir": Path(self.spec.model_dir)}
        if self._secret is not None:
            return get_settings().model_copy(update={**update, "secret": self._secret.decode("utf-8")})
        if not os.environ.get(SECRET_ENV):
            raise ConfigError("the deployment secret did not reach this worker process.",
                              f"Give executors {SECRET_ENV} (spark.executorEnv.{SECRET_ENV}; "
                              "voice.engines.spark.session does this).")
        return get_settings().model_copy(update=update)

    @property
    def redactor(self) -> Redactor:
        if self._redactor is None:
            from voice.stages import load_redactor

            with _building():
                self._redactor = load_redactor(self._settings(), self.spec.operator, self.spec.lists)
        return self._redactor

    @property
    def tagger(self) -> ThemeTagger:
        if self._tagger is None:
            from voice.stages import load_tagger

            with _building():
                self._tagger = load_tagger(self._settings(), self.spec.theme_version)
        return self._tagger

    def built(self, part: str) -> bool:
        """True once `part` ("redactor" or "tagger") is built in this process."""
        return getattr(self, f"_{part}") is not None

    def analyse_records(self, pairs: Sequence[tuple[Any, Any]]) -> list[dict[str, Any]]:
        """(id, text) pairs to analyse records, same order; never raises for a bad note. The two
        halves below run here in one process, or in two (voice.engines.staged) with the same result."""
        outcomes = self.redact_outcomes([text for _, text in pairs])
        return self.tag_records([(str(rec_id), outcome) for (rec_id, _), outcome in zip(pairs, outcomes)])

    def redact_outcomes(self, texts: Sequence[Any]) -> list[RedactionOutcome]:
        """The first half of analyse_records: each note's redaction, or a failed outcome naming the
        error's type (never the text). A batch that raises is redacted again note by note, and so is
        every note of a batch that failed as a whole (a "redactor error")."""
        from voice.guarded_stages import redact_safely

        out = [None if isinstance(t, str) else RedactionOutcome(None, (), "the note has no text") for t in texts]
        good = [k for k, t in enumerate(texts) if isinstance(t, str)]
        redactor = self.redactor  # a worker that cannot be built fails the job, not a note
        if not good:
            return out  # type: ignore[return-value]
        try:
            outcomes = redact_safely(redactor, [texts[k] for k in good])
        except Exception as exc:  # noqa: BLE001 - fail closed; only the type is kept
            if len(good) == 1:
                log.error("analyse failed for one note (%s)", type(exc).__name__)
                outcomes = [RedactionOutcome(None, (), f"analyse error {type(exc).__name__}")]
            else:
                outcomes = [self.redact_outcomes([texts[k]])[0] for k in good]
        if len(good) > 1:
            outcomes = [self.redact_outcomes([texts[k]])[0] if (o.error or "").startswith("redactor error") else o
                        for k, o in zip(good, outcomes)]
        for k, outcome in zip(good, outcomes):
            out[k] = outcome
        return out  # type: ignore[return-value]

    def tag_records(self, pairs: Sequence[tuple[str, RedactionOutcome]]) -> list[dict[str, Any]]:
        """The second half: (id, redaction outcome) to analyse records. Only redacted text reaches
        the tagger; a failed outcome becomes its error record; a batch that raises is tagged again
        note by note, and a note that still fails becomes an "analyse error" record."""
        from voice.guarded_stages import tag_safely

        tagger = self.tagger
        try:
            tags = iter(tag_safely(tagger, [o.redacted_text for _, o in pairs if o.ok]))  # type: ignore[misc]
            return [result_record(rec_id, o, next(tags) if o.ok else None) for rec_id, o in pairs]
        except Exception as exc:  # noqa: BLE001 - fail closed; only the type is kept
            if len(pairs) == 1:
                log.error("analyse failed for one note (%s)", type(exc).__name__)
                return [error_record(pairs[0][0], f"analyse error {type(exc).__name__}")]
            return [record for pair in pairs for record in self.tag_records([pair])]

    def redact(self, texts: Sequence[str]) -> list[RedactionOutcome]:
        from voice.guarded_stages import redact_safely

        return redact_safely(self.redactor, texts)

    def tag(self, texts: Sequence[str]) -> list[TagResult]:
        from voice.guarded_stages import tag_safely

        return tag_safely(self.tagger, texts)

    def topics(self, path: str, texts: Sequence[str]) -> list[int]:
        """Each text's topic id under the saved topic version at `path` (loaded once per process)."""
        if path not in self._topics:
            from voice.themes.topics import TopicModeler

            self._topics = {path: TopicModeler.load(Path(path))}
        return [int(t) for t in self._topics[path].transform(list(texts))]

    def tag_or_error(self, texts: Sequence[str]) -> list[TagResult | str]:
        """Tags, with an error string (the exception's type) for a text that cannot be tagged."""
        self.tagger  # noqa: B018 - built outside the fail-closed net: a broken worker fails the job
        try:
            return list(self.tag(texts))
        except Exception as exc:  # noqa: BLE001 - fail closed one by one
            if len(texts) == 1:
                return [f"tagging error {type(exc).__name__}"]
            return [r for t in texts for r in self.tag_or_error([t])]


@contextmanager
def _building() -> Iterator[None]:
    """Building the models allocates some 200,000 objects that live as long as the process, and the
    garbage collector's youngest generation ran about 650 times over them: 0.8 s of a 4.4 s start-up
    (measured). While building, it runs after every 50,000 allocations instead of every 700."""
    old = gc.get_threshold()
    gc.set_threshold(50_000, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


_CACHE: dict[str, Worker] = {}


def get_worker(spec: WorkerSpec, secret: bytes | None = None) -> Worker:
    """This process's worker for `spec`, built on first use and kept for the process's life (a
    process forked from a parent that built it finds it here, already loaded)."""
    key = spec.key()
    if key not in _CACHE:
        _CACHE.clear()
        log.info("building a worker in process %d", os.getpid())
        _CACHE[key] = Worker(spec, secret)
    return _CACHE[key]


def tags_to_json(tag: TagResult) -> str:
    """A TagResult as JSON (what executors write back; redacted-text spans only)."""
    return json.dumps(dataclasses.asdict(tag), ensure_ascii=False, sort_keys=True)


def tags_from_json(data: str) -> TagResult:
    raw = json.loads(data)
    return TagResult(
        themes=tuple(raw["themes"]), theme_scores=dict(raw["theme_scores"]),
        evidence={k: tuple(Evidence(**e) for e in v) for k, v in raw["evidence"].items()},
        safety_polarity=raw["safety_polarity"], language_flags=tuple(LanguageFlag(**f) for f in raw["language_flags"]),
        places=tuple(PlaceMention(**p) for p in raw["places"]), review=dict(raw["review"]))
