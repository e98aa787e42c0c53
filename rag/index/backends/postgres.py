"""The PostgreSQL + pgvector backend (``RAG_DATABASE_URL=postgresql://…``).

One database holds what the FAISS/SQLite/BM25 files hold: articles, chunks with their
embedding (``vector``, HNSW with cosine ops), their pyvi words (``tsvector`` for matching,
``sparsevec`` BM25 weights for scoring; see :mod:`.pg_words`) and the filters' columns.
Every API process sees a write the moment it commits, so several replicas can share it.

Writes: one writer at a time (an advisory lock), and each job is one transaction, so readers
see the index before or after it, never halfway: a rebuild deletes and re-inserts everything
inside its transaction while readers keep answering from the committed rows (MVCC). The
embedding cache stays local SQLite (it only saves work, keyed by model and text).
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
import uuid
from collections import Counter
from datetime import datetime, timezone
from typing import Iterator

import numpy as np

from rag.clean.normalize import source_key
from rag.documents import Article
from rag.index.backends import pg_words
from rag.index.backends.pg_schema import SPARSE_DIMENSIONS, WRITE_LOCK, check_readable, migrate
from rag.index.manifest import IndexDamagedError, IndexTooNewError, Manifest
from rag.index.store import ARTICLE_FIELDS, StoredChunk, matching_sources
from rag.index.writer import IndexBusyError, IndexSpec, WriteStats, sentence_rules_after
from rag.migrations import SchemaTooNewError
from rag.retrieve.spelling import spellings

WHERE = "PostgreSQL (RAG_DATABASE_URL)"  # where the index is, in messages
# HNSW candidates per query: at least the retriever's 50, with room for recall. At 1M synthetic
# chunks recall@10 was 0.82 with 100, 0.89 with 200, 0.92 with 400 (p50 5.0, 4.8, 7.7 ms; docs/postgres.md).
EF_SEARCH = 200
# A filter the planner expects to keep at most this many chunks is searched exactly (btree, then
# every distance): at 100k chunks one organisation of 50 (2,000 rows) had recall@10 0.73 through
# the filtered HNSW scan. Broader filters go through HNSW, visiting up to MAX_SCAN_TUPLES rows.
EXACT_MAX = 20_000
MAX_SCAN_TUPLES = 100_000
_STATE_FIELDS = ("model", "dimension", "chunk_tokens", "chunk_overlap", "embed_title", "version", "articles",
                 "chunks", "updated_at", "sentence_rules")


class DatabaseUnavailableError(IndexDamagedError):
    """The database cannot be reached: ``/health`` says so and ``/ask`` answers 503 meanwhile.

    A kind of :class:`IndexDamagedError` so that the places which report an unusable index
    report this one too, with its own message (nothing needs rebuilding).
    """

    def __init__(self, reason: str):
        RuntimeError.__init__(self, f"the PostgreSQL index cannot be reached ({reason}); check RAG_DATABASE_URL "
                              f"and the server (không kết nối được cơ sở dữ liệu PostgreSQL)")
        self.reason = reason


# What current_version() returns while the database cannot be reached: never equal to a
# version number, so the assistant tries to open the index (and reports why it cannot).
UNREACHABLE = "unreachable"


def _psycopg():
    import psycopg  # a runtime dependency only for those who set RAG_DATABASE_URL

    return psycopg


# -- connections ---------------------------------------------------------------------------
class Database:
    """Autocommit connections to one URL, one per thread (the API reads from worker threads)."""

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()

    def connection(self):
        """This thread's connection, (re)opened when needed."""
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed or conn.broken:
            psycopg = _psycopg()
            # libpq waits forever for an unreachable host by default: the API must not hang.
            timeout = {} if "connect_timeout" in self.url else {"connect_timeout": 10}
            conn = psycopg.connect(self.url, autocommit=True, **timeout)
            # Exact enough for the fused top 50; iterative scans keep filtered queries full.
            conn.execute(f"SET hnsw.ef_search = {EF_SEARCH}")
            conn.execute("SET hnsw.iterative_scan = strict_order")
            conn.execute(f"SET hnsw.max_scan_tuples = {MAX_SCAN_TUPLES}")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close with their threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()

    def rows(self, sql: str, params=(), *, dicts: bool = False, no_seqscan: bool = False) -> list:
        """Run a query; rows as tuples (or dicts). ``no_seqscan``: in a transaction that
        discourages sequential scans (``SET LOCAL``, so nothing else on the connection changes)."""
        from psycopg.rows import dict_row, tuple_row

        conn = self.connection()
        with conn.transaction() if no_seqscan else contextlib.nullcontext():
            with conn.cursor(row_factory=dict_row if dicts else tuple_row) as cur:
                if no_seqscan:
                    cur.execute("SET LOCAL enable_seqscan = off")
                cur.execute(sql, params)
                return cur.fetchall()


