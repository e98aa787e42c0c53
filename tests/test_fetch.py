"""Following a web site (issue 15), against a fake portal on 127.0.0.1 built from the sample pages.

The portal has robots.txt (a disallowed folder, a crawl-delay, a Sitemap: line), a sitemap with
lastmod, an RSS feed linked from the home page, a listing page with a next page, a duplicate of
an article under a second URL, ETags answered with 304, and a page that errors. Every request
the fetcher makes is logged by the server and counted. No address other than 127.0.0.1 is used.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import time

import pytest
from werkzeug.wrappers import Request, Response

from rag.fetch.http import AddressRefusedError, FetchError, PoliteClient, check_url
from rag.fetch.sites import SiteRefusedError, register_site
from rag.fetch.state import FetchState
from rag.fetch.sync import sync_site
from rag.fetch.urls import normalize
from tests.conftest import ENGLISH, SAMPLES, serve_api
from ui.reasons import vietnamese
from ui.sites import report_lines

KEY = "fetch-admin-key"
CRAWL_DELAY = 0.1
# Which sample page is published where, and how the fetcher can find it.
SITEMAP = {"/tin-tuc/dang-bo-hoan-thanh-nhiem-vu.html": "000_b361aaff9fcc3b44",
           "/tin-tuc/so-ket-cong-tac-dang-soc-trang.html": "003_8a7642bd17cf580f",
           "/tin-tuc/hoi-nghi-can-bo-tra-vinh.html": "004_5050eadd8a00d5e3"}
FEED_ONLY = {"/tin-tuc/dai-hoi-dang-bo-lang-son.html": "002_fa9cf9e85024cd9b"}
LISTING_ONLY = {"/tin-tuc/lam-viec-voi-bch-dang-bo.html": "001_6f6c8a02a38941be"}
DUPLICATE = "/tin-tuc/ban-in/dang-bo-hoan-thanh-nhiem-vu.html"  # the same article as the first one
ERROR = "/tin-tuc/bai-loi.html"
PRIVATE = "/noi-bo/bao-cao-mat.html"  # disallowed by robots.txt


def page_html(stem: str, extra: str = "") -> str:
    """A portal page around a sample article: menus, the article's lines, a footer."""
    lines = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return ("<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Sở Giáo dục và Đào tạo</title>"
            "</head><body><header><nav><a href='/'>Trang chủ</a> <a href='/tin-tuc/'>Tin tức</a></nav></header>"
            f"<main><article>{body}{extra}</article></main>"
            "<footer><p>Cổng thông tin điện tử Sở Giáo dục và Đào tạo. Địa chỉ: số 1 đường Lê Lợi.</p></footer>"
            "</body></html>")


