"""The local engine split by stage, for `voice analyse`: redaction processes feed tagging processes.

A two-process pool that runs the whole worker in both processes must build both models before it
can fork, one after the other in the parent (3.8 s of CPU before the first note, measured).
Here the processes are forked before anything is built: the redaction processes build only the
redactor and the tagging processes only the tagger, side by side, each at its start. Batches of
notes go to a redaction process, its outcomes (redacted text and entities; a failed note carries
only its error) go on, in input order, to a tagging process, which makes the analyse records.
`workers` processes split as (workers + 1) // 2 redacting and workers // 2 tagging (redaction
costs a little more per note than tagging); fewer than 2 workers is not a split
(voice.engines.local.LocalEngine or the command's own process). Both halves are the worker's
own (`Worker.redact_outcomes`, `Worker.tag_records`), so records are those of one process.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice
from typing import Any

from voice.engines import local
from voice.engines.worker import WorkerSpec, get_worker
from voice.types import RedactionOutcome


def _redact(texts: list[Any]) -> list[RedactionOutcome]:
    return get_worker(local._SPEC).redact_outcomes(texts)  # type: ignore[arg-type]


def _tag(pairs: list[tuple[str, RedactionOutcome]]) -> list[dict[str, Any]]:
    return get_worker(local._SPEC).tag_records(pairs)  # type: ignore[arg-type]


def _ready() -> None:
    """A first task, so that a pool forks its processes at once (they build while the other does)."""


def split(workers: int) -> tuple[int, int]:
    """(redaction processes, tagging processes) for `workers` >= 2."""
    return (workers + 1) // 2, workers // 2


class StagedEngine:
    """`workers` (>= 2; default every core) processes in two pools, fed batches of `batch_size`
    notes; `analyse` yields the analyse records in input order."""

    def __init__(self, spec: WorkerSpec, secret: bytes, workers: int | None = None, batch_size: int = 64) -> None:
        self.workers = workers or os.cpu_count() or 1
        if self.workers < 2:
            raise ValueError("a staged engine needs at least 2 workers")
        self.batch_size = batch_size
        redactors, taggers = split(self.workers)
        context = multiprocessing.get_context("fork")  # nothing heavy built yet: a cheap copy of this process
        self._redactors = ProcessPoolExecutor(redactors, mp_context=context, initializer=local._start,
                                              initargs=(spec, secret, ("redactor",)))
        self._taggers = ProcessPoolExecutor(taggers, mp_context=context, initializer=local._start,
                                            initargs=(spec, secret, ("tagger",)))
        for pool in (self._redactors, self._taggers):
            pool.submit(_ready)

    def __enter__(self) -> "StagedEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for pool in (self._redactors, self._taggers):
            pool.shutdown(wait=True, cancel_futures=True)

    def analyse(self, pairs: Iterable[tuple[str, Any]]) -> Iterator[dict[str, Any]]:
        """Analyse records (the `voice analyse` contract) in input order. At most 2 batches per
        process are in flight, in either stage, so memory stays flat on a long input."""
        it = iter(pairs)
        redacting: deque[tuple[list[str], Future]] = deque()
        tagging: deque[Future] = deque()
        while True:
            while len(redacting) + len(tagging) < 2 * self.workers and (batch := list(islice(it, self.batch_size))):
                redacting.append(([str(i) for i, _ in batch], self._redactors.submit(_redact, [t for _, t in batch])))
            while redacting and redacting[0][1].done():  # in input order: the next tagging batch is the next one
                ids, outcomes = redacting.popleft()
                tagging.append(self._taggers.submit(_tag, list(zip(ids, outcomes.result()))))
            if tagging and tagging[0].done():
                yield from tagging.popleft().result()
                continue
            if not redacting and not tagging:
                return
            heads = [redacting[0][1]] if redacting else []
            wait(heads + ([tagging[0]] if tagging else []), return_when=FIRST_COMPLETED)
