"""``/sites``: the organisation's web sites the index follows (admin only; issue 15).

Register a site once (its home page, optionally listing pages); it is then synced on request
(``POST /sites/sync``) and, with ``RAG_FETCH_INTERVAL`` set, every N minutes inside this
process. Each sync fetches only new and changed pages and indexes them; its report says what
was new, changed, unchanged, skipped by robots.txt, duplicated, failed (with reasons) or gone.
"""

from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AdminDep
from api.schemas import CodedError, Problem, Text
from rag.config import Settings
from rag.fetch.scheduler import FetchRunner
from rag.fetch.sites import SiteRefusedError, register_site
from rag.fetch.state import FetchState, Site

log = logging.getLogger(__name__)

router = APIRouter(prefix="/sites", tags=["sites"], dependencies=[AdminDep])

_ADMIN = {401: {"model": Problem, "description": "Missing or wrong API key"},
          403: {"model": Problem, "description": "Admin routes disabled (no RAG_ADMIN_API_KEY)"}}
_URL = Annotated[Text, Field(min_length=1, max_length=2000)]
_SITE_ID = Annotated[int, Path(ge=1, le=2**62, description="The id `GET /sites` shows.")]


class SiteIn(BaseModel):
    """A site to follow: its home page, and listing pages (news categories) if its sitemap and
    feeds do not list every article."""

    model_config = ConfigDict(extra="forbid")

    home: _URL = Field(description="The site's home page, http(s); its robots.txt, sitemaps and the feeds "
                                   "it links to are read.", examples=["https://sogddt.example.gov.vn/"])
    listings: list[_URL] = Field(default_factory=list, max_length=20,
                                 description="Listing pages on the same host, followed page by page until an "
                                             "already-known article appears.",
                                 examples=[["https://sogddt.example.gov.vn/tin-tuc/"]])


class Failure(BaseModel):
    """A URL and why it was not indexed."""

    url: str
    reason: str


class Duplicate(BaseModel):
    """A URL whose article is already indexed from another URL."""

    url: str
    of: str


class SyncReportOut(BaseModel):
    """What one sync of a site did."""

    site: str
    state: Literal["running", "done", "failed"]
    started_at: float
    finished_at: float | None
    discovered: dict[str, int] = Field(description="URLs listed by the sitemaps, the feeds and the listing pages.")
    new: list[str] = Field(description="Pages indexed for the first time.")
    changed: list[str] = Field(description="Pages whose article changed, re-indexed.")
    unchanged: int = Field(description="Pages not fetched (sitemap lastmod unchanged) or answered 304, or with "
                                       "the same article as before.")
    skipped_robots: list[str] = Field(description="URLs robots.txt disallows; never requested.")
    duplicates: list[Duplicate]
    skipped: list[Failure] = Field(description="Pages that are not articles (too little text, not HTML).")
    failed: list[Failure] = Field(description="Pages that could not be fetched or indexed; tried again later.")
    gone: list[str] = Field(description="Indexed pages the site no longer has (404/410); kept in the index: "
                                        "delete them with DELETE /articles/{id} if you wish.")
    waiting: int = Field(description="Failed pages not yet due for a retry, and pages over RAG_FETCH_MAX_PAGES.")
    requests: int = Field(description="HTTP requests made to the site.")
    embedded: int = Field(description="Chunks embedded for new and changed pages.")
    index: dict[str, int] = Field(description="The incremental ingest's counts (added, updated, embedded, ...).")
    problems: list[str] = Field(description="About the site itself: robots.txt or a sitemap unreadable, ...")
    error: str | None = Field(description="Why the sync stopped early, if it did.")


class SiteOut(BaseModel):
    """A registered site, how many of its pages are in each state, and its last sync's report."""

    id: int
    home: str
    host: str
    listings: list[str]
    added_at: float
    last_run_at: float | None
    pages: dict[str, int] = Field(description="Known pages by status: indexed, duplicate, not_article, failed, gone.")
    last_report: SyncReportOut | None


class SyncStatus(BaseModel):
    """The current or last sync run (all sites, or one) and the schedule."""

    state: Literal["idle", "running", "done", "failed"]
    trigger: Literal["request", "schedule"] | None
    sites: int = Field(description="Sites in this run.")
    started_at: float | None
    finished_at: float | None
    error: str | None
    interval_minutes: int = Field(description="RAG_FETCH_INTERVAL; 0 = no scheduled sync.")
    next_run_at: float | None = Field(description="The next scheduled sync, when the schedule is on.")
    skipped_at: float | None = Field(description="The last scheduled sync skipped because an index rebuild ran.")
    summary: list[str] = Field(description="One line per site of the last finished run.")


class SitesOut(BaseModel):
    """All registered sites and the sync status."""

    sync: SyncStatus
    sites: list[SiteOut]


