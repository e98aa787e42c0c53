"""SQLite store of articles and chunks beside the vector index.

A chunk's integer ``id`` is its id in FAISS and its row in BM25, so the three stay joined.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rag.clean.normalize import fold_marks, source_key
from rag.documents import Article, Chunk
from rag.migrations import SchemaTooNewError, add_column, migrate, schema_version

# Schema version n is the file after the first n steps (kept in PRAGMA user_version).
# Append steps, never edit one: files in the field recorded how far they got. Each step
# must also hold on a file written before versioning (version 0, whatever it contains).
V1_TABLES = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, date TEXT, author TEXT,
    source TEXT, url TEXT, text TEXT NOT NULL, content_hash TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (datetime('now')), updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    terms TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
"""
STEPS = [
    V1_TABLES,                                        # 1: the first release
    add_column("chunks", "sentence_vectors", "BLOB"),  # 2: sentence vectors for the answer step
    add_column("articles", "date_kind", "TEXT"),       # 3: "published" or "event" (Article.date_kind)
]
SCHEMA_VERSION = len(STEPS)
REBUILD_HINT = "run `rag ingest --rebuild <folder>` to rebuild the index with this release"

# Columns added by later steps, with what a read-only open of an older file reads instead
# (a published version is never written, so it cannot be migrated in place).
_LATER_COLUMNS = {("chunks", "sentence_vectors"): "NULL", ("articles", "date_kind"): "NULL"}

ARTICLE_FIELDS = ("id", "path", "title", "date", "author", "source", "url", "text", "content_hash", "date_kind")


@dataclass
class StoredChunk:
    """A chunk joined with the metadata of its article, as retrieval returns it."""

    id: int
    article_id: str
    seq: int
    start: int
    end: int
    text: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    path: str
    terms: str = ""  # title words, then one line of words per sentence (rag.text.segmented_lines)
    sentence_vectors: bytes | None = None  # one vector per sentence (rag.index.sentences.pack)
    date_kind: str | None = None  # "published" or "event" (see Article.date_kind)


