"""Schema versions (issue 12): files written by an older release open and are migrated; a
file written by a newer release is refused with what to do, never a traceback."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rag.index import Index, IndexDamagedError, IndexTooNewError, Manifest, current_version_dir
from rag.index.cache import EmbeddingCache
from rag.documents import content_hash
from rag.index.store import SCHEMA_VERSION, Store
from rag.migrations import schema_version
from tests.conftest import ROOT, serve_api

# The store exactly as the release before schema versions wrote it (user_version 0), and
# the one before that, without sentence vectors.
PREVIOUS_STORE = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, date TEXT, author TEXT,
    source TEXT, url TEXT, text TEXT NOT NULL, content_hash TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (datetime('now')), updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    terms TEXT NOT NULL{vectors}
);
CREATE INDEX chunks_article ON chunks(article_id);
"""
ARTICLE_COLUMNS = "id, path, title, date, author, source, url, text, content_hash, added_at, updated_at"
CHUNK_COLUMNS = 'id, article_id, seq, start, "end", text, terms'


def _old_store(path: Path, with_vectors: bool = True, copy_from: Path | None = None) -> None:
    """A store file written by raw sqlite3 as a release before versioning did (optionally
    holding the rows of ``copy_from``, a store of today's schema)."""
    db = sqlite3.connect(path)
    db.executescript(PREVIOUS_STORE.format(vectors=", sentence_vectors BLOB" if with_vectors else ""))
    if copy_from is None:
        db.execute("INSERT INTO articles (id, path, title, date, text, content_hash) VALUES "
                   "('a1', '/x/a.txt', 'Tiêu đề', '2024-03-12', 'Câu một. Câu hai.', 'h1')")
        db.execute("INSERT INTO chunks (id, article_id, seq, start, \"end\", text, terms) VALUES "
                   "(1, 'a1', 0, 0, 17, 'Câu một. Câu hai.', 'tiêu_đề\ncâu một\ncâu hai')")
    else:
        db.execute("ATTACH DATABASE ? AS new", (str(copy_from),))
        db.execute(f"INSERT INTO articles ({ARTICLE_COLUMNS}) SELECT {ARTICLE_COLUMNS} FROM new.articles")
        columns = CHUNK_COLUMNS + (", sentence_vectors" if with_vectors else "")
        db.execute(f"INSERT INTO chunks ({columns}) SELECT {columns} FROM new.chunks")
        # That release hashed no date kind (and found no event dates).
        rows = db.execute("SELECT id, title, date, author, source, url, text FROM articles").fetchall()
        for article_id, *fields in rows:
            db.execute("UPDATE articles SET content_hash = ? WHERE id = ?", (content_hash(*fields), article_id))
    db.commit()
    db.close()


def _columns(path: Path, table: str) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
    finally:
        db.close()


