"""The names model's matrix products on NumPy's OpenBLAS, one thread.

spaCy's default CPU ops multiply through the `blis` package. On the machines this project runs on,
blis took 19 ms for a product OpenBLAS (shipped inside NumPy's wheel) did in 7 ms on one thread,
and the model's answers are the same (entities byte-identical on the choice sets). One thread:
the second core stays free for the upload's other work, and CPU time per note falls rather than
being spread over two cores. `evaluation/bench/bench_redaction.py` measures the gain.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from thinc.api import use_ops
from threadpoolctl import ThreadpoolController


def model_ops():
    """Context for loading a spaCy model whose layers then multiply through NumPy, not blis."""
    return use_ops("numpy", use_blis=False)


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    return ThreadpoolController()  # scans the loaded libraries once (about 0.3 ms)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the model's products on one OpenBLAS thread (15 microseconds to enter)."""
    with _controller().limit(limits=1, user_api="blas"):
        yield
