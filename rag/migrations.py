"""Schema versions for the project's SQLite files, with forward migrations.

Each database (index store, embedding cache, feedback, conversations) declares its
migrations as an ordered list; the position in the list is the schema version, kept in
SQLite's own ``PRAGMA user_version``. Opening a file runs the steps it has not seen, in
one transaction, so a file written by an older release opens, and a file written by a
newer release is refused with a message that says what to do instead of failing later
on a missing column.
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Sequence

Step = str | Callable[[sqlite3.Connection], None]


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer release than this one."""


def schema_version(db: sqlite3.Connection) -> int:
    """The schema version recorded in ``db`` (0 for a new or pre-versioning file)."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection, name: str, steps: Sequence[Step], *, hint: str = "") -> int:
    """Bring ``db`` up to ``len(steps)``: run each step after the recorded version.

    A step is SQL (run with ``executescript``) or a function taking the connection. Steps
    must be safe on a file created before versioning existed (``CREATE … IF NOT EXISTS``,
    or a function that checks ``PRAGMA table_info`` before ``ALTER TABLE``), because such
    a file records version 0 whatever it holds. Returns the version now recorded.
    """
    current = schema_version(db)
    target = len(steps)
    if current > target:
        raise SchemaTooNewError(
            f"{name} has schema version {current}, newer than this release understands ({target}): "
            f"upgrade vnrag{hint and ', or ' + hint}")
    if current == target:
        return current
    if db.in_transaction:
        db.commit()
    # BEGIN IMMEDIATE makes concurrent openers take turns; DDL in SQLite is transactional.
    db.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(db)  # another process may have migrated while we waited
        for version in range(current, target):
            step = steps[version]
            if callable(step):
                step(db)
            else:
                for statement in _statements(step):
                    db.execute(statement)
        db.execute(f"PRAGMA user_version = {target}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return target


def add_column(table: str, column: str, decl: str) -> Callable[[sqlite3.Connection], None]:
    """A step adding ``column`` to ``table`` unless a pre-versioning file already has it."""

    def step(db: sqlite3.Connection) -> None:
        if column not in {r[1] for r in db.execute(f"PRAGMA table_info({table})")}:
            db.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {decl}')

    return step


def _statements(script: str) -> list[str]:
    """Split a script into statements (``executescript`` would commit the open transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return [s for s in statements if s]
