"""Rewrite a JSON Lines file without the line of one article (the others it holds stay)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from rag.ingest.jsonl import line_key


def drop_line(path: Path, key: str) -> None:
    """Remove the line whose article key is ``key``; the file goes when no article is left.

    Written to a hidden file and renamed over the original, so a reader never sees half a file.
    """
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    kept = [line for n, line in enumerate(lines, 1) if not _holds(line, n, key)]
    if any(line.strip() for line in kept):
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        os.replace(tmp, path)
    else:
        path.unlink()


def _holds(line: str, number: int, key: str) -> bool:
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(row, dict) and line_key(row, number) == key