class Store:
    """Articles and chunks in one SQLite file."""

    def __init__(self, path: Path, readonly: bool = False):
        uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
        # The API reads from worker threads; writes happen only in the writer's own copy.
        self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        # SQLite's own lower() folds ASCII only: "Đào" would never match "đào".
        self.db.create_function("casefold", 1, lambda s: s.casefold() if s else s, deterministic=True)
        try:
            if readonly:
                check_readable(self.db, path.name)
            else:
                migrate(self.db, path.name, STEPS, hint=REBUILD_HINT)
        except BaseException:
            self.db.close()
            raise
        # An index written by an older release still opens read-only: a column it lacks is
        # read as NULL (no sentence vectors: answers fall back to words).
        self._col = {key: f"{key[0][0]}.{_quote(key[1])}" for key in _LATER_COLUMNS}
        for (table, column), fallback in _LATER_COLUMNS.items():
            if column not in {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}:
                self._col[table, column] = fallback

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- articles ---------------------------------------------------------------------
    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """``{article id: (content hash, path)}`` for every article."""
        return {r["id"]: (r["content_hash"], r["path"]) for r in self.db.execute("SELECT id, content_hash, path FROM articles")}

    def get_article(self, article_id: str) -> Article | None:
        """One article, or ``None``."""
        row = self.db.execute(f"SELECT *, {self._col['articles', 'date_kind']} AS date_kind FROM articles a"
                              " WHERE id = ?", (article_id,)).fetchone()
        return Article(**{f: row[f] for f in ARTICLE_FIELDS}) if row else None

    def list_articles(self, limit: int = 100, offset: int = 0) -> list[sqlite3.Row]:
        """Article summaries (no text), newest first."""
        return self.db.execute(
            f"SELECT a.id, a.path, a.title, a.date, {self._col['articles', 'date_kind']} AS date_kind, a.author, a.source, a.url, a.content_hash, a.added_at,"
            " a.updated_at, length(a.text) AS chars, (SELECT count(*) FROM chunks c WHERE c.article_id = a.id)"
            " AS chunks FROM articles a ORDER BY coalesce(a.date, '') DESC, a.title LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()

    def upsert_article(self, article: Article) -> None:
        """Insert or replace an article's row (its chunks are replaced separately)."""
        self.db.execute(
            "INSERT INTO articles (id, path, title, date, author, source, url, text, content_hash, date_kind)"
            " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET path=excluded.path,"
            " title=excluded.title, date=excluded.date, date_kind=excluded.date_kind, author=excluded.author,"
            " source=excluded.source,"
            " url=excluded.url, text=excluded.text, content_hash=excluded.content_hash,"
            " updated_at=datetime('now')",
            tuple(getattr(article, f) for f in ARTICLE_FIELDS),
        )

    def delete_article(self, article_id: str) -> list[int]:
        """Delete an article; returns the ids of the chunks that went with it."""
        ids = self.chunk_ids(article_id)
        self.db.execute("DELETE FROM chunks WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return ids

    # -- chunks -----------------------------------------------------------------------
    def chunk_ids(self, article_id: str) -> list[int]:
        """Ids of one article's chunks."""
        return [r[0] for r in self.db.execute("SELECT id FROM chunks WHERE article_id = ?", (article_id,))]

    def next_chunk_id(self) -> int:
        """A chunk id never used in this store (ids are not reused, so FAISS stays consistent)."""
        row = self.db.execute("SELECT max(id) FROM chunks").fetchone()
        return (row[0] or 0) + 1

    def add_chunks(self, rows: list[tuple[int, Chunk, str, bytes | None]]) -> None:
        """Insert ``(id, chunk, BM25 terms, packed sentence vectors)`` rows."""
        self.db.executemany(
            'INSERT INTO chunks (id, article_id, seq, start, "end", text, terms, sentence_vectors)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [(i, c.article_id, c.seq, c.start, c.end, c.text, terms, vectors) for i, c, terms, vectors in rows],
        )

    def all_terms(self) -> tuple[list[int], list[list[str]]]:
        """Chunk ids and their BM25 terms, in id order."""
        ids, terms = [], []
        for row in self.db.execute("SELECT id, terms FROM chunks ORDER BY id"):
            ids.append(row[0])
            terms.append(row[1].split())
        return ids, terms

    def get_chunks(self, ids: list[int]) -> dict[int, StoredChunk]:
        """Chunks with their article metadata, by id."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f'SELECT c.id, c.article_id, c.seq, c.start, c."end", c.text, c.terms, a.title, a.date, a.source, a.url,'
            f" a.path, {self._col['chunks', 'sentence_vectors']} AS sentence_vectors,"
            f" {self._col['articles', 'date_kind']} AS date_kind FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})",
            [int(i) for i in ids],
        )
        return {r["id"]: StoredChunk(**dict(r)) for r in rows}

    def chunk_ids_where(self, source: str | None, date_from: str | None, date_to: str | None,
                        known: list[str] | None = None) -> list[int]:
        """Ids of chunks whose article matches the filters (dates are ISO strings; an article's
        date is its publication date or, failing that, its event date). ``known``: the
        organisations' :func:`source_key`, when the caller has them already."""
        clauses, args = [], []
        if source:
            # Sources are stored with one tone placement ("Hòa Bình"): "Hoà Bình" must match too.
            known = known if known is not None else [source_key(s) for s in self.sources()]
            keys = matching_sources(source_key(source), known)
            clauses.append(f"casefold(a.source) IN ({', '.join('?' * len(keys))})" if keys else "0")
            args.extend(keys)
        if date_from:
            clauses.append("a.date >= ?")
            args.append(date_from)
        if date_to:
            clauses.append("a.date <= ?")
            args.append(date_to)
        where = " AND ".join(clauses) or "1"
        sql = f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {where}"
        return [r[0] for r in self.db.execute(sql, args)]

    def counts(self) -> dict[str, int]:
        """Number of articles and chunks."""
        a = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        c = self.db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        return {"articles": a, "chunks": c}

    def undated_articles(self) -> int:
        """Articles with no date, which a date filter leaves out."""
        return self.db.execute("SELECT count(*) FROM articles WHERE date IS NULL OR date = ''").fetchone()[0]

    def sources(self) -> list[str]:
        """Distinct organisations, for filter menus."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1")]


def matching_sources(wanted: str, keys: list[str]) -> list[str]:
    """The organisations (casefolded) a filter for ``wanted`` selects: the one it names, or,
    when it names none, those holding it ("trà vinh" finds "sở giáo dục và đào tạo trà vinh").
    Exact first, because the articles naming no province are filed under the bare "Sở Giáo dục
    và Đào tạo", which every province's name holds; a filter typed without any mark ("lang
    son") is compared with the names' marks taken off."""
    found = _named_or_holding(wanted, keys, keys)
    if found or fold_marks(wanted) != wanted:
        return found
    # Typed without marks ("lang son"), as questions may be: compared without them.
    return _named_or_holding(wanted, keys, [fold_marks(k) for k in keys])


def _named_or_holding(wanted: str, keys: list[str], forms: list[str]) -> list[str]:
    """The ``keys`` whose form (``forms``, in order) is ``wanted``, else those holding it."""
    return [k for k, f in zip(keys, forms) if f == wanted] or [k for k, f in zip(keys, forms) if wanted in f]


def check_readable(db: sqlite3.Connection, name: str) -> None:
    """Refuse, without changing it, a file written by a newer release than this one.

    Older files are readable as they are (see ``_LATER_COLUMNS``). The message states the
    versions only: the caller (:meth:`rag.index.Index.load`) says what to do.
    """
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(f"{name} has schema version {found}, newer than this release reads ({SCHEMA_VERSION})")


def _quote(column: str) -> str:
    return f'"{column}"'