_DATABASES: dict[str, Database] = {}
_DATABASES_LOCK = threading.Lock()


def database(url: str) -> Database:
    """The process's :class:`Database` for ``url``."""
    with _DATABASES_LOCK:
        return _DATABASES.setdefault(url, Database(url))


def _state(db: Database) -> dict | None:
    """The index's state row (manifest), ``None`` when no schema or nothing written yet."""
    psycopg = _psycopg()
    try:
        rows = db.rows("SELECT * FROM vnrag_state WHERE id = 1", dicts=True)
    except psycopg.errors.UndefinedTable:
        return None
    # A reader does not migrate: a database the writer has not yet brought to this release's
    # schema lacks the newer columns, and the manifest's defaults stand in for them.
    return {k: v for k, v in rows[0].items() if k in _STATE_FIELDS} if rows else None


def _manifest(state: dict) -> Manifest:
    return Manifest(**state, vector_index="hnsw")


# -- reading -------------------------------------------------------------------------------
class Store:
    """Article and chunk reads, with the names and shapes of :class:`rag.index.store.Store`."""

    def __init__(self, db: Database):
        self.db = db

    def article_hashes(self) -> dict[str, tuple[str, str]]:
        """``{article id: (content hash, path)}`` for every article."""
        return {r[0]: (r[1], r[2]) for r in self.db.rows("SELECT id, content_hash, path FROM articles")}

    def get_article(self, article_id: str) -> Article | None:
        """One article, or ``None``."""
        rows = self.db.rows(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = %s", (article_id,),
                            dicts=True)
        return Article(**rows[0]) if rows else None

    def list_articles(self, limit: int = 100, offset: int = 0) -> list[dict]:
        """Article summaries (no text), newest first (byte order of titles, as SQLite sorts)."""
        return self.db.rows(
            "SELECT a.id, a.path, a.title, a.date, a.date_kind, a.author, a.source, a.url, a.content_hash,"
            " a.added_at, a.updated_at, length(a.text) AS chars,"
            " (SELECT count(*) FROM chunks c WHERE c.article_id = a.id) AS chunks"
            ' FROM articles a ORDER BY coalesce(a.date, \'\') DESC, a.title COLLATE "C" LIMIT %s OFFSET %s',
            (limit, offset), dicts=True)

    def get_chunks(self, ids: list[int]) -> dict[int, StoredChunk]:
        """Chunks with their article metadata, by id."""
        if not ids:
            return {}
        rows = self.db.rows(
            'SELECT c.id, c.article_id, c.seq, c.start, c."end", c.text, c.terms, a.title, a.date, a.source,'
            " a.url, a.path, c.sentence_vectors, a.date_kind FROM chunks c JOIN articles a ON a.id = c.article_id"
            " WHERE c.id = ANY(%s)", ([int(i) for i in ids],), dicts=True)
        return {r["id"]: StoredChunk(**r) for r in rows}

    def counts(self) -> dict[str, int]:
        """Number of articles and chunks now."""
        a, c = self.db.rows("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM chunks)")[0]
        return {"articles": a, "chunks": c}

    def undated_articles(self) -> int:
        """Articles with no date, which a date filter leaves out."""
        return self.db.rows("SELECT count(*) FROM articles WHERE date IS NULL OR date = ''")[0][0]

    def sources(self) -> list[str]:
        """Distinct organisations, for filter menus."""
        return [r[0] for r in self.db.rows(
            'SELECT DISTINCT source COLLATE "C" FROM articles WHERE source IS NOT NULL ORDER BY 1')]

    def close(self) -> None:
        """Nothing to do: connections are shared by the process."""


class _Size:
    """``index.vectors.size`` (the answer step checks for an empty index)."""

    def __init__(self, size: int):
        self.size = size


