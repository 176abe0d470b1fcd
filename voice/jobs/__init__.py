"""Application jobs over the store: train, fit topics, assign topics, promote, re-tag.

Estimators in `voice.themes` stay pure (no store access); the jobs here read notes and labels
from the store, call the estimators, save versions through `voice.registry`, and record what
they did in the audit log. Only `voice.jobs.promotion` changes which version is live.
"""
