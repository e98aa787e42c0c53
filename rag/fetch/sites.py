"""Registering a site: what may be registered, and the one entry point for a sync of all sites."""

from __future__ import annotations

from urllib.parse import urlsplit

from rag.config import Settings
from rag.fetch.http import AddressRefusedError, FetchError, check_url
from rag.fetch.state import FetchState, Site
from rag.fetch.sync import SyncReport, sync_site
from rag.fetch.urls import BadURLError, host_of, normalize


class SiteRefusedError(ValueError):
    """A site that cannot be registered; ``str()`` says why."""


def check_site_url(url: str, settings: Settings, resolve: bool = True) -> str:
    """The normalised URL if it may be fetched, else :class:`SiteRefusedError` with the reason:
    not http(s), a host outside ``RAG_FETCH_HOSTS``, or a private/loopback address when those
    are not allowed (the host is resolved unless ``resolve`` is false)."""
    try:
        url = normalize(url)
    except BadURLError as exc:
        raise SiteRefusedError(str(exc)) from None
    hostname = urlsplit(url).hostname or ""
    if settings.fetch_hosts and hostname not in settings.fetch_hosts:
        raise SiteRefusedError(f"{hostname} is not one of the hosts this server may fetch from (RAG_FETCH_HOSTS)")
    if resolve:
        try:
            check_url(url, settings.fetch_allow_private_addresses)
        except AddressRefusedError as exc:
            raise SiteRefusedError(str(exc)) from None
        except FetchError as exc:
            raise SiteRefusedError(str(exc)) from None
    return url


def register_site(state: FetchState, settings: Settings, home: str, listings: list[str] | None = None) -> Site:
    """Register a site by its home page, with optional listing pages on the same host
    (registering it again adds listing pages). Raises :class:`SiteRefusedError`."""
    home = check_site_url(home, settings)
    host = host_of(home)
    pages = []
    for listing in listings or []:
        listing = check_site_url(listing, settings, resolve=False)
        if host_of(listing) != host:
            raise SiteRefusedError(f"listing page {listing} is not on {host}")
        pages.append(listing)
    return state.add_site(home, host, pages)


def sync_all(state: FetchState, settings: Settings, embedder, sites: list[Site] | None = None,
             wait: float | None = None) -> list[SyncReport]:
    """Sync the given sites (default: all registered), one after the other."""
    return [sync_site(site, settings, embedder, state, wait=wait) for site in (sites or state.sites())]
