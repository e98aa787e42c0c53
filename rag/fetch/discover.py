"""Where a site's articles are listed: sitemaps, RSS/Atom feeds, listing pages.

Parsing only; the requests are made by :mod:`rag.fetch.sync` through the polite client.
Sitemaps (XML, gzip or not, index or URL set) are read with lxml with entities and network
access off; feeds with feedparser, always given the bytes (given a string it would fetch
a URL or open a file); HTML with lxml.html.
"""

from __future__ import annotations

import io
import re
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html

from rag.fetch.urls import BadURLError, normalize, same_host

MAX_SITEMAP_BYTES = 50_000_000  # the sitemaps protocol's own limit, uncompressed
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
# Links to files that are not article pages.
_NOT_PAGES = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|webp|svg|mp[34]|avi|mov|css|js|xml|rss)$",
                        re.IGNORECASE)
# Anchor texts of "next page" links on Vietnamese and English listing pages.
_NEXT = re.compile(r"^\s*(trang\s+sau|trang\s+tiếp(\s+theo)?|tiếp(\s+theo)?|sau|next|›|»|>|>>)\s*$", re.IGNORECASE)
# Page furniture: links there are menus, not the listing's articles.
_FURNITURE = "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"


@dataclass
class SitemapSet:
    """URLs a sitemap (or a sitemap index and its children) lists, with their ``lastmod``."""

    entries: dict[str, str | None] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)  # sitemaps an index points to
    problem: str | None = None


def parse_sitemap(body: bytes, host: str) -> SitemapSet:
    """Parse one sitemap file: a ``<urlset>`` (pages) or a ``<sitemapindex>`` (more sitemaps).

    Only URLs on ``host`` are kept (a sitemap may not list other sites' pages).
    """
    result = SitemapSet()
    try:
        data = _gunzip(body) if body[:2] == b"\x1f\x8b" else body
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
        root = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError, zlib.error) as exc:
        result.problem = f"not a readable sitemap ({exc})"
        return result
    if root is None:
        result.problem = "not a readable sitemap (empty)"
        return result
    kind = lxml.etree.QName(root).localname
    for item in root:
        if not isinstance(item.tag, str):
            continue
        values = {lxml.etree.QName(child).localname: (child.text or "").strip() for child in item if isinstance(child.tag, str)}
        loc = values.get("loc")
        if not loc or not same_host(loc, host):
            continue
        if kind == "sitemapindex":
            result.children.append(normalize(loc))
        else:
            result.entries[normalize(loc)] = values.get("lastmod") or None
    if kind not in ("sitemapindex", "urlset"):
        result.problem = f"not a sitemap (root element <{kind}>)"
    return result


def _gunzip(body: bytes) -> bytes:
    """Decompress, refusing more than the protocol's 50 MB (a small .gz can expand to gigabytes)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data = inflater.decompress(body, MAX_SITEMAP_BYTES + 1)
    if len(data) > MAX_SITEMAP_BYTES:
        raise ValueError(f"more than {MAX_SITEMAP_BYTES} bytes once decompressed")
    return data


def feed_links(html: str | bytes, base_url: str, host: str) -> list[str]:
    """RSS/Atom feeds a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    tree = _html(html)
    if tree is None:
        return []
    found = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower().strip() in _FEED_TYPES and link.get("href"):
            url = _absolute(link.get("href"), base_url, host, pages_only=False)
            if url and url not in found:
                found.append(url)
    return found


def feed_entries(body: bytes, base_url: str, host: str) -> list[tuple[str, str | None]]:
    """``(url, updated)`` of a feed's items on ``host``; ``updated`` is ISO 8601 when stated."""
    parsed = feedparser.parse(io.BytesIO(body))
    found: dict[str, str | None] = {}
    for entry in parsed.entries:
        url = _absolute(entry.get("link") or "", base_url, host)
        if url:
            stamp = entry.get("updated_parsed") or entry.get("published_parsed")
            found.setdefault(url, datetime.fromtimestamp(time.mktime(stamp), timezone.utc).isoformat()
                             if stamp else None)
    return list(found.items())


def listing_links(html: str | bytes, page_url: str, host: str) -> tuple[list[str], str | None]:
    """The article links of a listing page, in page order, and its next page if any.

    Links in menus (``nav``, ``header``, ``footer``, ``aside``), to other sites, to files
    that are not pages, and back to the page itself are left out.
    """
    tree = _html(html)
    if tree is None:
        return [], None
    own = _absolute(page_url, page_url, host)
    next_page = None
    for link in tree.xpath("//link[@rel='next'][@href] | //a[@rel='next'][@href]"):
        next_page = _absolute(link.get("href"), page_url, host)
        break
    links: list[str] = []
    for anchor in tree.xpath(f"//a[@href][not({_FURNITURE})]"):
        url = _absolute(anchor.get("href"), page_url, host)
        if not url or url == own:
            continue
        if _NEXT.match(anchor.text_content() or "") or "next" in (anchor.get("rel") or "").lower().split():
            next_page = next_page or url
            continue
        if url not in links and url != next_page:
            links.append(url)
    return links, next_page


def _html(html: str | bytes):
    """The parsed page (bytes let lxml honour the page's own charset declaration)."""
    try:
        return lxml.html.fromstring(html) if html.strip() else None
    except (lxml.etree.ParserError, ValueError):
        return None


def _absolute(href: str, base_url: str, host: str, pages_only: bool = True) -> str | None:
    """The normalised absolute URL of a link on ``host``, or ``None`` (other site, mailto:, and
    with ``pages_only`` a file that is not a page)."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    try:
        url = normalize(urljoin(base_url, href))
    except BadURLError:
        return None
    if not same_host(url, host) or (pages_only and _NOT_PAGES.search(url.split("?")[0])):
        return None
    return url
