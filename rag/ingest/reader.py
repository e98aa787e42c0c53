"""Read article files into :class:`RawDocument`s, choosing the reader by file type.

One reader module per format; :func:`scan` walks a folder and reports unreadable files
instead of stopping on them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rag.documents import RawDocument
from rag.ingest import html, jsonl, text

READERS = {".txt": text.read, ".md": text.read, ".html": html.read, ".htm": html.read, ".jsonl": jsonl.read}
SUPPORTED = tuple(READERS)


class ReadError(ValueError):
    """A file that cannot be read as an article (wrong encoding, bad JSON, no text)."""


@dataclass
class ScanResult:
    """Documents found under a folder, and the files that could not be read."""

    documents: list[RawDocument] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def document_id(path: str, part: str = "") -> str:
    """Stable article id for a file (and a line of it, for JSONL)."""
    return hashlib.sha1(f"{path}#{part}".encode()).hexdigest()[:16]


def read_file(path: Path) -> list[RawDocument]:
    """Read one file into documents; raises :class:`ReadError` with a reason."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported file type {path.suffix!r} (use {', '.join(SUPPORTED)})")
    try:
        raw = path.read_bytes()
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ReadError(str(exc)) from None
    return read_text(content, path.suffix.lower(), str(path.resolve()))


def read_text(content: str, suffix: str, path: str) -> list[RawDocument]:
    """Parse already-decoded file content of the given type (also used for uploads)."""
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(f"unsupported file type {suffix!r} (use {', '.join(SUPPORTED)})")
    try:
        docs = reader(content, path, document_id)
    except ValueError as exc:
        raise ReadError(str(exc)) from None
    docs = [d for d in docs if d.text.strip()]
    if not docs:
        raise ReadError("no article text found")
    return docs


def scan(folder: Path) -> ScanResult:
    """All articles under ``folder`` (recursively), in a stable order."""
    result = ScanResult()
    root = Path(folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        # Hidden files and folders (such as .trash, where deleted articles go) are not articles.
        if any(part.startswith(".") for part in path.relative_to(root).parts) or path.suffix.lower() not in READERS:
            continue
        try:
            result.documents.extend(read_file(path))
        except ReadError as exc:
            result.errors.append((str(path), str(exc)))
    return result
