"""Synthetic gold-labelled corpora: notes and consultation feedback with PII, places and themes."""
