"""Staff feedback on answers (👍/👎 and an optional comment), kept in SQLite for review.

A rating is stored the moment it is clicked; changing it, or adding a comment later,
updates that same row, so the store holds what the person last chose.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

from rag.migrations import add_column, migrate

MIGRATIONS = [
    # 1: the table as first released (files from before versioning already hold it).
    "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, created_at TEXT, rating TEXT,"
    " question TEXT, answer TEXT, comment TEXT, article_ids TEXT);",
    # 2-4: ratings are updated in place, and tied to the conversation turn they judge.
    add_column("feedback", "updated_at", "TEXT"),
    add_column("feedback", "conversation_id", "TEXT"),
    add_column("feedback", "turn", "INTEGER"),
    # 5: the short answer rated, as shown (a 👎 may be for a wrong bold answer above a right quote).
    add_column("feedback", "short_answer", "TEXT"),
]

_FIELDS = ("id", "created_at", "updated_at", "rating", "question", "answer", "short_answer", "comment", "article_ids",
           "conversation_id", "turn")


class FeedbackStore:
    """Feedback rows: one per rated answer, updated when the rating or comment changes."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self.db.row_factory = sqlite3.Row
        migrate(self.db, f"feedback store {path.name}", MIGRATIONS)
        self._lock = threading.Lock()

    def add(self, rating: str, question: str, answer: str, comment: str | None, article_ids: list[str],
            conversation_id: str | None = None, turn: int | None = None, short_answer: str | None = None) -> dict:
        """Store one rating and return the stored row (with its ``id`` for later updates);
        ``short_answer``: the short answer shown with the rated answer, if any."""
        now = _now()
        with self._lock, self.db:
            cur = self.db.execute(
                "INSERT INTO feedback (created_at, updated_at, rating, question, answer, short_answer, comment,"
                " article_ids, conversation_id, turn) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (now, now, rating, question, answer, short_answer, comment, json.dumps(article_ids), conversation_id,
                 turn),
            )
        return self.get(cur.lastrowid)

    def update(self, feedback_id: int, rating: str | None = None, comment: str | None = None,
               clear_comment: bool = False) -> dict | None:
        """Change the rating and/or the comment of a row; ``None`` if there is no such row."""
        sets, args = ["updated_at = ?"], [_now()]
        if rating is not None:
            sets.append("rating = ?")
            args.append(rating)
        if comment is not None or clear_comment:
            sets.append("comment = ?")
            args.append(comment)
        with self._lock, self.db:
            cur = self.db.execute(f"UPDATE feedback SET {', '.join(sets)} WHERE id = ?", (*args, feedback_id))
        return self.get(feedback_id) if cur.rowcount else None

    def get(self, feedback_id: int) -> dict | None:
        """One row, or ``None``."""
        with self._lock:
            row = self.db.execute("SELECT * FROM feedback WHERE id = ?", (feedback_id,)).fetchone()
        return _row(row) if row else None

    def recent(self, limit: int = 100, offset: int = 0) -> list[dict]:
        """Newest feedback first (by last change, so an updated rating comes back to the top)."""
        with self._lock:
            rows = self.db.execute("SELECT * FROM feedback ORDER BY coalesce(updated_at, created_at) DESC, id DESC"
                                   " LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return [_row(r) for r in rows]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _row(row: sqlite3.Row) -> dict:
    # Rows stored before text was validated may hold lone surrogates: shown as U+FFFD
    # rather than failing every page that holds them.
    data = {k: row[k] for k in _FIELDS}
    data["article_ids"] = json.loads(data["article_ids"] or "[]")
    data["updated_at"] = data["updated_at"] or data["created_at"]  # rows from before updates existed
    return _clean(data)


def _clean(value):
    """``value`` with lone surrogates in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value
