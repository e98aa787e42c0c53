"""URLs: the one normalised form used to dedupe and to key the state, and file names for pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that only track where a visitor came from: the same page with or without them.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|zalo_\w+|_ga)$", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURLError(ValueError):
    """A URL that is not an absolute http(s) URL."""


def normalize(url: str) -> str:
    """The canonical form of ``url``: lower-case scheme and host, no default port, no fragment,
    no tracking parameters, sorted query, one percent-encoding (w3lib's canonicalisation).

    ``/a?b=2&a=1#x`` and ``/a?a=1&b=2&utm_source=fb`` are the same page; a Vietnamese path
    written raw in a listing and percent-encoded in a sitemap is the same page too.
    """
    try:
        return _normalize(url)
    except BadURLError:
        raise
    except ValueError:  # a port out of range or not a number, a broken IPv6 literal
        raise BadURLError(f"not an http(s) URL: {url!r}") from None


def _normalize(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname or parts.port == 0:
        raise BadURLError(f"not an http(s) URL: {url!r}")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    cleaned = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
    canon = urlsplit(canonicalize_url(cleaned, keep_fragments=False))
    netloc = canon.hostname or ""
    if ":" in netloc:  # an IPv6 literal keeps its brackets
        netloc = f"[{netloc}]"
    if canon.port and canon.port != _DEFAULT_PORTS[canon.scheme]:
        netloc += f":{canon.port}"
    return urlunsplit((canon.scheme, netloc, canon.path or "/", canon.query, ""))


def host_of(url: str) -> str:
    """``host[:port]`` of a URL, lower-case, without a default port (what "one site" means here)."""
    return urlsplit(normalize(url)).netloc


def same_host(url: str, host: str) -> bool:
    """True when ``url`` is on ``host`` (as returned by :func:`host_of`)."""
    try:
        return host_of(url) == host
    except BadURLError:
        return False


def folder_name(host: str) -> str:
    """A file-system-safe folder name for a host (``127.0.0.1:8080`` → ``127.0.0.1_8080``)."""
    return re.sub(r"[^a-z0-9.-]", "_", host.lower())


def file_stem(url: str) -> str:
    """A stable, readable file name stem for a page: its last path segment as ASCII, plus a
    hash of the whole normalised URL so that two URLs never share a file."""
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    last = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", last, flags=re.IGNORECASE)
    ascii_name = unicodedata.normalize("NFKD", last.replace("đ", "d").replace("Đ", "D"))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.encode("ascii", "ignore").decode().lower()).strip("-")[:60]
    digest = hashlib.sha1(url.encode()).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else digest
