"""voice: turn what young people say into aggregate evidence, without exposing who said it.

Data flows one way: ingest -> redact -> tag -> store -> explore.
"""
import os as _os

# Offline by construction: no library may try the network at run time.
_os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
_os.environ.setdefault("HF_HUB_OFFLINE", "1")
_os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# One thread per process unless an admin sets these. spaCy 3.8.8-3.8.18 re-take the GIL inside the NER's
# decoding loop, and once a second thread exists each of those locks is an atomic one (the NER a third
# slower); the pinned 3.8.7 loses about 4%. OpenBLAS's idle pool, a tokenizer pool and tqdm's monitor would
# each add a thread; the batch engines use processes, not threads, for parallel work. NumPy and the
# tokenizer read these when they start.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
_os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _no_progress_monitor() -> None:
    """tqdm starts a monitor thread with its first bar, even a hidden one (model2vec's encode builds one)."""
    import tqdm

    tqdm.tqdm.monitor_interval = 0


_no_progress_monitor()

__version__ = "0.1.0"
