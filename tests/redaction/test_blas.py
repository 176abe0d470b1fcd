"""The names model multiplies through NumPy's OpenBLAS on one thread (redaction/blas.py)."""
from __future__ import annotations

import numpy
from threadpoolctl import threadpool_info

from redaction import Redactor
from redaction.blas import one_blas_thread


def test_model_layers_use_numpy_ops_without_blis(redactor: Redactor) -> None:
    ops = redactor.nlp.get_pipe("ner").model.ops
    assert type(ops).__name__ == "NumpyOps"
    assert ops.use_blis is False


def test_products_run_on_one_thread_inside_the_context() -> None:
    numpy.ones((2, 2)) @ numpy.ones((2, 2))  # OpenBLAS is loaded with NumPy
    with one_blas_thread():
        inside = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert inside and all(n == 1 for n in inside)


def test_redaction_unchanged_by_the_thread_limit(redactor: Redactor) -> None:
    text = "Met Tyrese Morgan at the bus station with his mum."
    first = redactor.redact(text)
    with one_blas_thread():
        second = redactor.redact(text)
    assert first.redacted_text == second.redacted_text
    assert "Tyrese" not in first.redacted_text