def _too_new(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()


@pytest.mark.parametrize("with_vectors", [True, False], ids=["previous release", "before sentence vectors"])
def test_old_store_opens_read_only_then_migrates(tmp_path, with_vectors):
    path = tmp_path / "store.sqlite"
    _old_store(path, with_vectors)
    before = path.read_bytes()

    store = Store(path, readonly=True)  # how the API opens a published version: no change
    chunk = store.get_chunks([1])[1]
    assert chunk.text == "Câu một. Câu hai." and chunk.sentence_vectors is None and chunk.date == "2024-03-12"
    article = store.get_article("a1")
    assert (article.title, article.date_kind) == ("Tiêu đề", None) and store.counts() == {"articles": 1, "chunks": 1}
    assert [(r["id"], r["date_kind"]) for r in store.list_articles()] == [("a1", None)]
    store.close()
    assert path.read_bytes() == before

    store = Store(path)  # how a writer opens its copy: migrated, rows kept
    assert schema_version(store.db) == SCHEMA_VERSION
    assert store.get_article("a1").text == "Câu một. Câu hai."
    store.close()
    assert "sentence_vectors" in _columns(path, "chunks") and "date_kind" in _columns(path, "articles")
    Store(path).close()  # migrating again is a no-op


def test_too_new_store_is_refused(tmp_path):
    path = tmp_path / "store.sqlite"
    Store(path).close()
    _too_new(path)
    for readonly in (True, False):
        with pytest.raises(Exception, match=r"schema version \d+, newer than this release"):
            Store(path, readonly=readonly)


def _sample_copy(sample_index, embedder, root: Path):
    """An index of a copy of the samples that a test may change (embedded from a copy of the
    sample index's cache, so quickly)."""
    from rag.sync import ingest_folder

    shutil.copytree(sample_index.cache_dir, root / "cache")
    shutil.copytree(ROOT / "data" / "articles", root / "articles")
    s = sample_index.model_copy(update={"index_dir": root / "index", "cache_dir": root / "cache",
                                        "data_dir": root / "articles"})
    assert ingest_folder(s.data_dir, s, embedder).embedded == 0
    return s, current_version_dir(s.index_dir)


def test_index_written_by_the_previous_release_opens_and_ingest_migrates(sample_index, embedder, tmp_path):
    from rag.sync import ingest_folder

    s, version = _sample_copy(sample_index, embedder, tmp_path)
    store = version / "store.sqlite"
    today = tmp_path / "today.sqlite"
    store.rename(today)
    _old_store(store, with_vectors=False, copy_from=today)

    index = Index.open(s.index_dir, embedder.name, embedder.dimension)
    assert index.problem is None and index.counts["articles"] == 5
    ids = index.store.chunk_ids_where(None, None, None)
    assert all(c.sentence_vectors is None for c in index.store.get_chunks(ids).values())
    index.close()

    (s.data_dir / "them.txt").write_text("Tin thêm\n\nSở Giáo dục Sóc Trăng khai giảng năm học mới cho 120 trường.")
    report = ingest_folder(s.data_dir, s, embedder)
    # The five come out of cleaning with their date kind now, so they are updated (from the cache).
    assert report.added == 1 and report.updated == 5 and report.embedded == 1
    new = current_version_dir(s.index_dir)
    assert new != version and "sentence_vectors" in _columns(new / "store.sqlite", "chunks")
    index = Index.open(s.index_dir, embedder.name, embedder.dimension)
    assert {r["date_kind"] for r in index.store.list_articles()} == {"published", "event", None}  # them.txt: no date
    index.close()
    db = sqlite3.connect(new / "store.sqlite")
    assert schema_version(db) == SCHEMA_VERSION
    db.close()


def test_index_written_by_a_newer_release(sample_index, embedder, tmp_path):
    s, version = _sample_copy(sample_index, embedder, tmp_path)
    _too_new(version / "store.sqlite")
    with pytest.raises(IndexTooNewError, match=r"newer release.*rag ingest --rebuild") as caught:
        Index.open(s.index_dir, embedder.name, embedder.dimension)
    assert isinstance(caught.value, IndexDamagedError)  # reported wherever a damaged index is

    env = {**os.environ, "RAG_INDEX_DIR": str(s.index_dir), "RAG_CACHE_DIR": str(s.cache_dir),
           "RAG_MODELS_DIR": str(s.models_dir)}
    cli = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(s.data_dir)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    out = cli.stdout + cli.stderr
    assert cli.returncode == 1 and "newer release" in out and "rag ingest --rebuild" in out, out
    assert "Traceback" not in out

    with serve_api(s) as client:
        health = client.get("/health").json()
        assert not health["ready"] and "newer release" in health["problem"], health
        assert str(tmp_path) not in health["problem"]

    cli = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", "--rebuild", str(s.data_dir)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 0, cli.stderr
    index = Index.open(s.index_dir, embedder.name, embedder.dimension)
    assert index.problem is None and index.counts["articles"] == 5
    index.close()


def test_embedding_cache_versions(tmp_path, caplog):
    old = tmp_path / "old.sqlite"
    db = sqlite3.connect(old)  # as the release before versioning created it
    db.execute("CREATE TABLE vectors (model TEXT, hash TEXT, vec BLOB, PRIMARY KEY (model, hash))")
    db.execute("INSERT INTO vectors VALUES (?,?,?)", ("m", EmbeddingCache.key("xin chào"),
                                                      np.ones(4, np.float32).tobytes()))
    db.commit()
    db.close()
    cache = EmbeddingCache(old, "m")
    assert schema_version(cache.db) == 1 and 0 in cache.get_many(["xin chào"])

    new = tmp_path / "new.sqlite"
    EmbeddingCache(new, "m").db.close()
    db = sqlite3.connect(new)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with caplog.at_level(logging.WARNING):
        cache = EmbeddingCache(new, "m")  # a cache only saves work: never blocks an ingest
    assert "embedding cache not used" in caplog.text and str(new) in caplog.text
    vectors, encoded = cache.encode(["a", "b"], lambda texts, _progress: np.ones((len(texts), 4), np.float32))
    assert encoded == 2 and vectors.shape == (2, 4)
    db = sqlite3.connect(new)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 99  # left as the newer release wrote it
    db.close()


def test_manifest_loading_is_tolerant(tmp_path):
    path = tmp_path / "manifest.json"
    Manifest(model="m", dimension=4, chunk_tokens=320, chunk_overlap=40).save(path)
    data = json.loads(path.read_text())
    # A newer release added a field; an older one lacked those with defaults.
    data["written_by"] = "vnrag 9"
    for key in ("vector_index", "extra", "embed_title"):
        data.pop(key)
    path.write_text(json.dumps(data))
    manifest = Manifest.load(path)
    assert (manifest.model, manifest.vector_index, manifest.embed_title) == ("m", "flat", True)
