"""robots.txt with protego (Google's matching rules: longest match, ``*`` and ``$``).

Unavailable and unreachable files follow RFC 9309: a 4xx answer (no robots.txt) allows
everything; a 5xx answer or no answer at all means "assume everything is disallowed" for
this run, so a site in trouble is not crawled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from protego import Protego

from rag.fetch.http import FetchError, PoliteClient

# Our product token in robots.txt groups; "User-agent: vnrag-fetch" addresses us alone.
AGENT = "vnrag-fetch"


@dataclass
class Robots:
    """What robots.txt says for one site."""

    parser: Protego | None = None
    disallow_all: bool = False
    problem: str | None = None  # why everything is disallowed this run
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        """May ``url`` be fetched?"""
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(url, AGENT)

    def crawl_delay(self) -> float | None:
        """Seconds asked between requests, if robots.txt says."""
        return self.parser.crawl_delay(AGENT) if self.parser is not None else None


def read_robots(client: PoliteClient, origin: str) -> Robots:
    """Fetch and parse ``origin``/robots.txt (``origin`` like ``https://host``)."""
    try:
        got = client.get(f"{origin}/robots.txt")
    except FetchError as exc:
        return Robots(disallow_all=True, problem=f"robots.txt could not be read ({exc}); nothing fetched this time")
    if got.status >= 500:
        return Robots(disallow_all=True, problem=f"robots.txt answered HTTP {got.status}; nothing fetched this time")
    if got.status >= 400:
        return Robots()  # no robots.txt: everything allowed
    parser = Protego.parse(got.text())
    return Robots(parser=parser, sitemaps=list(parser.sitemaps))
