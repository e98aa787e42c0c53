"""Shared fixtures: the real converted model (loaded once), fresh index folders per test."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

import pytest

from rag.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "articles"
XQUAD = ROOT.parent / "shared" / "data" / "xquad-vi" / "xquad.vi.json"

logging.getLogger("bm25s").setLevel(logging.WARNING)


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    """Defaults, with the converted model in the user's cache (converted once per machine)."""
    return Settings(_env_file=None)


@pytest.fixture(scope="session")
def embedder(base_settings):
    """The real multilingual-e5-small on the default engine (int8 ONNX, exported once per machine)."""
    from embeddings import load_embedder

    return load_embedder(base_settings)


@pytest.fixture(scope="session")
def torch_embedder(base_settings):
    """The same model in fp32 through sentence-transformers: the reference the fast path must match."""
    from embeddings import load_embedder

    return load_embedder(base_settings.model_copy(update={"encoder": "torch"}))


@pytest.fixture
def settings(base_settings, tmp_path) -> Settings:
    """Settings with an empty index and an empty embedding cache of this test's own."""
    return base_settings.model_copy(update={"index_dir": tmp_path / "index", "cache_dir": tmp_path / "cache"})


@pytest.fixture
def articles_dir(tmp_path) -> Path:
    """A writable copy of the five sample articles."""
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture(scope="session")
def sample_index(base_settings, embedder, tmp_path_factory):
    """Settings pointing at an index of the five sample articles, built once."""
    from rag.sync import ingest_folder

    root = tmp_path_factory.mktemp("sample")
    s = base_settings.model_copy(update={"index_dir": root / "index", "cache_dir": root / "cache"})
    ingest_folder(SAMPLES, s, embedder)
    return s


@pytest.fixture(scope="session")
def assistant(sample_index, embedder):
    """An assistant over the sample index."""
    from rag.pipeline import Assistant

    return Assistant(sample_index, embedder)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def writable_sample_index(base_settings: Settings, embedder, root: Path) -> Settings:
    """Settings over a copy of the samples in ``root`` (data folder, index, cache), indexed."""
    from rag.sync import ingest_folder

    shutil.copytree(SAMPLES, root / "articles")
    s = base_settings.model_copy(update={"data_dir": root / "articles", "index_dir": root / "index",
                                         "cache_dir": root / "cache"})
    ingest_folder(s.data_dir, s, embedder)
    return s


@contextmanager
def serve_api(settings: Settings, **env):
    """A real uvicorn serving the API for ``settings`` on 127.0.0.1; yields an httpx client."""
    port = free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(settings.index_dir), "RAG_CACHE_DIR": str(settings.cache_dir),
           "RAG_MODELS_DIR": str(settings.models_dir),
           "RAG_DATA_DIR": str(settings.data_dir), "RAG_FEEDBACK_PATH": str(settings.index_dir.parent / "feedback.sqlite"),
           # Registered web sites stay with the test, and no test server may be told to fetch off 127.0.0.1.
           "RAG_FETCH_STATE_PATH": str(settings.index_dir.parent / "fetch.sqlite"), "RAG_FETCH_HOSTS": '["127.0.0.1"]',
           **env}
    env.pop("RAG_MODEL", None)
    if "RAG_ADMIN_API_KEY" not in env or not env["RAG_ADMIN_API_KEY"]:
        env.pop("RAG_ADMIN_API_KEY", None)
    # The log goes to a file: a pipe nobody reads fills up and blocks the server mid-request.
    log = tempfile.NamedTemporaryFile("w+b", prefix="api-", suffix=".log", delete=False)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)
    client.pid = proc.pid  # for fault tests that kill the server (tests/test_faults.py)
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
            if proc.poll() is not None:
                break
        else:
            proc.kill()
        if proc.poll() is not None:
            pytest.fail("API did not start: " + Path(log.name).read_text(errors="replace")[-3000:])
        yield client
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        os.unlink(log.name)

