"""Staff feedback on answers (👍/👎 and a comment), kept in SQLite for review."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path


class FeedbackStore:
    """Append-only table of feedback rows."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, created_at TEXT, rating TEXT,"
            " question TEXT, answer TEXT, comment TEXT, article_ids TEXT)"
        )
        self._lock = threading.Lock()

    def add(self, rating: str, question: str, answer: str, comment: str | None, article_ids: list[str]) -> dict:
        """Store one feedback row and return it."""
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock, self.db:
            cur = self.db.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, comment, article_ids) VALUES (?,?,?,?,?,?)",
                (created, rating, question, answer, comment, json.dumps(article_ids)),
            )
        return {"id": cur.lastrowid, "created_at": created, "rating": rating, "question": question,
                "answer": answer, "comment": comment, "article_ids": article_ids}

    def recent(self, limit: int = 100, offset: int = 0) -> list[dict]:
        """Newest feedback first."""
        with self._lock:
            rows = self.db.execute("SELECT * FROM feedback ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        # Rows stored before text was validated may hold lone surrogates: shown as U+FFFD
        # rather than failing every page that holds them.
        return [_clean({**dict(r), "article_ids": json.loads(r["article_ids"])}) for r in rows]


def _clean(value):
    """``value`` with lone surrogates in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value
