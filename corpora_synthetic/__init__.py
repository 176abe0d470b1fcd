"""Synthetic gold-labelled corpora: notes and consultation feedback with PII, places and themes.

The functions the CLI and the app call are re-exported here.
"""
from corpora_synthetic.demo import write_demo
from corpora_synthetic.generate import iter_records, write_corpus
from corpora_synthetic.indicators import generate_indicators, write_indicators_csv

__all__ = ["generate_indicators", "iter_records", "write_corpus", "write_demo", "write_indicators_csv"]
