"""Chat conversations kept in SQLite, so a reload or a shared link brings one back.

A conversation is an id (random, put in the chat's URL), a title (its first question) and
its turns: each the question, the API's reply as it was shown, and the filters it was
asked under. Feedback on a turn is recorded on the turn too, so a restored conversation
shows the rating that was given.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

from rag.migrations import migrate

MIGRATIONS = [
    """
    CREATE TABLE IF NOT EXISTS conversations (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS conversations_updated ON conversations(updated_at);
    CREATE TABLE IF NOT EXISTS turns (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, created_at TEXT NOT NULL, question TEXT NOT NULL, reply TEXT NOT NULL,
        filters TEXT NOT NULL, feedback_id INTEGER, rating TEXT, comment TEXT,
        PRIMARY KEY (conversation_id, seq)
    );
    """,
]

TITLE_CHARS = 120  # a sidebar line, not the whole question


class ConversationStore:
    """Conversations and their turns; safe to share between request threads."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        migrate(self.db, f"conversation store {path.name}", MIGRATIONS)
        self._lock = threading.Lock()

    def create(self, title: str) -> dict:
        """A new, empty conversation with a random id that cannot be guessed from another."""
        now = _now()
        conversation_id = secrets.token_urlsafe(12)
        title = " ".join(title.split())[:TITLE_CHARS]
        with self._lock, self.db:
            self.db.execute("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?,?,?,?)",
                            (conversation_id, title, now, now))
        return {"id": conversation_id, "title": title, "created_at": now, "updated_at": now, "turns": 0}

    def recent(self, limit: int = 20) -> list[dict]:
        """Conversations with at least one turn, most recently continued first."""
        with self._lock:
            rows = self.db.execute(
                "SELECT c.*, (SELECT count(*) FROM turns t WHERE t.conversation_id = c.id) AS turns"
                " FROM conversations c WHERE EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id)"
                " ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]

    def get(self, conversation_id: str) -> dict | None:
        """A conversation with all its turns, oldest first; ``None`` if unknown."""
        with self._lock:
            row = self.db.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
            if row is None:
                return None
            turns = self.db.execute("SELECT * FROM turns WHERE conversation_id = ? ORDER BY seq",
                                    (conversation_id,)).fetchall()
        return {**dict(row), "turns": [_turn(t) for t in turns]}

    def append(self, conversation_id: str, question: str, reply: dict, filters: dict) -> dict | None:
        """Add a turn at the end; returns it (with its ``seq``), or ``None`` if the conversation is unknown."""
        now = _now()
        with self._lock, self.db:
            if not self.db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone():
                return None
            seq = self.db.execute("SELECT coalesce(max(seq), -1) + 1 FROM turns WHERE conversation_id = ?",
                                  (conversation_id,)).fetchone()[0]
            self.db.execute("INSERT INTO turns (conversation_id, seq, created_at, question, reply, filters)"
                            " VALUES (?,?,?,?,?,?)", (conversation_id, seq, now, question,
                                                      json.dumps(reply, ensure_ascii=False),
                                                      json.dumps(filters, ensure_ascii=False)))
            self.db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
        return {"seq": seq, "created_at": now, "question": question, "reply": reply, "filters": filters,
                "feedback_id": None, "rating": None, "comment": None}

    def set_feedback(self, conversation_id: str, seq: int, feedback_id: int, rating: str,
                     comment: str | None) -> bool:
        """Record on a turn the feedback stored for it; whether the turn exists."""
        with self._lock, self.db:
            cur = self.db.execute("UPDATE turns SET feedback_id = ?, rating = ?, comment = ?"
                                  " WHERE conversation_id = ? AND seq = ?",
                                  (feedback_id, rating, comment, conversation_id, seq))
        return cur.rowcount > 0


def _turn(row: sqlite3.Row) -> dict:
    return {"seq": row["seq"], "created_at": row["created_at"], "question": row["question"],
            "reply": json.loads(row["reply"]), "filters": json.loads(row["filters"]),
            "feedback_id": row["feedback_id"], "rating": row["rating"], "comment": row["comment"]}


def _now() -> str:
    # Microseconds: two turns in the same second must still sort in order.
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
