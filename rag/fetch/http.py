"""A polite HTTP client for one sync run: who we are, how often, how much, and where to.

- User-Agent names the product and the admin's contact (``RAG_FETCH_CONTACT``).
- At least ``RAG_FETCH_DELAY`` seconds (default 1) between two requests to one host, more
  when robots.txt asks with ``Crawl-delay``.
- Each response is read up to ``RAG_FETCH_MAX_PAGE_BYTES``; a larger one is dropped.
- Redirects are followed by hand, only within the host the request was made for.
- Only http(s); the host is resolved and every address it resolves to is checked with
  :mod:`ipaddress`: private, loopback, link-local and reserved addresses are refused
  unless ``RAG_FETCH_ALLOW_PRIVATE_ADDRESSES`` is set (an intranet portal, the tests).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from rag import __version__ as _version
from rag.config import Settings
from rag.fetch.urls import BadURLError, host_of, normalize

MAX_REDIRECTS = 5


class FetchError(Exception):
    """A request that could not be made or whose answer was refused; ``str()`` is the reason."""


class AddressRefusedError(FetchError):
    """The host resolves to an address the settings do not allow (private, loopback, ...)."""


@dataclass
class Fetched:
    """A complete answer: final URL (after same-host redirects), status, headers, body."""

    url: str
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self) -> str:
        """The body decoded with the declared charset (UTF-8 otherwise; bad bytes replaced)."""
        charset = "utf-8"
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip('"')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def user_agent(settings: Settings) -> str:
    """``vnrag-fetch/<version> (+contact)``: site owners can see who crawls and reach them."""
    contact = settings.fetch_contact.strip() or "contact not configured: set RAG_FETCH_CONTACT"
    return f"vnrag-fetch/{_version} (+{contact})"


def check_url(url: str, allow_private: bool) -> None:
    """Raise :class:`FetchError` for a non-http(s) URL, :class:`AddressRefusedError` for a host
    that resolves to a private, loopback, link-local, multicast or reserved address (unless
    ``allow_private``). The host is resolved here, so a name pointing at 127.0.0.1 is refused too.
    """
    try:
        normalize(url)
    except BadURLError as exc:
        raise FetchError(str(exc)) from None
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise FetchError("URLs with a user name or password are not fetched")
    if allow_private:
        return
    host = parts.hostname or ""
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve {host}: {exc.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise AddressRefusedError(
                f"{host} resolves to {address}, a private, loopback or reserved address: refused "
                f"(set RAG_FETCH_ALLOW_PRIVATE_ADDRESSES=true for an intranet site)")


class PoliteClient:
    """One client per sync run; counts its requests (``requests``) for the report."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.requests = 0
        self._last: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}
        # trust_env=False: no proxy from the environment, so the address checked above is
        # the one connected to (and a test on 127.0.0.1 can never leave the machine).
        self._http = httpx.Client(timeout=settings.fetch_timeout, follow_redirects=False, trust_env=False,
                                  headers={"User-Agent": user_agent(settings)}, transport=transport)

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Obey robots.txt's ``Crawl-delay`` for ``host`` (never less than the configured delay)."""
        if seconds:
            self._crawl_delay[host] = float(seconds)

    def delay_for(self, host: str) -> float:
        """Seconds kept between two requests to ``host``."""
        return max(self.settings.fetch_delay, self._crawl_delay.get(host, 0.0))

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + self.delay_for(host) - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def get(self, url: str, headers: dict[str, str] | None = None, max_bytes: int | None = None) -> Fetched:
        """GET ``url`` (redirects only within its host); raises :class:`FetchError` with a reason.

        ``max_bytes`` overrides ``RAG_FETCH_MAX_PAGE_BYTES`` (sitemaps may be 50 MB).
        """
        host = host_of(url)
        limit = max_bytes or self.settings.fetch_max_page_bytes
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(url, self.settings.fetch_allow_private_addresses)
            self._wait_turn(host)
            self.requests += 1
            try:
                with self._http.stream("GET", url, headers=headers or {}) as response:
                    if response.has_redirect_location:
                        target = urljoin(url, response.headers.get("location", ""))
                        if _host_or_none(target) != host:
                            raise FetchError(f"redirected to another site ({target}); not followed")
                        url = target
                        continue
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > limit:
                        raise FetchError(f"larger than {limit} bytes (the size limit)")
                    body = bytearray()
                    for part in response.iter_bytes():
                        body += part
                        if len(body) > limit:
                            raise FetchError(f"larger than {limit} bytes (the size limit)")
                    return Fetched(str(response.url), response.status_code, response.headers, bytes(body))
            except httpx.TimeoutException:
                raise FetchError(f"no answer within {self.settings.fetch_timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{type(exc).__name__}: {exc}") from None
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _host_or_none(url: str) -> str | None:
    try:
        return host_of(url)
    except BadURLError:
        return None