class Portal:
    """The fake site: pages by path, a sitemap with lastmod, and a log of every request."""

    def __init__(self, server):
        self.server = server
        self.base = server.url_for("/").rstrip("/")
        self.pages: dict[str, str] = {p: page_html(s) for p, s in {**SITEMAP, **FEED_ONLY, **LISTING_ONLY}.items()}
        self.pages[DUPLICATE] = self.pages["/tin-tuc/dang-bo-hoan-thanh-nhiem-vu.html"]
        self.pages[PRIVATE] = page_html("003_8a7642bd17cf580f")
        self.lastmod = {p: "2024-01-10" for p in [*SITEMAP, ERROR, PRIVATE]}
        self.log: list[tuple[str, dict, float]] = []
        self._lock = threading.Lock()
        server.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def url(self, path: str) -> str:
        """The absolute URL of a path on the portal."""
        return self.base + path

    def requests(self, since: int = 0) -> list[str]:
        """Paths requested (in order) since the ``since``-th request."""
        return [path for path, _h, _t in self.log[since:]]

    def robots(self) -> str:
        return (f"User-agent: *\nDisallow: /noi-bo/\nCrawl-delay: {CRAWL_DELAY}\n\n"
                f"Sitemap: {self.url('/sitemap.xml')}\n")

    def sitemap(self) -> str:
        items = "".join(f"<url><loc>{self.url(p)}</loc><lastmod>{m}</lastmod></url>" for p, m in self.lastmod.items())
        return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'

    def home(self) -> str:
        return ("<html><head><title>Sở GD&amp;ĐT</title>"
                "<link rel='alternate' type='application/rss+xml' title='Tin mới' href='/rss.xml'></head>"
                "<body><nav><a href='/tin-tuc/'>Tin tức</a></nav><p>Chào mừng</p></body></html>")

    def feed(self) -> str:
        items = "".join(f"<item><title>Bài {i}</title><link>{self.url(p)}?utm_source=rss</link>"
                        f"<pubDate>Mon, 0{i + 1} Jan 2024 08:00:00 +0700</pubDate></item>"
                        for i, p in enumerate([*FEED_ONLY, "/tin-tuc/hoi-nghi-can-bo-tra-vinh.html"]))
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Tin</title>{items}</channel></rss>"

    def listing(self, page: int) -> str:
        if page == 1:
            links = [*LISTING_ONLY, DUPLICATE, "/tin-tuc/dang-bo-hoan-thanh-nhiem-vu.html#binh-luan"]
            more = "<a href='/tin-tuc/?trang=2'>Trang sau</a>"
        else:
            links, more = [ERROR, PRIVATE], ""
        anchors = "".join(f"<li><a href='{p}'>Bài viết</a></li>" for p in links)
        return (f"<html><body><header><nav><a href='/'>Trang chủ</a><a href='/gioi-thieu/'>Giới thiệu</a></nav></header>"
                f"<main><ul>{anchors}</ul>{more}</main></body></html>")

    def handle(self, request: Request) -> Response:
        with self._lock:
            self.log.append((request.full_path.rstrip("?"), dict(request.headers), time.monotonic()))
        path = request.path
        if path == "/robots.txt":
            return self._ok(self.robots(), "text/plain", request)
        if path == "/sitemap.xml":
            return self._ok(self.sitemap(), "application/xml", request)
        if path == "/":
            return self._ok(self.home(), "text/html", request)
        if path == "/rss.xml":
            return self._ok(self.feed(), "application/rss+xml", request)
        if path == "/tin-tuc/":
            return self._ok(self.listing(int(request.args.get("trang", 1))), "text/html", request)
        if path == "/chuyen-huong":
            return Response(status=302, headers={"Location": "http://example.invalid/bai.html"})
        if path == "/cu.html":
            return Response(status=301, headers={"Location": "/lon.html"})
        if path == ERROR:
            return Response("Lỗi máy chủ", status=500)
        if path in self.pages:
            return self._ok(self.pages[path], "text/html", request)
        return Response("Không tìm thấy", status=404)

    @staticmethod
    def _ok(body: str, ctype: str, request: Request) -> Response:
        """200 with an ETag, or 304 when the client already holds this version."""
        etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=f"{ctype}; charset=utf-8", headers={"ETag": etag})


