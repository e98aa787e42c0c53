"""One sync run of a registered site, and its report.

1. robots.txt (always; its ``Sitemap:`` lines and ``Crawl-delay`` are used, its rules obeyed).
2. The sitemaps it names, else ``/sitemap.xml`` (a sitemap index is followed).
3. When there is no sitemap, when a sitemap changed, or when they were last read more than
   ``RAG_FETCH_RECHECK_HOURS`` ago: the home page's RSS/Atom feeds and the listing pages
   (followed page after page until one holds a URL already known). An unchanged sitemap
   means nothing was published, so a quiet site costs two requests per run.
4. Each discovered URL, normalised: skipped when robots.txt disallows it, when its sitemap
   ``lastmod`` is the one recorded, or (no ``lastmod``) when it was checked recently; else a
   conditional GET (ETag / Last-Modified; 304 = unchanged). A page whose cleaned article has
   the hash recorded is unchanged; one whose hash another URL already has is a duplicate.
5. New and changed pages are kept as files under ``<data_dir>/web/<host>/`` and indexed
   through :func:`rag.sync.add_documents`: only they are embedded.

A page that fails is reported with its reason and tried again later (back-off); one that
answers 404/410, or drops out of a changed sitemap and then answers 404/410, is reported as
gone and kept: deleting its article is the admin's choice.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rag.config import Settings
from rag.fetch import discover
from rag.fetch.extract import NotAnArticleError, PageArticle, extract_page
from rag.fetch.http import FetchError, Fetched, PoliteClient
from rag.fetch.robots import Robots, read_robots
from rag.fetch.state import DUPLICATE, FAILED, GONE, INDEXED, NOT_ARTICLE, FetchState, Site
from rag.fetch.urls import file_stem, folder_name, normalize, same_host

log = logging.getLogger(__name__)

HTML_TYPES = {"text/html", "application/xhtml+xml", ""}
MAX_LISTING_PAGES = 20  # pages of one listing followed in a run (first run of a big site)
MAX_SITEMAPS = 200  # sitemap files read in a run (an index may point to many)
RETRY_BASE, RETRY_MAX = 3600.0, 86400.0  # a failed page waits 1 h, 2 h, 4 h … up to a day


@dataclass
class SyncReport:
    """What one run did; lists name the URLs (with reasons), counts are their lengths."""

    site: str
    started_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    state: str = "running"  # running | done | failed
    discovered: dict = field(default_factory=lambda: {"sitemap": 0, "feeds": 0, "listings": 0})
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped_robots: list[str] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)  # {"url", "of"}
    skipped: list[dict] = field(default_factory=list)  # {"url", "reason"}: not an article, not HTML
    failed: list[dict] = field(default_factory=list)  # {"url", "reason"}
    gone: list[str] = field(default_factory=list)
    waiting: int = 0  # failed pages not yet due for a retry, and pages over RAG_FETCH_MAX_PAGES
    requests: int = 0
    embedded: int = 0  # chunks embedded for new and changed pages
    index: dict = field(default_factory=dict)  # the incremental ingest's report
    problems: list[str] = field(default_factory=list)  # about the site (robots.txt, sitemap)
    error: str | None = None  # why the run stopped, if it did

    def as_dict(self) -> dict:
        """Plain dict (JSON)."""
        return asdict(self)

    def summary(self) -> str:
        """One line for the CLI and the log."""
        return (f"{self.site}: {len(self.new)} new, {len(self.changed)} changed, {self.unchanged} unchanged, "
                f"{len(self.duplicates)} duplicates, {len(self.skipped_robots)} skipped by robots.txt, "
                f"{len(self.skipped)} not articles, {len(self.failed)} failed, {len(self.gone)} gone from the site, "
                f"{self.waiting} waiting; {self.requests} requests, {self.embedded} chunks embedded")


@dataclass
class _Staged:
    url: str
    page: PageArticle
    etag: str | None
    last_modified: str | None
    lastmod: str | None
    new: bool
    path: Path | None = None


def sync_site(site: Site, settings: Settings, embedder, state: FetchState,
              wait: float | None = None, client: PoliteClient | None = None) -> SyncReport:
    """Run one sync of ``site``; never raises for a page or the site, the report says what failed.

    ``wait``: how long to wait for the index write lock (default ``RAG_LOCK_WAIT_SECONDS``).
    """
    report = SyncReport(site=site.home)
    own_client = client is None
    client = client or PoliteClient(settings)
    discovered_now = False
    try:
        discovered_now = _run(site, settings, embedder, state, client, report,
                              settings.lock_wait_seconds if wait is None else wait)
        report.state = "done"
    except Exception as exc:  # a sync must always leave a report behind
        log.exception("sync of %s failed", site.home)
        # The type only: messages may hold server paths (the log has them and the traceback).
        report.state, report.error = "failed", report.error or f"{type(exc).__name__}: see the server log"
    finally:
        report.requests = client.requests
        if own_client:
            client.close()
        report.finished_at = time.time()
        state.finish_run(site.id, report.as_dict(), discovered_now)
    log.info("fetch %s", report.summary())
    return report


def _run(site: Site, settings: Settings, embedder, state: FetchState, client: PoliteClient,
         report: SyncReport, wait: float) -> bool:
    """The run itself; returns whether home page, feeds and listings were read."""
    origin = site.home.split("/", 3)[0] + "//" + site.host
    hostname = urlsplit(origin).hostname
    if settings.fetch_hosts and hostname not in settings.fetch_hosts:
        report.problems.append(f"{hostname} is no longer one of the hosts this server may fetch from (RAG_FETCH_HOSTS)")
        return False
    robots = read_robots(client, origin)
    if robots.problem:
        report.problems.append(robots.problem)
        return False
    client.set_crawl_delay(site.host, robots.crawl_delay())
    known = state.pages(site.id)
    now = time.time()
    recheck = settings.fetch_recheck_hours * 3600

    sitemap_urls = [normalize(u) for u in robots.sitemaps if same_host(u, site.host)] or [f"{origin}/sitemap.xml"]
    entries, sitemap_read, sitemap_changed = _read_sitemaps(sitemap_urls, site, state, client, robots, report)
    report.discovered["sitemap"] = len(entries)
    candidates: dict[str, str | None] = dict(entries)
    secondary = not sitemap_read or sitemap_changed or site.discovered_at is None or now - site.discovered_at > recheck
    if secondary:
        _read_feeds(site, state, client, robots, report, candidates)
        _read_listings(site, state, client, robots, report, candidates, known)

    todo: list[tuple[str, str | None]] = []
    for url, lastmod in candidates.items():
        row = known.get(url)
        if not robots.allowed(url):
            report.skipped_robots.append(url)
        elif row is None or row["status"] == GONE:
            todo.append((url, lastmod))
        elif row["status"] == FAILED:
            if row["retry_at"] and row["retry_at"] > now:
                report.waiting += 1
            else:
                todo.append((url, lastmod))
        elif lastmod is not None and lastmod == row["lastmod"]:
            report.unchanged += 1  # the sitemap says it did not change: not fetched
        elif lastmod is None and row["checked_at"] and now - row["checked_at"] < recheck:
            report.unchanged += 1
        else:
            todo.append((url, lastmod))
    if sitemap_read and sitemap_changed:
        # Pages a changed sitemap no longer lists: checked once, reported as gone if they are.
        todo += [(url, None) for url, row in known.items()
                 if row["in_sitemap"] and row["status"] in (INDEXED, DUPLICATE) and url not in entries
                 and url not in candidates and robots.allowed(url)]
    if len(todo) > settings.fetch_max_pages:
        report.waiting += len(todo) - settings.fetch_max_pages
        todo = todo[: settings.fetch_max_pages]

    staged = _fetch_pages(todo, site, state, client, known, report)
    if staged:
        _index(staged, site, settings, embedder, state, report, wait)
    if sitemap_read:
        state.set_in_sitemap(site.id, set(entries))
    return secondary


def _conditional(url: str, site: Site, state: FetchState, client: PoliteClient) -> tuple[Fetched, bool]:
    """GET a discovery document with its validators; returns it and whether it changed."""
    known = state.resource(site.id, url)
    headers = {}
    if known is not None and known["etag"]:
        headers["If-None-Match"] = known["etag"]
    if known is not None and known["last_modified"]:
        headers["If-Modified-Since"] = known["last_modified"]
    got = client.get(url, headers)
    if got.status == 304 and known is not None:
        return got, False
    if got.status != 200:
        raise FetchError(f"HTTP {got.status}")
    body_hash = hashlib.sha256(got.body).hexdigest()
    changed = known is None or known["body_hash"] != body_hash
    state.save_resource(site.id, url, got.headers.get("etag"), got.headers.get("last-modified"), body_hash)
    return got, changed


def _read_sitemaps(urls: list[str], site: Site, state: FetchState, client: PoliteClient, robots: Robots,
                   report: SyncReport) -> tuple[dict[str, str | None], bool, bool]:
    """All sitemap entries; whether any sitemap was read; whether any changed since last run."""
    entries: dict[str, str | None] = {}
    queue, seen, read, changed = list(urls), set(), False, False
    while queue and len(seen) < MAX_SITEMAPS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            got = client.get(url, max_bytes=discover.MAX_SITEMAP_BYTES)
        except FetchError as exc:
            report.problems.append(f"sitemap {url}: {exc}")
            continue
        if got.status != 200:
            if url not in urls or robots.sitemaps:  # a missing default /sitemap.xml is no problem
                report.problems.append(f"sitemap {url}: HTTP {got.status}")
            continue
        parsed = discover.parse_sitemap(got.body, site.host)
        if parsed.problem:
            report.problems.append(f"sitemap {url}: {parsed.problem}")
            continue
        read = True
        body_hash = hashlib.sha256(got.body).hexdigest()
        previous = state.resource(site.id, url)
        changed |= previous is None or previous["body_hash"] != body_hash
        state.save_resource(site.id, url, None, None, body_hash)
        queue += parsed.children
        for loc, lastmod in parsed.entries.items():
            entries.setdefault(loc, lastmod)
    return entries, read, changed


def _read_feeds(site: Site, state: FetchState, client: PoliteClient, robots: Robots, report: SyncReport,
                candidates: dict[str, str | None]) -> None:
    """Feeds the home page links to; their items join the candidates."""
    try:
        home = client.get(site.home)
    except FetchError as exc:
        report.problems.append(f"home page {site.home}: {exc}")
        return
    if home.status != 200:
        report.problems.append(f"home page {site.home}: HTTP {home.status}")
        return
    for feed in discover.feed_links(home.body, home.url, site.host):
        if not robots.allowed(feed):
            report.skipped_robots.append(feed)
            continue
        try:
            got, changed = _conditional(feed, site, state, client)
        except FetchError as exc:
            report.problems.append(f"feed {feed}: {exc}")
            continue
        if changed:
            items = discover.feed_entries(got.body, got.url, site.host)
            report.discovered["feeds"] += len(items)
            for url, updated in items:
                # An item's update date plays the part of a lastmod when no sitemap states one.
                if candidates.get(url) is None:
                    candidates[url] = updated


def _read_listings(site: Site, state: FetchState, client: PoliteClient, robots: Robots, report: SyncReport,
                   candidates: dict[str, str | None], known: dict) -> None:
    """Each listing page, followed to its next page until a page holds an already-known URL."""
    for listing in site.listings:
        page_url, pages = listing, 0
        while page_url and pages < MAX_LISTING_PAGES:
            pages += 1
            if not robots.allowed(page_url):
                report.skipped_robots.append(page_url)
                break
            try:
                got, changed = _conditional(page_url, site, state, client)
            except FetchError as exc:
                report.problems.append(f"listing {page_url}: {exc}")
                break
            if not changed:
                break  # the same page as last time: nothing new behind it
            links, next_page = discover.listing_links(got.body, got.url, site.host)
            links = [u for u in links if u != site.home and u not in site.listings]
            report.discovered["listings"] += len(links)
            for url in links:
                candidates.setdefault(url, None)
            if any(url in known for url in links):
                break
            page_url = next_page


def _fetch_pages(todo: list[tuple[str, str | None]], site: Site, state: FetchState, client: PoliteClient,
                 known: dict, report: SyncReport) -> list[_Staged]:
    """Conditional GET of each page; unchanged, duplicate, failed and gone pages are recorded here,
    new and changed ones are returned to be kept and indexed."""
    staged: list[_Staged] = []
    hashes = {row["content_hash"]: url for url, row in known.items() if row["status"] == INDEXED and row["content_hash"]}
    for url, lastmod in todo:
        row = known.get(url)
        headers = {}
        if row is not None and row["status"] in (INDEXED, DUPLICATE, NOT_ARTICLE):
            if row["etag"]:
                headers["If-None-Match"] = row["etag"]
            if row["last_modified"]:
                headers["If-Modified-Since"] = row["last_modified"]
        try:
            got = client.get(url, headers)
        except FetchError as exc:
            _failed(state, site, url, row, str(exc), report)
            continue
        now = time.time()
        if got.status == 304 and headers:
            report.unchanged += 1
            state.save_page(site.id, url, lastmod=lastmod or row["lastmod"], checked_at=now)
            continue
        if got.status in (404, 410) and row is not None and row["status"] in (INDEXED, DUPLICATE, GONE):
            report.gone.append(url)
            state.save_page(site.id, url, status=GONE, reason=f"HTTP {got.status}", checked_at=now)
            continue
        if got.status != 200:
            _failed(state, site, url, row, f"HTTP {got.status}", report)
            continue
        validators = {"etag": got.headers.get("etag"), "last_modified": got.headers.get("last-modified")}
        if got.content_type not in HTML_TYPES:
            reason = f"not an HTML page ({got.content_type})"
            report.skipped.append({"url": url, "reason": reason})
            state.save_page(site.id, url, status=NOT_ARTICLE, reason=reason, lastmod=lastmod, checked_at=now, **validators)
            continue
        try:
            page = extract_page(got.body, url)
        except NotAnArticleError as exc:
            report.skipped.append({"url": url, "reason": str(exc)})
            state.save_page(site.id, url, status=NOT_ARTICLE, reason=str(exc), lastmod=lastmod, checked_at=now,
                            **validators)
            continue
        except Exception as exc:  # a page trafilatura chokes on must not stop the run
            log.exception("extracting %s failed", url)
            _failed(state, site, url, row, f"extraction failed ({type(exc).__name__})", report)
            continue
        if row is not None and row["status"] in (INDEXED, GONE) and row["content_hash"] == page.text_hash:
            # New validators or lastmod, same article (or a gone page back as it was, still
            # indexed since gone pages are never deleted): nothing to embed.
            report.unchanged += 1
            state.save_page(site.id, url, status=INDEXED, reason=None, lastmod=lastmod, checked_at=now, **validators)
            continue
        first = hashes.get(page.text_hash)
        if first is not None and first != url:
            report.duplicates.append({"url": url, "of": first})
            state.save_page(site.id, url, status=DUPLICATE, duplicate_of=first, content_hash=page.text_hash,
                            lastmod=lastmod, checked_at=now, reason=None, **validators)
            continue
        hashes[page.text_hash] = url
        staged.append(_Staged(url, page, validators["etag"], validators["last_modified"], lastmod,
                              new=row is None or row["status"] != INDEXED))
    return staged


def _failed(state: FetchState, site: Site, url: str, row, reason: str, report: SyncReport) -> None:
    """Report a failure; the page waits 1 h, 2 h, 4 h … (at most a day) before its next try."""
    failures = (row["failures"] if row is not None else 0) + 1
    report.failed.append({"url": url, "reason": reason})
    fields = {"reason": reason, "failures": failures, "checked_at": time.time(),
              "retry_at": time.time() + min(RETRY_BASE * 2 ** (failures - 1), RETRY_MAX)}
    if row is None or row["status"] in (FAILED, GONE, NOT_ARTICLE):
        fields["status"] = FAILED  # an indexed page that fails once stays indexed
    state.save_page(site.id, url, **fields)


def page_path(settings: Settings, host: str, url: str) -> Path:
    """Where a page's article is kept: ``<data_dir>/web/<host>/<name>-<hash>.jsonl``."""
    return settings.web_dir.resolve() / folder_name(host) / f"{file_stem(url)}.jsonl"


