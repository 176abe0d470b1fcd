"""Shared pieces of the browser tests: a `streamlit run` on 127.0.0.1 for a given store, Debian's
headless Chromium, signing in, waiting for a run to finish, and the charts a page sent.

Charts are read from what the server sent the browser (Streamlit's websocket messages, decoded
with Streamlit's own protobuf classes): the Vega-Lite spec and the exact rows each chart plots.
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

import pandas as pd
import pytest

from tests.ui.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(database_url: str, folder: Path, *, env: Mapping[str, str] | None = None, flags: Sequence[str] = (),
          secrets: Callable[[str], str] | None = None) -> Iterator[str]:
    """`streamlit run app.py` on the store at `database_url`, run in `folder`; yields its address,
    stops it after. `env` adds environment variables (VOICE_* settings), `flags` adds `streamlit
    run` options, and `secrets(address)` gives the text of the `.streamlit/secrets.toml` written in
    `folder` before the start (single sign-on needs the address for its redirect URI)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    if secrets is not None:
        (folder / ".streamlit").mkdir(exist_ok=True)
        secrets_file = folder / ".streamlit" / "secrets.toml"
        secrets_file.write_text(secrets(url))
        secrets_file.chmod(0o600)
    log_path = folder / f"streamlit-{port}.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                                 "--server.address", "127.0.0.1", "--server.port", str(port),
                                 "--server.headless", "true", "--browser.gatherUsageStats", "false",
                                 "--server.fileWatcherType", "none", *flags],
                                cwd=folder, env={**os.environ, **(env or {}), "VOICE_DATABASE_URL": database_url},
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(url, proc, log_path)
            yield url
        finally:
            _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if the server has not stopped within 20 s: on a loaded machine its
    file watcher (busy after an inotify overflow) can hold a clean shutdown up past the test."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=20)


def _wait_healthy(url: str, proc: subprocess.Popen, log_path: Path) -> None:
    """Poll Streamlit's health endpoint for up to a minute; fail the test with the log's tail if
    the server never answers."""
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    proc.kill()
    pytest.fail("streamlit did not start: " + log_path.read_text()[-2000:])


def settle(page) -> None:
    """Wait until Streamlit has finished running the script for the last interaction."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=120_000)


def sign_in(page, url: str, user: str, password: str, marker: str = "Notes in view") -> None:
    from playwright.sync_api import expect

    page.goto(url)
    page.get_by_label("Username", exact=True).fill(user)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(marker, exact=True).first).to_be_visible()
    settle(page)


@dataclass
class Chart:
    spec: dict
    datasets: dict[str, pd.DataFrame]

    @property
    def title(self) -> str:
        """The chart's title: the spec's own, or its first layer's (a heatmap titles its layers)."""
        for node in [self.spec, *self.spec.get("layer", [])]:
            title = node.get("title")
            if isinstance(title, dict):
                title = title.get("text")
            if isinstance(title, str):
                return title
        return ""


class ChartLog:
    """Every Vega-Lite chart the server sends to one page, decoded from the websocket frames."""

    def __init__(self, page) -> None:
        self.charts: list[Chart] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: object) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if not isinstance(payload, (bytes, bytearray)):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(bytes(payload))
        except Exception:  # noqa: BLE001 - not a message this log reads
            return
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind not in ("vega_lite_chart", "arrow_vega_lite_chart"):
            return
        chart = getattr(element, kind)
        datasets = {d.name: _frame_of(d.data.data) for d in chart.datasets}
        if chart.data.data:
            datasets[""] = _frame_of(chart.data.data)
        self.charts.append(Chart(json.loads(chart.spec), datasets))

    def clear(self) -> None:
        self.charts.clear()


def _frame_of(arrow: bytes) -> pd.DataFrame:
    import pyarrow as pa

    return pa.ipc.open_stream(arrow).read_pandas()


def hidden_rows_plotted_as_zero(chart: Chart, hidden_word: str) -> list[dict]:
    """Rows a chart labels hidden ("fewer than N, hidden" or "<N") whose plotted number is not
    empty: a hidden cell drawn at zero (or any number) shows up here."""
    bad = []
    for frame in chart.datasets.values():
        if "shown" not in frame.columns:
            continue
        numeric = [c for c in frame.columns if c in ("notes", "share", "value", "flags")]
        for row in frame.to_dict("records"):
            if row["shown"] == hidden_word and any(pd.notna(row[c]) for c in numeric):
                bad.append(row)
    return bad