@pytest.fixture(scope="module")
def portal():
    """The fake portal on its own server on 127.0.0.1 (not "localhost", which may mean ::1) for
    this module; the tests below run in order on it."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield Portal(server)
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture(scope="module")
def web(base_settings, embedder, portal, tmp_path_factory):
    """Settings with an empty articles folder and index, loopback allowed, a short delay."""
    root = tmp_path_factory.mktemp("fetch")
    s = base_settings.model_copy(update={
        "data_dir": root / "articles", "index_dir": root / "index", "cache_dir": root / "cache",
        "fetch_state_path": root / "fetch.sqlite", "fetch_allow_private_addresses": True,
        "fetch_delay": 0.0, "fetch_contact": "quantri@so-gddt.example", "lock_wait_seconds": 5.0})
    s.data_dir.mkdir(parents=True)
    state = FetchState(s.fetch_state_path)
    site = register_site(state, s, portal.url("/"), [portal.url("/tin-tuc/")])
    yield s, state, site
    state.close()


def _sync(web, embedder):
    s, state, site = web
    return sync_site(state.site(site.id), s, embedder, state)


def test_first_sync_indexes_the_articles_and_cites_their_urls(web, embedder, portal):
    from rag.index import Index
    from rag.pipeline import Assistant

    s, state, site = web
    report = _sync(web, embedder)
    assert report.state == "done" and not report.problems, report.as_dict()
    published = {portal.url(p) for p in [*SITEMAP, *FEED_ONLY, *LISTING_ONLY]}
    assert set(report.new) == published and not report.changed
    assert report.duplicates == [{"url": portal.url(DUPLICATE), "of": portal.url("/tin-tuc/dang-bo-hoan-thanh-nhiem-vu.html")}]
    assert report.failed == [{"url": portal.url(ERROR), "reason": "HTTP 500"}]
    # The admin panel reads the report in Vietnamese.
    assert "1 lỗi (HTTP 500: lỗi máy chủ)" in report_lines(report.as_dict())[0]
    assert report.skipped_robots == [portal.url(PRIVATE)]
    assert report.index["added"] == 5 and report.embedded > 0
    paths = portal.requests()
    assert PRIVATE not in paths  # robots.txt obeyed
    assert paths[:2] == ["/robots.txt", "/sitemap.xml"] and "/rss.xml" in paths and "/tin-tuc/?trang=2" in paths
    assert "/tin-tuc/dai-hoi-dang-bo-lang-son.html" in paths  # the feed's item, without its utm_source
    assert all(h["User-Agent"].startswith("vnrag-fetch/") and "quantri@so-gddt.example" in h["User-Agent"]
               for _p, h, _t in portal.log)
    # robots.txt's Crawl-delay kept between requests (summed: arrival times jitter on a busy machine).
    assert portal.log[-1][2] - portal.log[0][2] >= (len(portal.log) - 1) * CRAWL_DELAY * 0.95

    # The pages are kept as files under the articles folder, with their URL.
    files = sorted((s.data_dir / "web").rglob("*.jsonl"))
    assert len(files) == 5 and all(f.parent.name == portal.base.split("//")[1].replace(":", "_") for f in files)

    index = Index.open(s.index_dir)
    articles = {a.url: a for a in (index.store.get_article(i) for i in index.store.article_hashes())}
    index.close()
    assert set(articles) == published
    first = articles[portal.url("/tin-tuc/dang-bo-hoan-thanh-nhiem-vu.html")]
    # The portal conventions, cleaned as for the sample pages.
    assert first.title == "Đảng bộ Sở Giáo dục và Đào tạo hoàn thành xuất sắc nhiệm vụ năm 2020"
    assert first.date == "2021-01-14"  # "Cập nhật lúc : 17:15 14/01/2021"
    assert "In trang" not in first.text and "Cập nhật lúc" not in first.text
    by_listing = articles[portal.url("/tin-tuc/lam-viec-voi-bch-dang-bo.html")]
    assert by_listing.author == "Đảng ủy Sở Giáo dục và Đào tạo"  # "Tác giả bài viết: …"
    # The widget goes; the by-line stays, last, to be quoted when asked who wrote the article.
    assert "Lượt xem" not in by_listing.text
    assert by_listing.text.endswith("Tác giả bài viết: Đảng ủy Sở Giáo dục và Đào tạo")

    answer = Assistant(s, embedder).ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?")
    assert not answer.abstained and "21/5/2020" in answer.text
    assert answer.citations[0].url == portal.url("/tin-tuc/dai-hoi-dang-bo-lang-son.html")


def test_second_sync_fetches_only_robots_and_sitemap(web, embedder, portal):
    before = len(portal.log)
    report = _sync(web, embedder)
    assert portal.requests(before) == ["/robots.txt", "/sitemap.xml"]
    assert not report.new and not report.changed and report.embedded == 0 and report.requests == 2
    assert report.unchanged == len(SITEMAP) and report.waiting == 1  # the erroring page waits for its retry


def test_bumped_lastmod_with_same_content_costs_one_conditional_get(web, embedder, portal):
    path = "/tin-tuc/hoi-nghi-can-bo-tra-vinh.html"
    portal.lastmod[path] = "2024-02-01"
    before = len(portal.log)
    report = _sync(web, embedder)
    article_requests = [(p, h) for p, h, _t in portal.log[before:] if p == path]
    assert len(article_requests) == 1 and "If-None-Match" in article_requests[0][1]
    assert not report.new and not report.changed and report.embedded == 0 and not report.index
    # Only discovery documents besides it: the changed sitemap makes feeds and listings be read again.
    assert set(portal.requests(before)) <= {"/robots.txt", "/sitemap.xml", "/", "/rss.xml", "/tin-tuc/", path}


def test_changed_page_is_reindexed_and_answerable(web, embedder, portal):
    from rag.pipeline import Assistant

    s, _state, _site = web
    path = "/tin-tuc/so-ket-cong-tac-dang-soc-trang.html"
    portal.pages[path] = portal.pages[path].replace("sáng ngày 03-7-2020", "sáng ngày 09-7-2020")
    assert "09-7-2020" in portal.pages[path]
    portal.lastmod[path] = "2024-03-01"
    report = _sync(web, embedder)
    assert report.changed == [portal.url(path)] and not report.new
    assert report.index["updated"] == 1 and 0 < report.embedded
    answer = Assistant(s, embedder).ask("Hội nghị sơ kết công tác Đảng của Sở GDĐT Sóc Trăng diễn ra ngày nào?")
    assert answer.citations and answer.citations[0].url == portal.url(path)
    assert "09-7-2020" in answer.text


def test_page_gone_from_site_is_reported_not_deleted(web, embedder, portal):
    from rag.index import Index

    s, state, site = web
    path = "/tin-tuc/hoi-nghi-can-bo-tra-vinh.html"
    del portal.lastmod[path]
    page = portal.pages.pop(path)
    try:
        report = _sync(web, embedder)
        assert report.gone == [portal.url(path)], report.as_dict()
        index = Index.open(s.index_dir)
        urls = {index.store.get_article(i).url for i in index.store.article_hashes()}
        index.close()
        assert portal.url(path) in urls  # still indexed: deleting is the admin's choice
        assert state.pages(site.id)[portal.url(path)]["status"] == "gone"
        assert (s.data_dir / state.pages(site.id)[portal.url(path)]["file"]).is_file()
    finally:
        portal.pages[path] = page
        portal.lastmod[path] = "2024-02-01"
    back = _sync(web, embedder)  # back on the site as it was: indexed again, nothing embedded
    assert not back.new and not back.changed and back.embedded == 0 and not back.gone
    assert state.pages(site.id)[portal.url(path)]["status"] == "indexed"


def test_private_addresses_refused_unless_allowed(web, portal, tmp_path):
    s, _state, _site = web
    strict = s.model_copy(update={"fetch_allow_private_addresses": False, "fetch_state_path": tmp_path / "f.sqlite"})
    before = len(portal.log)
    for url in (portal.url("/"), "http://localhost/", "http://[::1]/", "http://10.1.2.3/", "http://169.254.169.254/"):
        with pytest.raises(AddressRefusedError):
            check_url(url, allow_private=False)
    state = FetchState(strict.fetch_state_path)
    with pytest.raises(SiteRefusedError, match="loopback") as private:
        register_site(state, strict, portal.url("/"))
    with pytest.raises(SiteRefusedError, match="http") as scheme:
        register_site(state, strict, "ftp://127.0.0.1/")
    outside = strict.model_copy(update={"fetch_hosts": ["sogddt.example.gov.vn"]})
    with pytest.raises(SiteRefusedError, match="RAG_FETCH_HOSTS") as host:
        register_site(state, outside, "https://other.example.gov.vn/")
    for refused in (private, scheme, host):  # as the admin panel shows them
        shown = vietnamese(str(refused.value))
        assert not ENGLISH.search(shown) and "chi tiết kỹ thuật" not in shown, shown
    assert "địa chỉ nội bộ 127.0.0.1" in vietnamese(str(private.value))
    with PoliteClient(strict) as client, pytest.raises(AddressRefusedError):
        client.get(portal.url("/robots.txt"))
    state.close()
    assert len(portal.log) == before  # nothing was sent


def test_client_limits(web, portal):
    s, _state, _site = web
    portal.pages["/lon.html"] = "<p>" + "a" * 5000 + "</p>"
    small = s.model_copy(update={"fetch_max_page_bytes": 2048})
    with PoliteClient(small) as client:
        with pytest.raises(FetchError, match="larger than 2048 bytes") as large:
            client.get(portal.url("/cu.html"))  # after a redirect within the site
        with pytest.raises(FetchError, match="redirected to another site") as away:
            client.get(portal.url("/chuyen-huong"))
    assert vietnamese(str(large.value)) == "lớn hơn giới hạn 2.048 byte"
    assert vietnamese(str(away.value)).startswith("trang chuyển sang một trang web khác (")
    assert normalize(portal.url("/a?b=2&a=1&utm_source=x#c")) == portal.url("/a?a=1&b=2")


def test_api_registers_syncs_and_reports(web, portal, tmp_path_factory):
    """The admin routes on a real uvicorn: register, refuse bad sites with a reason, sync in the
    background, read the report; the fetched article is then answered with its URL."""
    s, _state, _site = web
    root = tmp_path_factory.mktemp("fetch-api")
    api = s.model_copy(update={"data_dir": root / "articles", "index_dir": root / "index"})  # the module's cache
    api.data_dir.mkdir()
    auth = {"X-API-Key": KEY}
    with serve_api(api, RAG_ADMIN_API_KEY=KEY, RAG_FETCH_ALLOW_PRIVATE_ADDRESSES="true", RAG_FETCH_DELAY="0",
                   RAG_CACHE_DIR=str(s.cache_dir)) as client:
        assert client.get("/sites").status_code == 401
        assert client.post("/sites", json={"home": portal.url("/")}, headers={"X-API-Key": "sai"}).status_code == 401
        for body, reason in (({"home": "ftp://127.0.0.1/"}, "not an http(s) URL"),
                             ({"home": "http://localhost/"}, "RAG_FETCH_HOSTS"),
                             ({"home": portal.url("/"), "listings": ["http://127.0.0.1:1/tin/"]}, "is not on"),
                             ({"home": portal.url("/"), "extra": 1}, "extra")):
            r = client.post("/sites", json=body, headers=auth)
            assert r.status_code == 422 and reason in r.json()["detail"], (body, r.text)
        r = client.post("/sites", json={"home": portal.url("/"), "listings": [portal.url("/tin-tuc/")]}, headers=auth)
        assert r.status_code == 201, r.text
        site = r.json()
        assert site["last_report"] is None and site["listings"] == [portal.url("/tin-tuc/")]
        assert client.post("/sites", json={"home": portal.url("/")}, headers=auth).status_code == 200

        r = client.post("/sites/sync", headers=auth)
        assert r.status_code == 202 and r.json()["state"] in ("running", "done"), r.text
        deadline = time.time() + 120
        while client.get("/sites/sync", headers=auth).json()["state"] == "running" and time.time() < deadline:
            time.sleep(0.3)
        status = client.get("/sites/sync", headers=auth).json()
        assert status["state"] == "done" and status["interval_minutes"] == 0, status
        listed = client.get("/sites", headers=auth).json()["sites"]
        assert [x["id"] for x in listed] == [site["id"]]
        report = listed[0]["last_report"]
        assert len(report["new"]) == 5 and report["failed"][0]["reason"] == "HTTP 500", report
        assert listed[0]["pages"]["indexed"] == 5
        assert client.get(f"/sites/{site['id']}", headers=auth).json()["last_report"] == report
        assert client.get("/sites/99", headers=auth).status_code == 404
        assert client.post("/sites/99/sync", headers=auth).status_code == 404

        a = client.post("/ask", json={"question": "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"}).json()
        assert a["citations"][0]["url"] == portal.url("/tin-tuc/dai-hoi-dang-bo-lang-son.html"), a


def test_cli_fetch_and_list(web, embedder, portal, tmp_path, monkeypatch):
    """`rag fetch URL --listing URL` registers and syncs now and prints the report; `--list` shows it."""
    from typer.testing import CliRunner

    from rag import cli
    from rag.config import get_settings

    s, _state, _site = web
    env = {"RAG_DATA_DIR": str(tmp_path / "articles"), "RAG_INDEX_DIR": str(tmp_path / "index"),
           "RAG_CACHE_DIR": str(s.cache_dir), "RAG_MODELS_DIR": str(s.models_dir),
           "RAG_FETCH_STATE_PATH": str(tmp_path / "fetch.sqlite"), "RAG_FETCH_ALLOW_PRIVATE_ADDRESSES": "true",
           "RAG_FETCH_DELAY": "0", "RAG_LOCK_WAIT_SECONDS": "5"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("RAG_MODEL", raising=False)
    monkeypatch.setattr(cli, "_embedder", lambda: embedder)  # the session's model, not a second copy
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        run = runner.invoke(cli.app, ["fetch", portal.url("/"), "--listing", portal.url("/tin-tuc/")])
        assert run.exit_code == 0, run.output
        assert f"{portal.url('/')}: 5 new, 0 changed" in run.output
        assert f"failed: {portal.url(ERROR)}: HTTP 500" in run.output
        assert f"skipped by robots.txt: {portal.url(PRIVATE)}" in run.output
        listed = runner.invoke(cli.app, ["fetch", "--list"])
        assert listed.exit_code == 0, listed.output
        assert "5 indexed" in listed.output and f"listing {portal.url('/tin-tuc/')}" in listed.output
        refused = runner.invoke(cli.app, ["fetch", "file:///etc/passwd"])
        assert refused.exit_code == 1 and "http(s)" in refused.output
    finally:
        get_settings.cache_clear()


def test_discovery_parsers():
    """Sitemap index and gzip, feeds given as bytes, listing pages without their menus."""
    import gzip

    from rag.fetch.discover import feed_entries, listing_links, parse_sitemap

    host, base = "127.0.0.1:8080", "http://127.0.0.1:8080"
    index = parse_sitemap(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{base}/s1.xml.gz'
                          f'</loc></sitemap><sitemap><loc>http://127.0.0.9/s.xml</loc></sitemap></sitemapindex>'.encode(), host)
    assert index.children == [f"{base}/s1.xml.gz"] and not index.entries  # another host's sitemap is ignored
    urlset = gzip.compress(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/Tin-Tức/a.html'
                           f'</loc><lastmod>2024-05-01</lastmod></url><url><loc>{base}/b</loc></url></urlset>'.encode())
    assert parse_sitemap(urlset, host).entries == {f"{base}/Tin-T%E1%BB%A9c/a.html": "2024-05-01", f"{base}/b": None}
    assert parse_sitemap(b"<html>not a sitemap</html>", host).problem
    evil = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset><url><loc>&x;</loc></url></urlset>'
    assert parse_sitemap(evil, host).entries == {}  # entities are not resolved

    atom = (f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link href="{base}/a.html"/>'
            f'<updated>2024-05-02T10:00:00Z</updated></entry><entry><link href="http://127.0.0.9/x"/></entry></feed>')
    assert feed_entries(atom.encode(), base + "/feed", host) == [(f"{base}/a.html", "2024-05-02T10:00:00+00:00")]

    page = (b"<html><body><header><a href='/'>Trang ch\xe1\xbb\xa7</a></header><nav><a href='/lien-he'>Li\xc3\xaan h\xe1\xbb\x87</a></nav>"
            b"<main><a href='/tin/1.html'>1</a><a href='/tin/2.html?utm_source=x'>2</a><a href='/tep.pdf'>pdf</a>"
            b"<a href='http://127.0.0.9/x'>x</a><a href='?trang=2'>Trang sau</a></main><footer><a href='/sitemap'>s</a></footer></body></html>")
    links, next_page = listing_links(page, base + "/tin/", host)
    assert links == [f"{base}/tin/1.html", f"{base}/tin/2.html"] and next_page == f"{base}/tin/?trang=2"


def test_scheduled_turn_skipped_while_a_rebuild_runs(web, embedder):
    """The schedule never starts a sync while the API's rebuild runs; it records the skipped turn."""
    from rag.fetch.scheduler import FetchRunner

    s, state, _site = web
    runner = FetchRunner(s, embedder, state, busy=lambda: True)
    assert not runner.start_schedule()  # RAG_FETCH_INTERVAL = 0: off by default
    assert runner.start_schedule(every_seconds=0.2)
    deadline = time.time() + 10
    while runner.status()["skipped_at"] is None and time.time() < deadline:
        time.sleep(0.05)
    runner.stop()
    status = runner.status()
    assert status["skipped_at"] is not None and status["state"] == "idle" and status["next_run_at"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/", "http://127.0.0.1:abc/", "http://127.0.0.1:-1/",
                                 "http://[::1/", "http://127.0.0.1:0/", "ftp://127.0.0.1/"])
def test_a_malformed_url_is_a_bad_url_never_a_crash(url):
    """A port out of range or a broken IPv6 literal (from an admin, or from a third party's
    sitemap) is refused as a bad URL, so one such entry never stops a site's sync."""
    from rag.fetch.urls import BadURLError, same_host

    with pytest.raises(BadURLError):
        normalize(url)
    assert same_host(url, "127.0.0.1") is False