class _Lexical:
    """``index.lexical.idf`` for the answer step, over the ``terms`` table."""

    def __init__(self, index: "PostgresIndex"):
        self.index = index
        self._df: dict[str, int] = {}
        self._lock = threading.Lock()

    def document_frequencies(self, terms: list[str]) -> dict[str, tuple[int, int]]:
        """``{term: (term id, document frequency)}`` for the known ``terms``."""
        rows = self.index.db.rows("SELECT term, id, df FROM terms WHERE term = ANY(%s) AND df > 0",
                                  (list(dict.fromkeys(terms)),))
        found = {t: (i, df) for t, i, df in rows}
        with self._lock:  # an index object is one published version: its counts can be kept
            self._df.update({t: found.get(t, (0, 0))[1] for t in terms})
        return found

    @functools.cached_property
    def _words(self) -> list[tuple[str, int]]:
        return self.index.db.rows("SELECT term, df FROM terms WHERE df > 0")

    @functools.cached_property
    def spellings(self) -> dict[str, str]:
        """``{word without marks: the index's most frequent word with them}``, read once."""
        return spellings([(t, int(df)) for t, df in self._words])

    @functools.cached_property
    def syllables(self) -> set[str]:
        """Every syllable of the index's words, read once."""
        return {syllable for t, _ in self._words for syllable in t.split("_")}

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term (0 for unknown terms)."""
        if term not in self._df:
            self.document_frequencies([term])
        df, n = self._df[term], self.index.manifest.chunks
        return pg_words.idf(df, n) if df and n else 0.0


class PostgresIndex:
    """The index in PostgreSQL as readers see it (:class:`rag.index.backends.base.SearchIndex`)."""

    keyword_scoring = "bm25"  # or "ts_rank_cd" (measured in docs/postgres.md)

    def __init__(self, db: Database, manifest: Manifest):
        self.db = db
        self.manifest = manifest
        self.problem: str | None = None
        self.path = None
        self.store = Store(db)
        self.vectors = _Size(manifest.chunks)
        self.lexical = _Lexical(self)
        self.keyword_rounds: Counter[int] = Counter()  # keyword searches by queries run (benchmarks)

    @property
    def counts(self) -> dict[str, int]:
        """``{"articles": n, "chunks": n}`` as the last write recorded them (no query)."""
        return {"articles": self.manifest.articles, "chunks": self.manifest.chunks}

    @functools.cached_property
    def sources(self) -> list[str]:
        """Organisations the articles belong to (read once per published version)."""
        return self.store.sources()

    @functools.cached_property
    def source_keys(self) -> list[str]:
        """The folded organisations of the chunks, read once per published version: a skip scan
        of the ``source_key`` btree (one probe per organisation, not a pass over the chunks)."""
        return [r[0] for r in self.db.rows(
            "WITH RECURSIVE s (k) AS (SELECT min(source_key) FROM chunks UNION ALL"
            " SELECT (SELECT min(source_key) FROM chunks WHERE source_key > s.k) FROM s WHERE s.k IS NOT NULL)"
            " SELECT k FROM s WHERE k IS NOT NULL")]

    def scope(self, source: str | None, date_from: str | None, date_to: str | None) -> tuple[str, list]:
        """The filters as an SQL condition on ``chunks`` with its parameters (evaluated in the search).

        An organisation matches by name, or else by substring ("Trà Vinh" finds "Sở Giáo dục và Đào tạo Trà Vinh"):
        it is resolved here to the organisations holding it, and the condition is an equality on
        them, which the planner can estimate and answer from the btree."""
        clauses, params = [], []
        if source:
            wanted = source_key(source)
            clauses.append("source_key = ANY(%s)")
            params.append(matching_sources(wanted, self.source_keys))
        if date_from:
            clauses.append("date >= %s")
            params.append(date_from)
        if date_to:
            clauses.append("date <= %s")
            params.append(date_to)
        return " AND ".join(clauses) or "true", params

    def estimated_rows(self, scope: tuple[str, list]) -> float:
        """The planner's estimate of how many chunks a filter keeps (no rows are read)."""
        where, params = scope
        plan = self.db.rows(f"EXPLAIN (FORMAT JSON) SELECT FROM chunks WHERE {where}", params)[0][0]
        return float(plan[0]["Plan"]["Plan Rows"])

    def dense(self, vector: np.ndarray, k: int, scope: tuple[str, list] | None = None) -> list[tuple[int, float]]:
        """``[(chunk id, cosine)]`` best first: through the HNSW index, or exact for a selective filter."""
        where, params = scope or ("true", [])
        literal = pg_words.vector_literal(vector)
        if scope is not None and self.estimated_rows(scope) <= EXACT_MAX:
            # A few thousand rows from the btrees, every distance computed and sorted: exact, and
            # cheaper than an HNSW walk that rejects 98 % of what it visits ("+ 0": not the index).
            rows = self.db.rows(f"SELECT id, 1 - (embedding <=> %s::vector) FROM chunks WHERE {where}"
                                " ORDER BY (embedding <=> %s::vector) + 0 LIMIT %s", [literal, *params, literal, k])
        else:
            # Unfiltered, HNSW is the plan at any size, but the planner costs a sequential scan
            # without the vectors' TOAST reads and picks it for small limits (10 of 5,000 rows:
            # 110 ms against 9 ms). A broad filter: HNSW, whose iterative scan goes on past
            # rejected rows (up to MAX_SCAN_TUPLES visited) until k pass.
            rows = self.db.rows(f"SELECT id, 1 - (embedding <=> %s::vector) FROM chunks WHERE {where}"
                                " ORDER BY embedding <=> %s::vector LIMIT %s", [literal, *params, literal, k],
                                no_seqscan=True)
        return sorted(((int(i), float(s)) for i, s in rows), key=lambda r: -r[1])

    def keyword(self, terms: list[str], k: int, scope: tuple[str, list] | None = None) -> list[tuple[int, float]]:
        """``[(chunk id, score)]`` of the chunks holding any of ``terms``, best first."""
        where, params = scope or ("true", [])
        if not terms or k <= 0:
            return []
        known = self.lexical.document_frequencies(terms)
        if not known:
            return []
        if self.keyword_scoring == "ts_rank_cd":
            query = pg_words.tsquery_literal([t for t in terms if t in known])
            rows = self.db.rows(f"SELECT id, ts_rank_cd(words, q) FROM chunks, CAST(%s AS tsquery) q"
                                f" WHERE words @@ q AND {where} ORDER BY 2 DESC, id LIMIT %s", [query, *params, k])
            return [(int(i), float(s)) for i, s in rows if s > 0]
        n = self.manifest.chunks
        weights: Counter[int] = Counter()
        by_term: dict[str, float] = {}
        for t in terms:  # a word asked twice counts twice, as in bm25s
            if t in known:
                term_id, df = known[t]
                weights[term_id] += pg_words.idf(df, n)
                by_term[t] = weights[term_id]
        sparse = pg_words.sparse_literal(weights, SPARSE_DIMENSIONS)
        rarest = sorted(by_term, key=lambda t: (known[t][1], t))
        # Candidates: the chunks holding one of the question's rarer words (the GIN index
        # finds them); every candidate is scored with all the question's words. A chunk holding
        # none of them scores less than the left-out words' weights together (a saturated term
        # frequency is < 1), so when the k-th candidate scores more than that, the top k is
        # exact. Otherwise a second query looks among the chunks without the rare words for
        # those holding a set of the other words whose weights together exceed the k-th score
        # (`của & là & năm`, found by intersecting GIN lists: few chunks) — or, when there are too
        # many such sets, holding one of the fewest rarer-first words that leave out only words
        # unable to reach it together — and the two lists are merged. Any other chunk scores
        # below the k-th: the top k is exact either way.
        essential = pg_words.rare_terms(rarest, [known[t][1] for t in rarest], n)
        sql = (f"SELECT id, (bm25 <#> %s::sparsevec) * -1 FROM chunks WHERE words @@ %s::tsquery AND {where}"
               " ORDER BY 2 DESC, id LIMIT %s")
        rows = self.db.rows(sql, [sparse, pg_words.tsquery_literal(rarest[:essential]), *params, k])
        rounds = 1
        kth = float(rows[-1][1]) if len(rows) == k else 0.0
        rest = rarest[essential:]
        if rest and not pg_words.beyond(by_term, rest, kth):
            rounds = 2
            groups = pg_words.combinations_reaching(rest, by_term, kth)
            if groups is None or not groups:  # too many sets: rarer-first words until the rest cannot pass
                groups = [[t] for t in rarest[essential : pg_words.terms_needed(rarest, by_term, kth)]]
            more = self.db.rows(sql, [sparse, pg_words.tsquery_any_of_all(groups), *params, k])
            rows = sorted({int(i): float(s) for i, s in [*rows, *more]}.items(), key=lambda r: (-r[1], r[0]))[:k]
        self.keyword_rounds[rounds] += 1
        return [(int(i), float(s)) for i, s in rows if s > 0]

    def get_chunks(self, ids: list[int]) -> dict[int, StoredChunk]:
        """Chunks with their article metadata, by id."""
        return self.store.get_chunks(ids)

    def close(self) -> None:
        """Nothing to release (connections are per thread, shared by the process)."""


