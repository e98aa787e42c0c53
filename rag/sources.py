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
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable

from rag.config import Settings
from rag.documents import Article
from rag.ingest import ReadError, read_text
from rag.ingest.jsonl import line_key, split_location
from rag.ingest.quality import degenerate
from rag.sync import IngestReport, add_documents, delete_articles

UPLOAD_TYPES = (".txt", ".md", ".html", ".htm")


class UnsupportedTypeError(ReadError):
    """A file type the product cannot read."""


MAX_NAME_BYTES = 200  # stored name; the hidden temporary name adds 8 bytes, file systems allow 255


class UploadNameError(ReadError):
    """An upload name that cannot be stored (empty, or too long)."""


def stored_name(filename: str) -> str:
    """The file name an upload is kept under: distinct names always give distinct files.

    Letters, digits, ``_``, ``-`` and inner dots are kept; every other character (``/``,
    ``%``, ``#``, a leading dot, ...) is written as ``%XX`` per UTF-8 byte. The mapping is
    reversible, so ``../../x.txt``, ``/etc/x.txt`` and ``x.txt`` never share a file (a lossy
    clean-up such as "keep the base name" made them overwrite each other), and no stored
    name is hidden or holds the ``#`` that separates a JSON Lines line key.
    """
    out = []
    for i, ch in enumerate(filename):
        if (ch.isalnum() or ch in "_-" or (ch == "." and i > 0)) and ch.isprintable():
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    name = "".join(out)
    if not name:
        raise UploadNameError("the upload has no file name")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise UploadNameError(f"file name too long: at most {MAX_NAME_BYTES} bytes once stored; rename the file")
    return name


def upload_path(settings: Settings, filename: str) -> Path:
    """Where an uploaded file is kept; the same name again replaces (updates) that article.

    Raises :class:`UnsupportedTypeError` for a type other than ``UPLOAD_TYPES`` (JSON Lines
    files are the JSON articles' own, see :func:`json_upload`, so a file upload can never
    replace one) and :class:`UploadNameError` for an unusable name.
    """
    name = stored_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_TYPES:
        raise UnsupportedTypeError(f"unsupported file type {suffix or '(none)'!r}; send one of {', '.join(UPLOAD_TYPES)}")
    return settings.upload_dir.resolve() / name


def json_upload(settings: Settings, fields: dict) -> tuple[Path, bytes]:
    """The file that keeps an article sent as JSON: one JSON Lines row named by its id."""
    key = fields.get("id") or hashlib.sha1(f"{fields['title']}\0{fields['text']}".encode()).hexdigest()[:16]
    row = {"id": key, **{k: v for k, v in fields.items() if v is not None}}
    return settings.upload_dir.resolve() / stored_name(f"{key}.jsonl"), (json.dumps(row, ensure_ascii=False) + "\n").encode()


def add_upload(path: Path, data: bytes, settings: Settings, embedder) -> tuple[list[Article], IngestReport]:
    """Parse an uploaded file, keep it at ``path``, then index it.

    The file is put in place *before* the index changes, while the index write lock is
    held (so two uploads never interleave): a crash in between leaves a file the next
    rebuild indexes, never an indexed article without a file (which a rebuild would drop).
    A file it replaces goes to the trash; if indexing fails the previous file comes back.
    """
    suffix = path.suffix.lower()
    if suffix not in UPLOAD_TYPES + (".jsonl",):
        raise UnsupportedTypeError(f"unsupported file type {suffix or '(none)'!r}; send one of {', '.join(UPLOAD_TYPES)}")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"the file is not UTF-8 text (invalid byte at position {exc.start})") from None
    docs = read_text(content, suffix, str(path))
    for doc in docs:
        problem = degenerate(doc.text)
        if problem:
            raise ReadError(problem)

    @contextmanager
    def placed():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.read_bytes() == data:
            yield  # the same file again: nothing to move
            return
        previous = None
        if path.exists():
            previous = _trash_path(path.name, settings)
            shutil.copy2(path, previous)  # a copy: the file stays valid until the new one replaces it
        tmp = path.with_name(f".{path.name}.upload")  # hidden: a scan running meanwhile skips it
        tmp.write_bytes(data)
        _fsync(tmp)
        os.replace(tmp, path)
        try:
            yield
        except BaseException:
            if previous is not None:
                os.replace(previous, path)
            else:
                path.unlink(missing_ok=True)
            raise

    return add_documents(docs, settings, embedder, keep=placed)


def remove_article(article: Article, settings: Settings, embedder) -> Path | None:
    """Delete an article: its file goes to the trash first, then the index forgets it.

    Both happen under the index write lock. If the index cannot be written the file comes
    back; a crash in between leaves the file in the trash and the article in the index
    until the next rebuild drops it - never a deleted article that a rebuild brings back.
    Returns the trash copy (``None`` if the file is outside ``data_dir``).
    """
    moved: list[Path | None] = []

    @contextmanager
    def retired():
        dest, undo = _retire(article, settings)
        moved.append(dest)
        try:
            yield
        except BaseException:
            undo()
            raise

    delete_articles([article.id], settings, embedder, before=retired)
    return moved[0] if moved else None


def public_location(location: str, root: Path | None) -> str:
    """An article's stored path as shown to API clients: relative to the articles folder.

    Server paths stay in the log; a file outside ``root`` shows its name only. The JSON
    Lines line key (``#key``) is kept.
    """
    file, key = split_location(location)
    rel = Path(file).name
    if root is not None:
        try:
            rel = Path(file).relative_to(root).as_posix()
        except ValueError:
            pass
    return f"{rel}#{key}" if key else rel


def _trash_path(name: str, settings: Settings) -> Path:
    trash = settings.trash_dir.resolve()
    trash.mkdir(parents=True, exist_ok=True)
    return trash / f"{datetime.now():%Y%m%dT%H%M%S%f}_{name}"


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def retire(article: Article, settings: Settings) -> Path | None:
    """Move a deleted article's file into the trash; ``None`` if it lies outside ``data_dir``."""
    return _retire(article, settings)[0]


def _retire(article: Article, settings: Settings) -> tuple[Path | None, Callable[[], None]]:
    """Move the article's file into the trash; returns the trash copy and how to undo it.

    For one line of a JSON Lines file, the file is copied to the trash and rewritten
    without that line, so the other articles it holds stay.
    """
    file, key = split_location(article.path)
    src = Path(file)
    if not src.is_file() or not src.resolve().is_relative_to(settings.data_dir.resolve()):
        return None, lambda: None
    dest = _trash_path(src.name, settings)
    if not key:
        shutil.move(src, dest)
        return dest, lambda: shutil.move(dest, src)
    shutil.copy2(src, dest)
    lines = src.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    kept = [line for n, line in enumerate(lines, 1) if not _holds(line, n, key)]
    if any(line.strip() for line in kept):
        tmp = src.with_name(f".{src.name}.tmp")
        tmp.write_text("".join(kept), encoding="utf-8")
        os.replace(tmp, src)
    else:
        src.unlink()
    return dest, lambda: shutil.copy2(dest, src)


def _holds(line: str, number: int, key: str) -> bool:
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(row, dict) and line_key(row, number) == key
