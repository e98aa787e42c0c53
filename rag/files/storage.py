"""Put an article's file in place, or move it to the trash, each with a way to undo it.

Nothing an admin sent is ever erased: a file replaced or deleted is kept in
``data_dir/.trash`` (hidden, so a scan of the folder skips it).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from rag.config import Settings
from rag.documents import Article
from rag.files.jsonl_edit import drop_line
from rag.ingest.jsonl import split_location


@contextmanager
def placed(path: Path, data: bytes, settings: Settings) -> Iterator[None]:
    """Write ``data`` at ``path`` for the duration of the block; undone if the block fails.

    A file it replaces is copied to the trash first and comes back on failure; a new
    file is removed on failure. The same bytes again change nothing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_bytes() == data:
        yield  # the same file again: nothing to move
        return
    previous = None
    if path.exists():
        previous = trash_path(path.name, settings)
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


def retire(article: Article, settings: Settings) -> tuple[Path | None, Callable[[], None]]:
    """Move the article's file into the trash; returns the trash copy and how to undo it.

    For one line of a JSON Lines file, the file is copied to the trash and rewritten
    without that line, so the other articles it holds stay. A file outside ``data_dir``
    is left alone (``None``).
    """
    file, key = split_location(article.path)
    src = Path(file)
    if not src.is_file() or not src.resolve().is_relative_to(settings.data_dir.resolve()):
        return None, lambda: None
    dest = trash_path(src.name, settings)
    if not key:
        shutil.move(src, dest)
        return dest, lambda: shutil.move(dest, src)
    shutil.copy2(src, dest)
    drop_line(src, key)
    return dest, lambda: shutil.copy2(dest, src)


def trash_path(name: str, settings: Settings) -> Path:
    """A new, time-stamped place in the trash for a file called ``name``."""
    trash = settings.trash_dir.resolve()
    trash.mkdir(parents=True, exist_ok=True)
    return trash / f"{datetime.now():%Y%m%dT%H%M%S%f}_{name}"


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
