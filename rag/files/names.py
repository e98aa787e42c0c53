"""Where an uploaded article's file is kept, and how a stored path is shown to API clients."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from rag.config import Settings
from rag.ingest import ReadError
from rag.ingest.jsonl import split_location

UPLOAD_TYPES = (".txt", ".md", ".html", ".htm")
MAX_NAME_BYTES = 200  # stored name; the hidden temporary name adds 8 bytes, file systems allow 255


class UnsupportedTypeError(ReadError):
    """A file type the product cannot read."""


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