# -- the backend's functions (see rag.index.backends) ---------------------------------------
def current_version(url: str) -> int | str | None:
    """The version number the last write recorded (one small query); :data:`UNREACHABLE`
    while the database cannot be reached."""
    try:
        state = _state(database(url))
    except _psycopg().OperationalError:
        return UNREACHABLE
    return state["version"] if state else None


def open_index(url: str, model: str | None, dimension: int | None) -> PostgresIndex | None:
    """The index in the database, ``None`` before the first write; checks the model.

    Raises :class:`DatabaseUnavailableError` when the server cannot be reached.
    """
    db = database(url)
    try:
        with db.connection().cursor() as cur:
            check_readable(cur)
        state = _state(db)
    except SchemaTooNewError as exc:
        raise IndexTooNewError(str(exc)) from exc
    except _psycopg().OperationalError as exc:
        raise DatabaseUnavailableError(type(exc).__name__) from exc
    if state is None:
        return None
    manifest = _manifest(state)
    if model is not None:
        manifest.check_model(model, dimension, location(url))
    return PostgresIndex(db, manifest)


def location(url: str) -> str:
    """Which database holds the index, for messages (no password): ``the PostgreSQL database
    'vnrag' on db.example:5432 (RAG_DATABASE_URL)``."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        info = conninfo_to_dict(url)
    except Exception:
        return WHERE
    host = info.get("host") or "localhost"
    port = f":{info['port']}" if info.get("port") else ""
    return f"the PostgreSQL database '{info.get('dbname') or info.get('user') or '?'}' on {host}{port} (RAG_DATABASE_URL)"


def damaged(url: str) -> str | None:
    """Always ``None``: every write is one transaction, so the database holds a whole index or
    the previous one, never a half-written one that re-indexing the folder would repair. (An
    unreachable server or a newer schema is reported by the writer itself; an index folder left
    from before the switch to PostgreSQL is not looked at.)"""
    return None


def article_titles(url: str) -> dict[str, tuple[str, str]]:
    """``{article id: (content hash, title)}`` of the index (empty if none or unreachable)."""
    psycopg = _psycopg()
    try:
        return {r[0]: (r[1], r[2]) for r in database(url).rows("SELECT id, content_hash, title FROM articles")}
    except (psycopg.errors.UndefinedTable, psycopg.OperationalError):
        return {}


def stored_manifest(url: str) -> Manifest | None:
    """What the index was built with, ``None`` before the first write."""
    state = _state(database(url))
    return _manifest(state) if state else None


def indexed_articles(url: str) -> list[Article]:
    """Every article in the database."""
    state = _state(database(url))
    if state is None:
        return []
    rows = database(url).rows(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles ORDER BY id", dicts=True)
    return [Article(**r) for r in rows]


def writer(url: str, spec: IndexSpec, *, fresh: bool, wait: float) -> "PostgresWriter":
    """A writer whose whole job is one transaction."""
    return PostgresWriter(url, spec, fresh=fresh, wait=wait)


# -- writing -------------------------------------------------------------------------------
class PostgresWriter:
    """Enter (lock, migrate), :meth:`upsert` / :meth:`delete`, :meth:`commit`: one transaction."""

    def __init__(self, url: str, spec: IndexSpec, *, fresh: bool = False, wait: float = 0):
        self.url = url
        self.spec = spec
        self.fresh = fresh
        self.wait = wait
        self.stats = WriteStats()
        self.previous: Manifest | None = None
        self._committed = False
        self._swap = False  # writing into new tables swapped in at commit (see _begin)
        self.articles, self.chunks = "articles", "chunks"  # the tables this job writes

    def __enter__(self) -> "PostgresWriter":
        psycopg = _psycopg()
        self.conn = psycopg.connect(self.url)
        try:
            migrate(self.conn, self.spec.dimension)
            self._lock()
        except BaseException:
            self.conn.close()
            raise
        try:
            self._begin()
        except BaseException:
            self.conn.rollback()
            self.conn.close()  # closing the session releases the advisory lock
            raise
        return self

    def _lock(self) -> None:
        # A session lock: held across the job's transaction, released by close() at the latest.
        deadline = time.monotonic() + self.wait
        while True:
            got = self.conn.execute("SELECT pg_try_advisory_lock(%s, hashtext(current_schema()))",
                                   (WRITE_LOCK,)).fetchone()[0]
            self.conn.commit()
            if got:
                return
            if time.monotonic() >= deadline:
                raise IndexBusyError(f"another ingest or rebuild is writing {location(self.url)}")
            time.sleep(0.2)

    def _begin(self) -> None:
        cur = self.conn.cursor()
        cur.execute(f"SELECT {', '.join(_STATE_FIELDS)} FROM vnrag_state WHERE id = 1")
        row = cur.fetchone()
        state = dict(zip(_STATE_FIELDS, row)) if row else None
        self.version = (state["version"] if state else 0) + 1
        if state and not self.fresh:
            self.previous = _manifest(state)
            if state["dimension"] != self.spec.dimension:
                raise ValueError(f"{location(self.url)} holds {state['dimension']}-d vectors, the model makes "
                                 f"{self.spec.dimension}-d: run `rag ingest --rebuild <folder>`")
        cur.execute("SELECT NOT EXISTS (SELECT FROM articles) AND NOT EXISTS (SELECT FROM chunks)")
        if self.fresh or cur.fetchone()[0]:
            # A rebuild, or a first ingest: the rows go into new tables, indexed once they are all
            # in (building an HNSW graph over the rows is several times faster than maintaining it
            # row by row), swapped in by commit(). Readers keep the committed tables meanwhile.
            self._swap = True
            self.articles, self.chunks = "articles_next", "chunks_next"
            self._added: set[str] = set()
            self._create_next(cur)
            cur.execute("UPDATE terms SET df = 0 WHERE df <> 0")  # ids stay: a reader's query may hold them
            self._length, self._count = 0, 0
        else:
            self._length, self._count = cur.execute("SELECT coalesce(sum(length), 0), count(*) FROM chunks").fetchone()

    def _create_next(self, cur) -> None:
        """Empty ``articles_next`` and ``chunks_next`` shaped like the live tables (whatever
        migrations made them); the articles' indexes at once (upserts need the key), the chunks'
        at commit. The chunk ids continue the live sequence: a reader may hold an id meanwhile."""
        d = int(self.spec.dimension)
        for table in ("chunks_next", "articles_next"):
            cur.execute(f"DROP TABLE IF EXISTS {table}")  # left by a crash (DDL is transactional: never)
        cur.execute("CREATE TABLE articles_next (LIKE articles INCLUDING ALL EXCLUDING INDEXES)")
        self._copy_indexes(cur, "articles", "articles_next")
        cur.execute("CREATE TABLE chunks_next (LIKE chunks INCLUDING ALL EXCLUDING INDEXES)")
        cur.execute("SELECT atttypmod, attstorage FROM pg_attribute WHERE attrelid = 'chunks'::regclass"
                    " AND attname = 'embedding'")
        width, storage = cur.fetchone()
        if width != d:  # a model of another width (a type change resets the column's storage)
            cur.execute(f"ALTER TABLE chunks_next ALTER COLUMN embedding TYPE vector({d})")
            storage = {"p": "PLAIN", "e": "EXTERNAL", "m": "MAIN", "x": "EXTENDED"}[storage]
            cur.execute(f"ALTER TABLE chunks_next ALTER COLUMN embedding SET STORAGE {storage}")
        cur.execute("SELECT setval(pg_get_serial_sequence('chunks_next', 'id'),"
                    " nextval(pg_get_serial_sequence('chunks', 'id')), false)")

    def _copy_indexes(self, cur, table: str, new: str) -> None:
        """Every index and key of ``table`` made on ``new`` (names with ``_next``), the foreign key
        pointing at ``articles_next``."""
        cur.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    " WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype DESC", (table,))
        constraints = cur.fetchall()
        cur.execute("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                    " WHERE x.indrelid = %s::regclass AND NOT EXISTS (SELECT FROM pg_constraint c"
                    " WHERE c.conindid = i.oid AND c.conrelid = x.indrelid) ORDER BY i.relname", (table,))
        indexes = cur.fetchall()
        for name, definition in constraints:
            definition = re.sub(r"\bREFERENCES (\S+\.)?articles\(", "REFERENCES articles_next(", definition)
            cur.execute(f"ALTER TABLE {new} ADD CONSTRAINT {name}_next {definition}")
        for name, definition in indexes:
            using = definition[definition.index(" USING "):]
            cur.execute(f"CREATE {'UNIQUE ' if ' UNIQUE ' in definition[:20] else ''}INDEX {name}_next ON {new}{using}")

    def _swap_in(self, cur) -> None:
        """The chunks' indexes built, then the new tables take the live ones' names."""
        self._copy_indexes(cur, "chunks", "chunks_next")
        cur.execute("ANALYZE articles_next")
        cur.execute("ANALYZE chunks_next")  # the planner's estimates from the first query on
        renames = []
        for table in ("chunks", "articles"):
            cur.execute("SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p','u','f')"
                        " UNION SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                        " WHERE x.indrelid = %s::regclass", (f"{table}_next", f"{table}_next"))
            renames += [(table, name) for (name,) in cur.fetchall()]
        cur.execute("DROP TABLE chunks")  # waits for running reads; later ones see the new tables
        cur.execute("DROP TABLE articles")
        for table in ("articles", "chunks"):
            cur.execute(f"ALTER TABLE {table}_next RENAME TO {table}")
        cur.execute("ALTER SEQUENCE IF EXISTS chunks_next_id_seq RENAME TO chunks_id_seq")
        done = set()
        for table, name in renames:
            if name in done or not name.endswith("_next"):
                continue
            done.add(name)
            cur.execute("SELECT EXISTS (SELECT FROM pg_constraint WHERE conrelid = %s::regclass AND conname = %s)",
                        (table, name))
            if cur.fetchone()[0]:
                cur.execute(f"ALTER TABLE {table} RENAME CONSTRAINT {name} TO {name[:-5]}")
            else:
                cur.execute(f"ALTER INDEX {name} RENAME TO {name[:-5]}")

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if not self._committed:
                self.conn.rollback()
        finally:
            self.conn.close()

    # -- changes --------------------------------------------------------------------------
    def existing(self) -> dict[str, tuple[str, str]]:
        """``{article id: (content hash, path)}`` as this transaction sees them."""
        return {r[0]: (r[1], r[2]) for r in self.conn.execute(f"SELECT id, content_hash, path FROM {self.articles}")}

    def counts(self) -> dict[str, int]:
        """Articles and chunks as this transaction sees them."""
        a, c = self.conn.execute(f"SELECT (SELECT count(*) FROM {self.articles}),"
                                 f" (SELECT count(*) FROM {self.chunks})").fetchone()
        return {"articles": a, "chunks": c}

    def _remove_chunks(self, article_ids: list[str]) -> None:
        if self._swap:  # new tables: only what this job added can be there (and unindexed till commit)
            article_ids = [a for a in article_ids if a in self._added]
        if not article_ids:
            return
        # Their words leave the document frequencies before the rows go.
        self.conn.execute(
            f"UPDATE terms t SET df = t.df - x.n FROM (SELECT w AS term, count(*) AS n FROM {self.chunks} c,"
            " unnest(tsvector_to_array(c.words)) w WHERE c.article_id = ANY(%s) GROUP BY w) x WHERE t.term = x.term",
            (article_ids,))
        lengths = self.conn.execute(f"DELETE FROM {self.chunks} WHERE article_id = ANY(%s) RETURNING length",
                                    (article_ids,)).fetchall()
        self._length -= sum(r[0] for r in lengths)
        self._count -= len(lengths)
        self.stats.chunks_removed += len(lengths)

    def delete(self, article_ids: list[str]) -> None:
        """Remove articles and their chunks."""
        self._remove_chunks(list(article_ids))
        if article_ids:
            self.conn.execute(f"DELETE FROM {self.articles} WHERE id = ANY(%s)", (list(article_ids),))

    def upsert(self, articles: list[Article], passages, embedded) -> None:
        """Add or replace ``articles`` with their chunks (``passages``, ``embedded``: as for
        :meth:`rag.index.writer.IndexWriter.upsert`)."""
        self._remove_chunks([a.id for a in articles])
        with self.conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO {self.articles} ({', '.join(ARTICLE_FIELDS)}) VALUES ({', '.join(['%s'] * len(ARTICLE_FIELDS))})"
                " ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{f} = excluded.{f}" for f in ARTICLE_FIELDS[1:])
                + ", updated_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
                [tuple(getattr(a, f) for f in ARTICLE_FIELDS) for a in articles])
        if passages:
            self._add_chunks({a.id: a for a in articles}, passages, embedded)
        if self._swap:
            self._added.update(a.id for a in articles)

    def _add_chunks(self, articles: dict[str, Article], passages, embedded) -> None:
        words = [p.terms.split() for p in passages]
        term_ids = self._term_ids(words)
        self._length += sum(map(len, words))
        self._count += len(words)
        avgdl = self._length / self._count  # kept by the writer: a sum over every chunk per batch was O(n²)
        with self.conn.cursor() as cur, cur.copy(
                f'COPY {self.chunks} (article_id, seq, start, "end", text, terms, sentence_vectors, source_key, date,'
                " embedding, words, bm25, length) FROM STDIN") as copy:
            for p, w, vector, blob in zip(passages, words, embedded.vectors, embedded.sentence_vectors):
                article = articles[p.chunk.article_id]
                weights = {term_ids[t]: v for t, v in pg_words.bm25_weights(w, avgdl).items()}
                copy.write_row((p.chunk.article_id, p.chunk.seq, p.chunk.start, p.chunk.end, p.chunk.text, p.terms,
                                blob, source_key(article.source), article.date, pg_words.vector_literal(vector),
                                pg_words.tsvector_literal(w), pg_words.sparse_literal(weights, SPARSE_DIMENSIONS),
                                len(w)))
        self.stats.chunks_added += len(passages)

    def _term_ids(self, words: list[list[str]]) -> dict[str, int]:
        """Ids of every word (new words get one) after counting each chunk's words into ``df``."""
        df = Counter(t for w in words for t in set(w))
        vocabulary = sorted(df)
        self.conn.execute("INSERT INTO terms (term) SELECT unnest(%s::text[]) ON CONFLICT (term) DO NOTHING",
                          (vocabulary,))
        self.conn.execute("UPDATE terms t SET df = t.df + x.n FROM unnest(%s::text[], %s::bigint[]) AS x(term, n)"
                          " WHERE t.term = x.term", (vocabulary, [df[t] for t in vocabulary]))
        return dict(self.conn.execute("SELECT term, id FROM terms WHERE term = ANY(%s)", (vocabulary,)).fetchall())

    def commit(self) -> Manifest:
        """Record the new state and commit: readers see the whole job at once."""
        if self._swap:
            with self.conn.cursor() as cur:
                self._swap_in(cur)
            self.articles, self.chunks = "articles", "chunks"
        counts = self.counts()
        spec = self.spec
        state = dict(model=spec.model, dimension=spec.dimension, chunk_tokens=spec.chunk_tokens,
                     chunk_overlap=spec.chunk_overlap, embed_title=spec.embed_title, version=self.version,
                     articles=counts["articles"], chunks=counts["chunks"],
                     updated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     sentence_rules=sentence_rules_after(self.previous))
        names = ", ".join(state)
        self.conn.execute(
            f"INSERT INTO vnrag_state (id, {names}) VALUES (1, {', '.join(['%s'] * len(state))})"
            f" ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{k} = excluded.{k}" for k in state),
            list(state.values()))
        self.conn.commit()
        self._committed = True
        return _manifest(state)


@contextlib.contextmanager
def scratch_schema(url: str) -> Iterator[str]:
    """A connection string to a new, empty schema of the database, dropped afterwards.

    ``rag eval`` builds its throw-away index there, beside (never in) the real one; the
    ``vector`` extension stays where it is (``public``), which the search path still reaches.
    """
    psycopg = _psycopg()
    from psycopg.conninfo import make_conninfo

    name = f"vnrag_scratch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    scratch = make_conninfo(url, options=f"-c search_path={name},public")
    try:
        yield scratch
    finally:
        with _DATABASES_LOCK:
            db = _DATABASES.pop(scratch, None)
        if db is not None:
            db.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")
