"""The API served by a real uvicorn on 127.0.0.1, called over HTTP with httpx."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def api(sample_index):
    port = _free_port()
    env = {**os.environ, "RAG_INDEX_DIR": str(sample_index.index_dir), "RAG_CACHE_DIR": str(sample_index.cache_dir)}
    env.pop("RAG_MODEL", None)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            if client.get("/health").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("API did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield client
    client.close()
    proc.terminate()
    proc.wait(timeout=30)


def test_health(api):
    h = api.get("/health").json()
    assert h["ready"] is True and h["articles"] == 5 and h["chunks"] > 5 and h["model"] == "multilingual-e5-small"


def test_ask_answers_with_citations(api):
    r = api.post("/ask", json={"question": "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"})
    assert r.status_code == 200
    body = r.json()
    assert not body["abstained"] and "21/5/2020" in body["answer"]
    c = body["citations"][0]
    article = api.get(f"/articles/{c['article_id']}").json()
    assert article["text"][c["start"] : c["end"]] == c["quote"]
    assert c["source"] == "Sở Giáo dục và Đào tạo Lạng Sơn" and c["file"].endswith(".txt")
    assert {"embed", "dense", "lexical", "answer", "total"} <= set(body["timings"])


def test_ask_abstains(api):
    body = api.post("/ask", json={"question": "Cách nấu phở bò ngon?"}).json()
    assert body["abstained"] is True and body["citations"] == []


def test_filters_restrict_sources(api):
    q = {"question": "Hội nghị cán bộ công chức năm 2021 tổ chức ngày nào?"}
    only_tv = api.post("/ask", json={**q, "source": "Trà Vinh"}).json()
    assert all("Trà Vinh" in c["source"] for c in only_tv["citations"]) and only_tv["citations"]
    none = api.post("/ask", json={**q, "date_from": "2030-01-01"}).json()
    assert none["abstained"] is True


@pytest.mark.parametrize(
    "body, reason",
    [({"question": "   "}, "must not be empty"), ({"question": "x" * 2001}, "at most 2000"),
     ({"question": "a", "top_k": 0}, "top_k"), ({"question": "a", "top_k": 51}, "top_k"),
     ({"question": "a", "date_from": "2024-13-40"}, "date_from"), ({}, "question")],
)
def test_bad_requests_get_a_reason(api, body, reason):
    r = api.post("/ask", json=body)
    assert r.status_code == 422 and reason in r.json()["detail"]


def test_non_json_body_is_4xx(api):
    r = api.post("/ask", content=b"\xff\xfe not json", headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500


def test_articles(api):
    rows = api.get("/articles").json()
    assert len(rows) == 5 and all("text" not in r for r in rows)
    assert api.get("/articles/nope").status_code == 404
    assert api.get("/articles", params={"limit": 0}).status_code == 422
