"""JSON Lines: one article per line with ``text`` and optional title/url/date/source/author."""

from __future__ import annotations

import json
from pathlib import Path

from rag.documents import RawDocument

_FIELDS = ("title", "date", "author", "source", "url")


def read(content: str, path: str, make_id) -> list[RawDocument]:
    """Every non-blank line is a JSON object; ``id`` (or ``url``) keeps its identity stable."""
    docs = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise ValueError(f"line {number}: expected an object with a 'text' string")
        key = line_key(row, number)
        meta = {f: str(row[f]) for f in _FIELDS if row.get(f) not in (None, "")}
        if "source" not in meta and row.get("organisation"):
            meta["source"] = str(row["organisation"])
        docs.append(RawDocument(id=make_id(path, key), path=f"{path}#{key}", text=row["text"], **meta))
    return docs


def line_key(row: dict, number: int) -> str:
    """What identifies a line's article: its ``id``, else its ``url``, else its line number."""
    return str(row.get("id") or row.get("url") or number)


def split_location(location: str) -> tuple[str, str]:
    """``(file, line key)`` of an article's stored path; the key is ``""`` for a whole file.

    A JSON Lines article's path is ``file.jsonl#key`` (the key may itself hold ``#``, as a
    URL does). Any other path is the file itself, even when its name contains ``#``:
    splitting such a path at ``#`` made deletes miss the file and rebuilds revive it.
    """
    at = location.lower().find(".jsonl#")
    if at < 0 or Path(location).is_file():
        return location, ""
    return location[: at + 6], location[at + 7 :]