def _index(staged: list[_Staged], site: Site, settings: Settings, embedder, state: FetchState,
           report: SyncReport, wait: float) -> None:
    """Keep the pages as files and index them in one write; record them only once indexed, so a
    page whose indexing failed is fetched again next time."""
    from rag.ingest import ReadError

    for item in staged:
        item.path = page_path(settings, site.host, item.url)
    batches = [staged]
    while batches:
        batch = batches.pop(0)
        try:
            ingest = _add_waiting(batch, settings, embedder, wait)
        except ReadError as exc:
            if len(batch) > 1:  # one page is refused (too long): index the others one by one
                batches += [[item] for item in batch]
            else:
                _failed(state, site, batch[0].url, None, f"not indexed: {exc}", report)
            continue
        if ingest is None:
            report.error = (f"the index stayed locked by a rebuild or another writer for {wait:.0f} s; "
                            f"{sum(len(b) for b in [batch, *batches])} fetched pages will be fetched again next time")
            return
        report.embedded += ingest.embedded
        for key in ("added", "updated", "unchanged", "duplicates", "embedded", "from_cache"):
            report.index[key] = report.index.get(key, 0) + getattr(ingest, key)
        report.index.update(total_articles=ingest.total_articles, total_chunks=ingest.total_chunks)
        for item in batch:
            (report.new if item.new else report.changed).append(item.url)
            state.save_page(site.id, item.url, status=INDEXED, reason=None, etag=item.etag,
                            last_modified=item.last_modified, lastmod=item.lastmod, content_hash=item.page.text_hash,
                            file=str(item.path.relative_to(settings.data_dir.resolve())), checked_at=time.time(),
                            failures=0, retry_at=None, duplicate_of=None)


