"""`rag serve`: the API and the chat as two real processes, stopped together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import ROOT, free_port


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _until(check, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return check()


def test_sigterm_stops_the_api_and_the_chat(sample_index, tmp_path):
    """`docker stop` and service managers send SIGTERM: both servers stop with `rag serve`,
    none is left holding its port (a staff user's pass found both still listening)."""
    api_port, ui_port = free_port(), free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(sample_index.index_dir), "RAG_CACHE_DIR": str(sample_index.cache_dir),
           "RAG_MODELS_DIR": str(sample_index.models_dir), "RAG_API_URL": f"http://127.0.0.1:{api_port}",
           "RAG_FEEDBACK_PATH": str(tmp_path / "feedback.sqlite")}
    env.pop("RAG_MODEL", None)
    log = tempfile.NamedTemporaryFile("w+b", prefix="serve-", suffix=".log", delete=False)
    proc = subprocess.Popen([str(Path(sys.executable).parent / "rag"), "serve", "--ui-port", str(ui_port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        started = _until(lambda: _listening(api_port) and _listening(ui_port), 180)
        assert started, Path(log.name).read_text(errors="replace")[-3000:]
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        assert _until(lambda: not _listening(api_port) and not _listening(ui_port), 20)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_the_apis_upload_limit_is_what_the_chats_picker_lets_through():
    """Streamlit counts its limit in MiB: with the API at 2,000,000 bytes a 2.05 MB file passed
    the picker and was refused by the API. Both are 2 MiB now."""
    import tomllib

    from rag.config import Settings

    picker = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert Settings().max_upload_bytes == picker * 2**20
