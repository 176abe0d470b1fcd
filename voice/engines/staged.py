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

The processes can start before the spec is known: given a function for the spec, the engine forks
at once, each process imports its stage's libraries (most of its start), and the spec (which reads
the store for the local lists) is worked out in the parent meanwhile and handed over.

Redaction costs more per note than tagging (about 5.8 against 4.2 ms of CPU, measured), so the
tagging processes idle about a quarter of the time. A tagging process with nothing to tag takes a
whole batch from the input and runs both halves itself, building a redactor the first time (about
0.4 s of CPU in a process that has the tagger). That pays for itself once about 300 notes remain,
so a batch is shared only while at least `share_min_notes` notes remain unread (the engine reads
that far ahead); a short input is never shared.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from voice.engines import local
from voice.engines.worker import WorkerSpec, get_worker, import_parts
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


def _start_when_told(specs: Any, secret: bytes, build: tuple[str, ...]) -> None:
    """Pool initializer for a spec still being worked out: import this stage's libraries, then wait
    for the spec (None: the parent could not make one and is closing the pool)."""
    import_parts(build)
    spec = specs.get()
    if spec is not None:
        local._start(spec, secret, build)


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

    def __init__(self, spec: WorkerSpec | Callable[[], WorkerSpec], secret: bytes, workers: int | None = None,
                 batch_size: int = 64, share_min_notes: int = 300) -> None:
        """`spec`: the spec, or a function that makes it while the processes start.
        `share_min_notes`: notes that must remain unread for an idle tagging process to take a batch."""
        self.workers = workers or os.cpu_count() or 1
        if self.workers < 2:
            raise ValueError("a staged engine needs at least 2 workers")
        self.batch_size, self.share_min_notes = batch_size, share_min_notes
        self.shared = 0  # batches a tagging process ran whole
        self._redacting, self._tagging = split(self.workers)
        context = multiprocessing.get_context("fork")  # nothing heavy built yet: a cheap copy of this process
        specs = None if isinstance(spec, WorkerSpec) else context.SimpleQueue()

        def pool(size: int, part: str) -> ProcessPoolExecutor:
            start, args = (local._start, (spec, secret, (part,))) if specs is None else \
                (_start_when_told, (specs, secret, (part,)))
            return ProcessPoolExecutor(size, mp_context=context, initializer=start, initargs=args)

        self._redactors, self._taggers = pool(self._redacting, "redactor"), pool(self._tagging, "tagger")
        for executor in (self._redactors, self._taggers):
            executor.submit(_ready)
        if specs is not None:
            try:
                made = spec()  # type: ignore[operator]
            except BaseException:
                for _ in range(self.workers):
                    specs.put(None)
                self.close()
                raise
            for _ in range(self.workers):
                specs.put(made)

    def __enter__(self) -> "StagedEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for executor in (self._redactors, self._taggers):
            executor.shutdown(wait=True, cancel_futures=True)

    def analyse(self, pairs: Iterable[tuple[str, Any]]) -> Iterator[dict[str, Any]]:
        """Analyse records (the `voice analyse` contract) in input order. At most 2 batches per
        process are in flight in each pool and at most 32 per process wait in all, so memory stays
        flat on a long input."""
        it = iter(pairs)
        ahead: deque[tuple[str, Any]] = deque()  # read ahead, to know whether a shared batch pays
        batches: deque[_Batch] = deque()
        most_waiting = 32 * self.workers

        def take() -> list[tuple[str, Any]]:
            while len(ahead) < self.batch_size + self.share_min_notes and (pair := next(it, None)) is not None:
                ahead.append(pair)
            return [ahead.popleft() for _ in range(min(self.batch_size, len(ahead)))]

        while True:
            redacting = sum(1 for b in batches if b.redacting is not None and not b.redacting.done())
            while redacting < 2 * self._redacting and len(batches) < most_waiting and (batch := take()):
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
            idle = tagging < self._tagging and not any(b.ready_to_tag() for b in batches)
            # once every tagging process may have its redactor, the build is paid for: share to the end
            enough = 1 if self.shared >= self._tagging else self.share_min_notes
            if idle and len(batches) < most_waiting and len(ahead) >= enough and (batch := take()):
                batches.append(_Batch([str(i) for i, _ in batch], records=self._taggers.submit(_analyse, batch)))
                self.shared += 1
                continue
            if batches and batches[0].records is not None and batches[0].records.done():
                yield from batches.popleft().records.result()  # type: ignore[union-attr]
                continue
            if not batches:
                return
            pending = [f for b in batches for f in (b.redacting, b.records) if f is not None and not f.done()]
            if pending:
                wait(pending, return_when=FIRST_COMPLETED)
