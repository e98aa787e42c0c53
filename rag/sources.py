"""The article files the service manages.

Articles uploaded through the API are kept as files under ``data_dir/uploads`` and the
files of deleted articles are moved to ``data_dir/.trash``, so that the folder stays the
truth: a rebuild from ``data_dir`` neither loses an upload nor brings a deleted article back,
and nothing an admin sent is ever erased.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

from rag.config import Settings
from rag.documents import Article
from rag.ingest import ReadError, read_text
from rag.ingest.jsonl import line_key
from rag.sync import IngestReport, add_documents

UPLOAD_TYPES = (".txt", ".md", ".html", ".htm")
_UNSAFE = re.compile(r"[^\w.-]+")


class UnsupportedTypeError(ReadError):
    """A file type the product cannot read."""


def upload_path(settings: Settings, filename: str) -> Path:
    """Where an uploaded file is kept; the same name again replaces (updates) that article."""
    name = _UNSAFE.sub("_", Path(filename).name).strip("._") or "article"
    return settings.upload_dir.resolve() / name


def json_upload(settings: Settings, fields: dict) -> tuple[Path, bytes]:
    """The file that keeps an article sent as JSON: one JSON Lines row named by its id."""
    key = fields.get("id") or hashlib.sha1(f"{fields['title']}\0{fields['text']}".encode()).hexdigest()[:16]
    row = {"id": key, **{k: v for k, v in fields.items() if v is not None}}
    return upload_path(settings, f"{key}.jsonl"), (json.dumps(row, ensure_ascii=False) + "\n").encode()


def add_upload(path: Path, data: bytes, settings: Settings, embedder) -> tuple[list[Article], IngestReport]:
    """Parse and index an uploaded file, then keep it at ``path``; nothing is kept if that fails."""
    suffix = path.suffix.lower()
    if suffix not in UPLOAD_TYPES + (".jsonl",):
        raise UnsupportedTypeError(f"unsupported file type {suffix or '(none)'!r}; send one of {', '.join(UPLOAD_TYPES)}")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"the file is not UTF-8 text (invalid byte at position {exc.start})") from None
    docs = read_text(content, suffix, str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.upload")  # hidden: a scan running meanwhile skips it
    tmp.write_bytes(data)
    try:
        articles, report = add_documents(docs, settings, embedder)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return articles, report


def retire(article: Article, settings: Settings) -> Path | None:
    """Move a deleted article's file into the trash; ``None`` if it lies outside ``data_dir``.

    For one line of a JSON Lines file, the file is copied to the trash and rewritten
    without that line, so the other articles it holds stay.
    """
    file, _, key = article.path.partition("#")
    src = Path(file)
    if not src.is_file() or not src.resolve().is_relative_to(settings.data_dir.resolve()):
        return None
    trash = settings.trash_dir.resolve()
    trash.mkdir(parents=True, exist_ok=True)
    dest = trash / f"{datetime.now():%Y%m%dT%H%M%S%f}_{src.name}"
    if not key:
        shutil.move(src, dest)
        return dest
    shutil.copy2(src, dest)
    lines = src.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    kept = [line for n, line in enumerate(lines, 1) if not _holds(line, n, key)]
    if any(line.strip() for line in kept):
        tmp = src.with_name(f".{src.name}.tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        os.replace(tmp, src)
    else:
        src.unlink()
    return dest


def _holds(line: str, number: int, key: str) -> bool:
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(row, dict) and line_key(row, number) == key
