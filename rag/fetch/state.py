"""Per-site and per-URL state in SQLite (``RAG_FETCH_STATE_PATH``), versioned with
:func:`rag.migrations.migrate`.

``sites``: registered sites, their listing pages and last report. ``pages``: every article
URL seen, with what a conditional GET needs (ETag, Last-Modified), the sitemap ``lastmod``,
the content hash, the file it is kept in, first/last seen and its status. ``resources``:
validators and body hashes of the discovery documents (home page, feeds, listing pages).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from rag.migrations import migrate

_STEPS = [
    """
    CREATE TABLE IF NOT EXISTS sites (
        id INTEGER PRIMARY KEY,
        home TEXT NOT NULL UNIQUE,
        host TEXT NOT NULL,
        listings TEXT NOT NULL DEFAULT '[]',
        added_at REAL NOT NULL,
        last_run_at REAL,
        discovered_at REAL,
        last_report TEXT
    );
    CREATE TABLE IF NOT EXISTS pages (
        site_id INTEGER NOT NULL REFERENCES sites(id),
        url TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        etag TEXT,
        last_modified TEXT,
        lastmod TEXT,
        content_hash TEXT,
        duplicate_of TEXT,
        file TEXT,
        in_sitemap INTEGER NOT NULL DEFAULT 0,
        first_seen REAL NOT NULL,
        last_seen REAL NOT NULL,
        checked_at REAL,
        failures INTEGER NOT NULL DEFAULT 0,
        retry_at REAL,
        PRIMARY KEY (site_id, url)
    );
    CREATE INDEX IF NOT EXISTS pages_hash ON pages (site_id, content_hash);
    CREATE TABLE IF NOT EXISTS resources (
        site_id INTEGER NOT NULL REFERENCES sites(id),
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        checked_at REAL,
        PRIMARY KEY (site_id, url)
    );
    """,
]

# A page's status after its last check.
INDEXED, DUPLICATE, NOT_ARTICLE, FAILED, GONE = "indexed", "duplicate", "not_article", "failed", "gone"


@dataclass
class Site:
    """A registered site."""

    id: int
    home: str
    host: str
    listings: list[str]
    added_at: float
    last_run_at: float | None
    discovered_at: float | None
    last_report: dict | None


class FetchState:
    """The state file; one connection shared by threads, each call under a lock."""

    def __init__(self, path: Path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._lock = threading.RLock()
        migrate(self._db, f"fetch state {path.name}", _STEPS, hint=f"move {path} aside to start afresh")

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def _run(self, sql: str, params=()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, params)

    # -- sites ------------------------------------------------------------------------------
    def add_site(self, home: str, host: str, listings: list[str]) -> Site:
        """Register a site, or update its listing pages if it is registered already."""
        with self._lock:
            existing = self.site_by_home(home)
            if existing:
                merged = existing.listings + [u for u in listings if u not in existing.listings]
                self._run("UPDATE sites SET listings = ? WHERE id = ?", (json.dumps(merged), existing.id))
            else:
                self._run("INSERT INTO sites (home, host, listings, added_at) VALUES (?, ?, ?, ?)",
                          (home, host, json.dumps(listings), time.time()))
            return self.site_by_home(home)

    def sites(self) -> list[Site]:
        """All registered sites, in registration order."""
        return [_site(r) for r in self._run("SELECT * FROM sites ORDER BY id").fetchall()]

    def site(self, site_id: int) -> Site | None:
        """One site by id."""
        row = self._run("SELECT * FROM sites WHERE id = ?", (site_id,)).fetchone()
        return _site(row) if row else None

    def site_by_home(self, home: str) -> Site | None:
        """One site by its (normalised) home page URL."""
        row = self._run("SELECT * FROM sites WHERE home = ?", (home,)).fetchone()
        return _site(row) if row else None

    def finish_run(self, site_id: int, report: dict, discovered: bool) -> None:
        """Keep a run's report (and when home page, feeds and listings were last read)."""
        now = time.time()
        self._run("UPDATE sites SET last_run_at = ?, last_report = ?, discovered_at = "
                  "CASE WHEN ? THEN ? ELSE discovered_at END WHERE id = ?",
                  (now, json.dumps(report, ensure_ascii=False), discovered, now, site_id))

    # -- pages ------------------------------------------------------------------------------
    def pages(self, site_id: int) -> dict[str, sqlite3.Row]:
        """Every known page of a site by URL."""
        return {r["url"]: r for r in self._run("SELECT * FROM pages WHERE site_id = ?", (site_id,)).fetchall()}

    def page_counts(self, site_id: int) -> dict[str, int]:
        """How many known pages of a site are in each status."""
        rows = self._run("SELECT status, COUNT(*) FROM pages WHERE site_id = ? GROUP BY status", (site_id,)).fetchall()
        return {status: count for status, count in rows}

    def save_page(self, site_id: int, url: str, **fields) -> None:
        """Insert or update a page's row (``first_seen`` is kept, ``last_seen`` set now)."""
        now = time.time()
        with self._lock:
            exists = self._run("SELECT 1 FROM pages WHERE site_id = ? AND url = ?", (site_id, url)).fetchone()
            fields["last_seen"] = now
            if not exists:
                fields.setdefault("first_seen", now)
                fields.setdefault("status", FAILED)
                cols = ["site_id", "url", *fields]
                self._run(f"INSERT INTO pages ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          (site_id, url, *fields.values()))
            else:
                sets = ", ".join(f"{k} = ?" for k in fields)
                self._run(f"UPDATE pages SET {sets} WHERE site_id = ? AND url = ?", (*fields.values(), site_id, url))

    def set_in_sitemap(self, site_id: int, urls: set[str]) -> None:
        """Record which known pages the site's sitemaps list now."""
        with self._lock:
            self._run("BEGIN")
            try:
                self._run("UPDATE pages SET in_sitemap = 0 WHERE site_id = ?", (site_id,))
                self._db.executemany("UPDATE pages SET in_sitemap = 1 WHERE site_id = ? AND url = ?",
                                     [(site_id, u) for u in urls])
                self._run("COMMIT")
            except BaseException:
                self._run("ROLLBACK")
                raise

    # -- discovery documents ----------------------------------------------------------------
    def resource(self, site_id: int, url: str) -> sqlite3.Row | None:
        """Validators and body hash of a discovery document."""
        return self._run("SELECT * FROM resources WHERE site_id = ? AND url = ?", (site_id, url)).fetchone()

    def save_resource(self, site_id: int, url: str, etag: str | None, last_modified: str | None, body_hash: str) -> None:
        """Remember a discovery document's validators and body hash."""
        self._run("INSERT INTO resources (site_id, url, etag, last_modified, body_hash, checked_at) "
                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, url) DO UPDATE SET etag = excluded.etag, "
                  "last_modified = excluded.last_modified, body_hash = excluded.body_hash, checked_at = excluded.checked_at",
                  (site_id, url, etag, last_modified, body_hash, time.time()))


def _site(row: sqlite3.Row) -> Site:
    return Site(id=row["id"], home=row["home"], host=row["host"], listings=json.loads(row["listings"]),
                added_at=row["added_at"], last_run_at=row["last_run_at"], discovered_at=row["discovered_at"],
                last_report=json.loads(row["last_report"]) if row["last_report"] else None)
