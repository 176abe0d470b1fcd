"""Batch engines: one worker (redactor + tagger, built once per process) run on all local cores
(`voice.engines.local`) or on an Apache Spark cluster (`voice.engines.spark`, the `voice[spark]` extra)."""
from __future__ import annotations

from voice.engines.worker import WorkerSpec
from voice.settings import Settings


def worker_spec(settings: Settings, operator: str = "placeholder", version: str | None = None,
                with_lists: bool = True) -> WorkerSpec:
    """The spec every worker of one run builds from: the theme version and local lists are
    resolved once, here, so all processes use the same ones (a promotion mid-run changes nothing)."""
    from voice.errors import NotAvailableError
    from voice.lists import deployment_lists
    from voice.stages import THEMES, configured_live_version

    version = version or configured_live_version(settings, THEMES)
    if version is None:
        raise NotAvailableError(f"no {THEMES} model found under {settings.model_dir}.",
                                "Run `voice train` to build one, then `voice models promote VERSION`.")
    lists = {k: [list(r) for r in v] for k, v in deployment_lists(settings).items()} if with_lists else {}
    return WorkerSpec(str(settings.model_dir), version, operator, lists)
