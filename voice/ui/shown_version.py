"""Which data version the aggregate pages show while a newer one is being prepared.

After a big upload is published, working out the new counts (the cube, the lead pages' first
views) reads every stored note: seconds at a million notes. Rather than make the next person to
click wait for that, one background thread prepares the new version while pages keep showing
the previous one from their caches, and pages move to the new version once it is ready. A page
waits a short while (`wait`) for a new version before falling back to the previous one, so on
a small store the change shows at once. The very first version has nothing older to show, so
pages show it at once and work out what they need through the same cached calls as the
preparation (a view it is already working out is waited for, not worked out twice): the
dashboard after sign-in does not wait for Places' or Language's views.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from voice import incidents

Version = tuple[Any, ...]


class ShownVersion:
    """The newest data version whose views are ready, for one store."""

    def __init__(self, prepare: Callable[[Version], None], wait: float) -> None:
        self.prepare, self.wait = prepare, wait
        self._ready = threading.Condition()
        self._shown: Version | None = None
        self._wanted: Version | None = None
        self._worker: threading.Thread | None = None

    def follow(self, newest: Version, wait: float | None = -1.0) -> Version:
        """The version to show now: `newest` once prepared (waiting up to `wait` seconds for it:
        `self.wait` by default, no limit for None), else the one shown before; `newest` at once
        when none was shown before (unless `wait` is None). Starts preparing `newest` if needed."""
        with self._ready:
            if newest == self._shown:
                return newest
            self._wanted = newest
            if self._worker is None:  # one preparation at a time: it picks up the newest wanted when done
                self._worker = threading.Thread(target=self._run, name="voice-new-data", daemon=True)
                self._worker.start()
            if self._shown is None and wait is not None:
                return newest
            timeout = None if self._shown is None else (self.wait if wait is not None and wait < 0 else wait)
            self._ready.wait_for(lambda: self._shown == newest or (self._shown is not None and self._wanted != newest),
                                 timeout=timeout)
            return self._shown if self._shown is not None else newest

    def settle(self, newest: Version) -> Version:
        """Wait for `newest` to be prepared and shown (the sign-in warm-up, tests)."""
        return self.follow(newest, wait=None)

    def _run(self) -> None:
        while True:
            with self._ready:
                target = self._wanted
            try:
                self.prepare(target)
            except Exception as exc:  # noqa: BLE001 - pages then work the views out themselves; the incident is the record
                incidents.record(exc, "preparing new data")
            with self._ready:
                self._shown = target
                self._ready.notify_all()
                if self._wanted == target:
                    self._worker = None
                    return
