"""Run the product: the API (uvicorn) and the staff chat (Streamlit) side by side.

Each runs as its own process, as in production; stopping this one (Ctrl-C, or SIGTERM) stops both.
"""

from __future__ import annotations

import math
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

from rag.config import Settings

# The chat's script by absolute path, and its toolbar setting on the command line too:
# `rag serve` may be started from any folder, where .streamlit/config.toml is not read.
CHAT = Path(__file__).resolve().parents[1] / "ui" / "app.py"


def serve(settings: Settings, ui_port: int = 8501, open_host: str = "127.0.0.1") -> int:
    """Start the API at ``settings.api_url`` and the chat on ``ui_port``; wait until one exits."""
    api = urlparse(settings.api_url)
    # A service manager or `docker stop` sends SIGTERM, not Ctrl-C: both stop the two servers.
    signal.signal(signal.SIGTERM, _interrupt)
    procs: list[subprocess.Popen] = []
    try:
        return _run(settings, api, procs, ui_port, open_host)
    except KeyboardInterrupt:
        return 0
    finally:
        # A second Ctrl-C or SIGTERM must not cut the clean-up short; both servers get one
        # deadline together, within `docker stop`'s ten seconds, then are killed.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        deadline = time.time() + 8
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                p.kill()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _run(settings: Settings, api, procs: list[subprocess.Popen], ui_port: int, open_host: str) -> int:
    """Start both servers into ``procs``; wait until one exits and return its code."""
    procs.append(subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:app", "--host", api.hostname or open_host,
                               "--port", str(api.port or 8000)]))
    # The chat starts once the API answers, so its first page shows the index status.
    deadline = time.time() + 300
    while time.time() < deadline and procs[0].poll() is None:
        try:
            if httpx.get(f"{settings.api_url}/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.5)
    if procs[0].poll() is None:
        procs.append(subprocess.Popen([
            sys.executable, "-m", "streamlit", "run", str(CHAT), "--server.address", open_host,
            "--server.port", str(ui_port), "--server.headless", "true", "--client.toolbarMode", "minimal",
            # The file picker's limit (whole MiB, as Streamlit counts) is the API's, not Streamlit's 200 MB.
            "--server.maxUploadSize", str(max(1, math.ceil(settings.max_upload_bytes / 2**20))),
            "--browser.gatherUsageStats", "false"]))
        print(f"\nAPI:  {settings.api_url}/docs\nChat: http://{open_host}:{ui_port}\n(Ctrl-C dừng cả hai)\n", flush=True)
    while all(p.poll() is None for p in procs):
        time.sleep(0.5)
    return max((p.returncode or 0) for p in procs)