def _add_waiting(batch: list[_Staged], settings: Settings, embedder, wait: float):
    """:func:`rag.sync.add_documents` for the batch, waiting up to ``wait`` seconds for the index
    write lock (a rebuild or an upload holds it); ``None`` if it stayed busy."""
    from rag.ingest import read_text
    from rag.index.writer import IndexBusyError
    from rag.sync import add_documents

    # The same path and line key as a later folder scan reads, hence the same article ids.
    docs = [d for item in batch for d in read_text(item.page.jsonl().decode("utf-8"), ".jsonl", str(item.path))]
    deadline = time.monotonic() + wait
    while True:
        try:
            return add_documents(docs, settings, embedder, keep=lambda: _placed(batch))[1]
        except IndexBusyError:
            if time.monotonic() >= deadline:
                return None
            time.sleep(1.0)


@contextmanager
def _placed(batch: list[_Staged]):
    """Put the pages' files in place (under the index write lock); undo if indexing fails."""
    previous: dict[Path, bytes | None] = {}
    try:
        for item in batch:
            item.path.parent.mkdir(parents=True, exist_ok=True)
            previous[item.path] = item.path.read_bytes() if item.path.exists() else None
            tmp = item.path.with_name(f".{item.path.name}.part")  # hidden: a scan running meanwhile skips it
            tmp.write_bytes(item.page.jsonl())
            os.replace(tmp, item.path)
        yield
    except BaseException:
        for path, data in previous.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        raise
