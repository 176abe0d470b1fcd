"""The local engine split by stage, for `voice analyse`: redaction processes feed tagging processes.

A two-process pool that runs the whole worker in both processes must build both models before it
can fork, one after the other in the parent (3.8 s of CPU before the first note, measured).
Here the processes are forked before anything is built: the redaction processes build only the
redactor and the tagging processes only the tagger, side by side, each at its start. Batches of
notes go to a redaction process, its outcomes (redacted text and entities; a failed note carries
only its error) go on, in input order, to a tagging process, which makes the analyse records.
`workers` processes split as (workers + 1) // 2 redacting and workers // 2 tagging; fewer than 2
workers is not a split (voice.engines.local.LocalEngine or the command's own process). Both halves
are the worker's own (`Worker.redact_outcomes`, `Worker.tag_records`), so records are those of one
process.

Redaction costs more per note than tagging (about 6.8 against 4.7 ms of CPU, measured), so on a
long input the tagging processes idle about a third of the time. Once they have idled for longer
than building a redactor takes (`share_after_idle_s`; about 1.5 s of CPU), a tagging process with
nothing to tag takes a whole batch from the input and runs both halves itself, building its own
redactor the first time. Idling so far is what predicts idling to come; a short input, where the
build would not pay for itself, is never shared.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import time
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


def _analyse(pairs: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """A whole batch in a tagging process: its redactor is built on the first one, then frozen out
    of the garbage collector's view like the models built at the process's start."""
    worker = get_worker(local._SPEC)  # type: ignore[arg-type]
    if not worker.built("redactor"):
        worker.redactor  # noqa: B018 - built here, once
        gc.freeze()
    return worker.analyse_records(pairs)


def _ready() -> None:
    """A first task, so that a pool forks its processes at once (they build while the other does)."""


def split(workers: int) -> tuple[int, int]:
    """(redaction processes, tagging processes) for `workers` >= 2."""
    return (workers + 1) // 2, workers // 2


class _Batch:
    """One input batch on its way: redacting (then tagging), or whole in a tagging process."""

    __slots__ = ("ids", "redacting", "records")

    def __init__(self, ids: list[str], redacting: Future | None = None, records: Future | None = None) -> None:
        self.ids, self.redacting, self.records = ids, redacting, records

    def ready_to_tag(self) -> bool:
        return self.records is None and self.redacting is not None and self.redacting.done()


class StagedEngine:
    """`workers` (>= 2; default every core) processes in two pools, fed batches of `batch_size`
    notes; `analyse` yields the analyse records in input order."""

    def __init__(self, spec: WorkerSpec, secret: bytes, workers: int | None = None, batch_size: int = 64,
                 share_after_idle_s: float = 2.0) -> None:
        """`share_after_idle_s`: the tagging processes' idle seconds (summed) after which an idle one
        may take whole batches."""
        self.workers = workers or os.cpu_count() or 1
        if self.workers < 2:
            raise ValueError("a staged engine needs at least 2 workers")
        self.batch_size, self.share_after_idle_s = batch_size, share_after_idle_s
        self.shared = 0  # batches a tagging process ran whole
        self._redacting, self._tagging = split(self.workers)
        context = multiprocessing.get_context("fork")  # nothing heavy built yet: a cheap copy of this process
        self._redactors = ProcessPoolExecutor(self._redacting, mp_context=context, initializer=local._start,
                                              initargs=(spec, secret, ("redactor",)))
        self._taggers = ProcessPoolExecutor(self._tagging, mp_context=context, initializer=local._start,
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
        process are in flight in each pool and at most 32 per process wait in all, so memory stays
        flat on a long input."""
        it = iter(pairs)
        batches: deque[_Batch] = deque()
        tagged = False  # idling counts from the first tagged batch (before it, the processes are starting)
        idle_s = 0.0
        more = True

        def take() -> list[tuple[str, Any]]:
            nonlocal more
            batch = list(islice(it, self.batch_size)) if more else []
            more = bool(batch)
            return batch

        while True:
            redacting = sum(1 for b in batches if b.redacting is not None and not b.redacting.done())
            while more and redacting < 2 * self._redacting and len(batches) < 32 * self.workers and (batch := take()):
                batches.append(_Batch([str(i) for i, _ in batch],
                                      redacting=self._redactors.submit(_redact, [t for _, t in batch])))
                redacting += 1
            tagging = sum(1 for b in batches if b.records is not None and not b.records.done())
            for b in batches:  # in input order
                if tagging >= 2 * self._tagging:
                    break
                if b.ready_to_tag():
                    b.records = self._taggers.submit(_tag, list(zip(b.ids, b.redacting.result())))  # type: ignore[union-attr]
                    b.redacting, tagging = None, tagging + 1
            idle = 0 if any(b.ready_to_tag() for b in batches) else max(0, self._tagging - tagging)
            if (idle and idle_s >= self.share_after_idle_s and len(batches) < 32 * self.workers
                    and (batch := take())):
                batches.append(_Batch([str(i) for i, _ in batch], records=self._taggers.submit(_analyse, batch)))
                self.shared += 1
                continue
            if batches and batches[0].records is not None and batches[0].records.done():
                tagged = True
                yield from batches.popleft().records.result()  # type: ignore[union-attr]
                continue
            if not batches:
                return
            pending = [f for b in batches for f in (b.redacting, b.records) if f is not None and not f.done()]
            if pending:
                began = time.monotonic()
                wait(pending, return_when=FIRST_COMPLETED)
                idle_s += idle * (time.monotonic() - began) if tagged else 0.0
