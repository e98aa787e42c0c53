"""Shared fixtures: the real converted model (loaded once), fresh index folders per test."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

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
    """The real multilingual-e5-small, through sentence-transformers."""
    from embeddings import load_embedder

    return load_embedder(base_settings)


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
