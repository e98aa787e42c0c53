"""Syncs inside the API process: one at a time, started on request or every ``RAG_FETCH_INTERVAL``
minutes, never overlapping an index rebuild.

Overlap with a rebuild is avoided twice: a scheduled turn that falls while the API's rebuild
runs is skipped (the next turn comes soon; the skip is recorded in the status), and a run's
index write goes through the index write lock, which it waits for (up to
``RAG_LOCK_WAIT_SECONDS``) when a rebuild, an upload or a CLI ingest holds it. A request to
sync now while a rebuild runs is refused by the API (409).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Callable

from rag.config import Settings
from rag.fetch.sites import sync_all
from rag.fetch.state import FetchState

log = logging.getLogger(__name__)


@dataclass
class RunStatus:
    """Where the current or last run stands."""

    state: str = "idle"  # idle | running | done | failed
    trigger: str | None = None  # request | schedule
    sites: int = 0
    started_at: float | None = None
    finished_at: float | None = None
    error: str | None = None
    next_run_at: float | None = None  # the next scheduled turn, when the schedule is on
    skipped_at: float | None = None  # the last scheduled turn skipped because a rebuild ran
    summary: list[str] = field(default_factory=list)


class FetchRunner:
    """Runs syncs in a background thread, one at a time; ``busy()`` says a rebuild is running."""

    def __init__(self, settings: Settings, embedder, state: FetchState, busy: Callable[[], bool] = lambda: False):
        self.settings, self.embedder, self.state, self.busy = settings, embedder, state, busy
        self._lock = threading.Lock()
        self._status = RunStatus()
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None

    def status(self) -> dict:
        """A snapshot of the status, safe to serialise."""
        with self._lock:
            return asdict(self._status)

    def start(self, site_ids: list[int] | None = None, trigger: str = "request") -> bool:
        """Start a sync of the given sites (default all) unless one runs; returns whether it started."""
        sites = [s for s in self.state.sites() if site_ids is None or s.id in site_ids]
        with self._lock:
            if self._status.state == "running":
                return False
            self._status = RunStatus(state="running", trigger=trigger, sites=len(sites), started_at=time.time(),
                                     next_run_at=self._status.next_run_at, skipped_at=self._status.skipped_at)
        threading.Thread(target=self._run, args=(sites,), name="fetch-sync", daemon=True).start()
        return True

    def _run(self, sites) -> None:
        try:
            reports = sync_all(self.state, self.settings, self.embedder, sites)
            self._set(state="done", finished_at=time.time(), summary=[r.summary() for r in reports])
        except Exception as exc:  # the thread must leave a readable status behind
            log.exception("fetch sync failed")
            self._set(state="failed", finished_at=time.time(), error=f"{type(exc).__name__}: see the server log")

    def _set(self, **changes) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._status, key, value)

    def start_schedule(self, every_seconds: float | None = None) -> bool:
        """Sync every ``RAG_FETCH_INTERVAL`` minutes (nothing if it is 0), or every ``every_seconds``
        (tests); returns whether the schedule is on."""
        seconds = every_seconds or self.settings.fetch_interval * 60.0
        if not seconds or self._timer is not None:
            return False
        self._timer = threading.Thread(target=self._every, args=(seconds,), name="fetch-schedule", daemon=True)
        self._timer.start()
        return True

    def _every(self, seconds: float) -> None:
        while True:
            self._set(next_run_at=time.time() + seconds)
            if self._stop.wait(seconds):
                return
            if self.busy():
                log.info("scheduled web sync skipped: an index rebuild is running")
                self._set(skipped_at=time.time())
            elif not self.start(trigger="schedule"):
                log.info("scheduled web sync skipped: the previous one is still running")

    def stop(self) -> None:
        """Stop the schedule (a run in progress finishes in its daemon thread)."""
        self._stop.set()