def start_fetcher(settings: Settings, embedder, rebuilder) -> FetchRunner:
    """The runner the API uses (state file opened, schedule started if ``RAG_FETCH_INTERVAL`` > 0)."""
    runner = FetchRunner(settings, embedder, FetchState(settings.fetch_state_path),
                         busy=lambda: rebuilder.status()["state"] == "running")
    if runner.start_schedule():
        log.info("web sites are synced every %d minutes", settings.fetch_interval)
    return runner


def get_fetcher(request: Request) -> FetchRunner:
    """The one sync runner of this process."""
    return request.app.state.fetcher


FetcherDep = Annotated[FetchRunner, Depends(get_fetcher)]


def _status(fetcher: FetchRunner) -> SyncStatus:
    return SyncStatus(interval_minutes=fetcher.settings.fetch_interval, **fetcher.status())


def _site_out(fetcher: FetchRunner, site: Site) -> SiteOut:
    return SiteOut(id=site.id, home=site.home, host=site.host, listings=site.listings, added_at=site.added_at,
                   last_run_at=site.last_run_at, pages=fetcher.state.page_counts(site.id),
                   last_report=SyncReportOut(**site.last_report) if site.last_report else None)


def _start(fetcher: FetchRunner, request: Request, site_ids: list[int] | None) -> SyncStatus:
    if request.app.state.rebuilder.status()["state"] == "running":
        raise CodedError(409, "an index rebuild is running; sync the sites when it has finished "
                                 "(GET /index/status)", "busy")
    if not fetcher.start(site_ids):
        raise CodedError(409, "a sync is already running; follow it at GET /sites/sync", "busy")
    return _status(fetcher)


@router.get("", response_model=SitesOut, responses=_ADMIN)
def list_sites(fetcher: FetcherDep) -> SitesOut:
    """The registered sites with their last sync's report, and the sync status."""
    return SitesOut(sync=_status(fetcher), sites=[_site_out(fetcher, s) for s in fetcher.state.sites()])


@router.post("", status_code=201, response_model=SiteOut,
             responses={**_ADMIN, 200: {"model": SiteOut, "description": "Already registered (listing pages added)"}})
async def add_site(body: SiteIn, response: Response, fetcher: FetcherDep) -> SiteOut:
    """Register a site to follow (or add listing pages to one already registered).

    Refused with 422 and the reason: a URL that is not http(s), a listing page on another
    host, a host outside `RAG_FETCH_HOSTS`, or one that resolves to a private or loopback
    address while `RAG_FETCH_ALLOW_PRIVATE_ADDRESSES` is off. Nothing is fetched until a
    sync runs (`POST /sites/sync`, or the schedule).
    """
    known = {s.id for s in fetcher.state.sites()}
    try:
        # Resolving the host name blocks: not on the event loop.
        site = await run_in_threadpool(register_site, fetcher.state, fetcher.settings, body.home, body.listings)
    except SiteRefusedError as exc:
        raise HTTPException(422, str(exc)) from None
    if site.id in known:
        response.status_code = 200
    return _site_out(fetcher, site)


@router.get("/sync", response_model=SyncStatus, responses=_ADMIN)
def sync_status(fetcher: FetcherDep) -> SyncStatus:
    """The current or last sync run and the schedule."""
    return _status(fetcher)


@router.post("/sync", status_code=202, response_model=SyncStatus,
             responses={**_ADMIN, 409: {"model": Problem, "description": "A sync or an index rebuild is running"}})
def sync_now(fetcher: FetcherDep, request: Request) -> SyncStatus:
    """Sync every registered site now, in the background; follow it at `GET /sites/sync`, read
    each site's report at `GET /sites`. New and changed articles are answerable once it is done."""
    return _start(fetcher, request, None)


@router.get("/{site_id}", response_model=SiteOut,
            responses={**_ADMIN, 404: {"model": Problem, "description": "Unknown site"}})
def get_site(site_id: _SITE_ID, fetcher: FetcherDep) -> SiteOut:
    """One site with its last sync's report."""
    site = fetcher.state.site(site_id)
    if site is None:
        raise HTTPException(404, f"no site with id {site_id}")
    return _site_out(fetcher, site)


@router.post("/{site_id}/sync", status_code=202, response_model=SyncStatus,
             responses={**_ADMIN, 404: {"model": Problem, "description": "Unknown site"},
                        409: {"model": Problem, "description": "A sync or an index rebuild is running"}})
def sync_site_now(site_id: _SITE_ID, fetcher: FetcherDep, request: Request) -> SyncStatus:
    """Sync one site now, in the background (see `POST /sites/sync`)."""
    if fetcher.state.site(site_id) is None:
        raise HTTPException(404, f"no site with id {site_id}")
    return _start(fetcher, request, [site_id])
