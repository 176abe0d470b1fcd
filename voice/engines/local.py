"""The local engine: the worker on a process pool across all cores of this machine.

With `preload` (what `voice analyse`, ingest and re-tag ask for) the parent builds the worker's
models once and then forks the pool, so the processes start at once and share the models'
memory copy-on-write instead of each importing spaCy, Presidio and the theme model and loading
them again (measured in evaluation/bench/bench_engines.py `startup`). Without it processes start
with `forkserver` (no copy of the parent) and each builds its worker on its first batch. The
engine is also a `Redactor` and a `ThemeTagger`, so ingest and re-tag use the pool unawares.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from voice.engines.worker import SECRET_ENV, WorkerSpec, get_worker
from voice.types import RedactionOutcome, TagResult

_SPEC: WorkerSpec | None = None


def _start(spec: WorkerSpec, secret: bytes, build: Sequence[str] = ()) -> None:
    """Pool initializer: remember the spec; the secret goes to this process's environment only.
    `build`: the worker's parts to build now, at the process's start (voice.engines.staged)."""
    global _SPEC
    from voice.settings import get_settings

    _SPEC = spec
    os.environ[SECRET_ENV] = secret.decode("utf-8")
    get_settings.cache_clear()
    if build:
        try:
            for part in build:
                getattr(get_worker(spec), part)
        except Exception:  # noqa: BLE001 - built again by the first batch, which carries the error to the parent
            return
        gc.freeze()  # this process's own models: its full collections need not walk them


def _analyse(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    return get_worker(_SPEC).analyse_records(pairs)  # type: ignore[arg-type]


def _redact(texts: list[str]) -> list[RedactionOutcome]:
    return get_worker(_SPEC).redact(texts)  # type: ignore[arg-type]


def _tag(texts: list[str]) -> list[TagResult]:
    return get_worker(_SPEC).tag(texts)  # type: ignore[arg-type]


def _topics(path: str, texts: list[str]) -> list[int]:
    return get_worker(_SPEC).topics(path, texts)  # type: ignore[arg-type]


class LocalEngine:
    """`workers` processes (default: every core), fed batches of `batch_size` notes."""

    def __init__(self, spec: WorkerSpec, secret: bytes, workers: int | None = None, batch_size: int = 64,
                 preload: Sequence[str] = ()) -> None:
        """`preload`: the worker's parts to build here before forking ("redactor", "tagger")."""
        self.spec, self.batch_size = spec, batch_size
        self.workers = workers or os.cpu_count() or 1
        self.model_version = spec.theme_version
        self._frozen = bool(preload) and not gc.get_freeze_count()  # never thaw what someone else froze
        if preload:
            worker = get_worker(spec, secret)
            for part in preload:
                getattr(worker, part)  # built here, shared by the forked processes
        if self._frozen:
            # the models' objects leave the garbage collector's view before the fork: a child's full
            # collection would otherwise walk them all (0.6 ms of CPU per note measured) and write to
            # their pages, copying memory that is meant to stay shared
            gc.freeze()
        # fork only from a built worker: ProcessPoolExecutor starts every process now, before its own thread
        context = multiprocessing.get_context("fork" if preload else "forkserver")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start, initargs=(spec, secret))

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._frozen:
            self._frozen = False
            gc.unfreeze()

    def _map(self, fn, items: Iterable, size: int) -> Iterator:  # type: ignore[no-untyped-def]
        """fn over batches of items on the pool, results in input order; at most 2 batches
        per worker in flight, so memory stays flat on a long input."""
        it = iter(items)
        pending: deque[Future] = deque()
        while True:
            while len(pending) < 2 * self.workers and (batch := list(islice(it, size))):
                pending.append(self._pool.submit(fn, batch))
            if not pending:
                return
            yield from pending.popleft().result()

    def analyse(self, pairs: Iterable[tuple[str, str]]) -> Iterator[dict[str, Any]]:
        """Analyse records (the `voice analyse` contract) in input order."""
        return self._map(_analyse, pairs, self.batch_size)

    def _split(self, texts: Sequence[str]) -> int:
        return max(1, -(-len(texts) // self.workers))

    def redact_batch(self, texts: Sequence[str]) -> list[RedactionOutcome]:
        """The Redactor interface: one batch shared out across the workers."""
        return list(self._map(_redact, texts, self._split(texts)))

    def tag_batch(self, texts: Sequence[str]) -> list[TagResult]:
        """The ThemeTagger interface: one batch shared out across the workers."""
        return list(self._map(_tag, texts, self._split(texts)))

    def topic_batch(self, path: Path, texts: Sequence[str]) -> list[int]:
        """Topic ids under the saved topic version at `path` (voice.jobs.topic_assign's engine)."""
        return list(self._map(partial(_topics, str(path)), texts, self._split(texts)))
