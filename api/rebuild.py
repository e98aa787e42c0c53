"""Index rebuilds in the background, one at a time, with progress for ``GET /index/status``.

The writer builds the next index version beside the current one and swaps it in only when
complete, so ``/ask`` keeps answering from the old version while a rebuild runs.

The report also says what changed in the index *between* rebuilds (uploads and deletes
through the API, which index at once): otherwise a rebuild right after an upload reports
"0 added", which reads as if the upload was lost.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass, field

from rag.config import Settings
from rag.index.writer import IndexBusyError
from rag.index.backends import article_titles, damaged
from rag.sources import public_location
from rag.sync import ingest_folder, rebuild_all

log = logging.getLogger(__name__)


@dataclass
class RebuildState:
    """Where the current or last rebuild stands."""

    state: str = "idle"  # idle | running | done | failed
    full: bool = False
    phase: str = ""
    step: str = ""  # scanning | damaged | full | sync: a stable code the chat translates
    embedded: int = 0
    to_embed: int = 0
    started_at: float | None = None
    finished_at: float | None = None
    report: dict = field(default_factory=dict)
    error: str | None = None


class Rebuilder:
    """Runs :func:`rag.sync.ingest_folder` on ``data_dir`` (after re-chunking all, if ``full``)."""

    def __init__(self, settings: Settings, embedder):
        self.settings = settings
        self.embedder = embedder
        self._lock = threading.Lock()
        self._state = RebuildState()
        # What the index held after the last rebuild (or at start-up), to tell what uploads
        # and deletes changed in between.
        self._baseline = _snapshot(settings)
        self._baseline_at, self._baseline_kind = time.time(), "start"

    def status(self) -> dict:
        """A snapshot of the state, safe to serialise."""
        with self._lock:
            return asdict(self._state)

    def start(self, full: bool = False) -> bool:
        """Start a rebuild unless one is running; returns whether it started."""
        with self._lock:
            if self._state.state == "running":
                return False
            self._state = RebuildState(state="running", full=full, phase="scanning", step="scanning",
                                       started_at=time.time())
        threading.Thread(target=self._run, args=(full,), name="index-rebuild", daemon=True).start()
        return True

    def _progress(self, done: int, total: int) -> None:
        with self._lock:
            self._state.embedded, self._state.to_embed = done, total

    def _set(self, **changes) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._state, key, value)

    def _run(self, full: bool) -> None:
        s = self.settings
        wait = s.lock_wait_seconds  # accepted means done: wait for an upload or CLI ingest to finish
        try:
            report = {}
            damaged = _damaged(s)
            if not damaged:
                before = _snapshot(s)
                report["between"] = _changes(self._baseline, before, self._baseline_at, self._baseline_kind)
                report["articles_before"] = len(before)
            if damaged:
                # The current version cannot be read: build a new one from the data folder.
                log.error("rebuilding a damaged index from the data folder: %s", damaged)
                self._set(phase="the index is damaged: re-indexing every file of the articles folder", step="damaged")
                report.update(ingest_folder(s.data_dir, s, self.embedder, rebuild=True,
                                            on_progress=self._progress, wait=wait).as_dict())
            else:
                if full:
                    self._set(phase="re-chunking and re-embedding every indexed article", step="full")
                    report["full"] = rebuild_all(s, self.embedder, on_progress=self._progress, wait=wait).as_dict()
                self._set(phase="syncing with the articles folder", step="sync", embedded=0, to_embed=0)
                report.update(ingest_folder(s.data_dir, s, self.embedder, on_progress=self._progress,
                                            wait=wait).as_dict())
            self._baseline, self._baseline_at, self._baseline_kind = _snapshot(s), time.time(), "rebuild"
            self._set(state="done", phase="", step="", report=_public_report(report, s), finished_at=time.time())
        except IndexBusyError:
            log.error("index rebuild gave up waiting %.0f s for the write lock", wait)
            self._set(state="failed", phase="", step="", finished_at=time.time(),
                      error=f"the index stayed locked by another writer for {wait:.0f} s; start the rebuild again")
        except Exception as exc:  # the thread must always leave a readable state behind
            log.exception("index rebuild failed")
            # The reason without server paths: the log above has the full traceback.
            self._set(state="failed", phase="", step="", error=f"{type(exc).__name__}: see the server log",
                      finished_at=time.time())


def _damaged(settings: Settings) -> str | None:
    """Why the current index cannot be read, or ``None`` if it can (or there is none): through
    the backend (on PostgreSQL never, see ``postgres.damaged``; an index folder left from before
    the switch is not looked at)."""
    return damaged(settings)


def _public_report(report: dict, settings: Settings) -> dict:
    """The report with file paths relative to the articles folder (it is shown to everyone)."""
    root = settings.data_dir.resolve()
    for part in (report, report.get("full") or {}):
        if part.get("errors"):
            part["errors"] = [(public_location(path, root), reason) for path, reason in part["errors"]]
    return report


LISTED = 20  # titles named per kind of change; the counts are always complete


def _snapshot(settings: Settings) -> dict[str, tuple[str, str]]:
    """``{article id: (content hash, title)}`` of the index being served (empty if none or unreadable)."""
    return article_titles(settings)


def _changes(old: dict, new: dict, since: float, kind: str) -> dict:
    """What uploads and deletes changed between two snapshots: counts and the first titles."""
    added = [new[a][1] for a in new if a not in old]
    updated = [new[a][1] for a in new if a in old and old[a][0] != new[a][0]]
    removed = [old[a][1] for a in old if a not in new]
    return {"since": since, "since_kind": kind,  # "rebuild": the previous rebuild; "start": the server's start
            "added": len(added), "updated": len(updated), "removed": len(removed),
            "added_titles": added[:LISTED], "updated_titles": updated[:LISTED], "removed_titles": removed[:LISTED]}
