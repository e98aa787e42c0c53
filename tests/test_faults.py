"""Issue 12, "nothing lost, nothing 500": bad inputs, colliding names, damaged indexes and
killed processes, against real uvicorn servers and real index files (no mocks)."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, XQUAD, serve_api, writable_sample_index

KEY = "fault-test-key"
AUTH = {"X-API-Key": KEY}
QUESTION = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"
MAX_CHUNKS = 8  # small, so a long article is refused quickly; the samples have fewer


def _article(title: str, body: str, **extra) -> dict:
    return {"title": title, "text": body, "source": "Sở Giáo dục và Đào tạo Cà Mau", **extra}


def _long_text(paragraphs: int = 30) -> str:
    data = json.loads(XQUAD.read_text())["data"]
    return "\n\n".join([p["context"] for a in data[:8] for p in a["paragraphs"]][:paragraphs])


def _wait_rebuild(client, timeout: float = 300) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = client.get("/index/status").json()
        if status["rebuild"]["state"] != "running":
            return status
        time.sleep(0.2)
    raise AssertionError("rebuild did not finish")


def _rebuild(client, **body) -> dict:
    r = client.post("/index/rebuild", headers=AUTH, json=body or None)
    assert r.status_code == 202, r.text
    status = _wait_rebuild(client)
    assert status["rebuild"]["state"] == "done", status
    return status


def _json_raw(client, url: str, raw: str, **kw) -> httpx.Response:
    """POST text that is not valid UTF-8 once encoded (lone surrogates) exactly as written."""
    return client.post(url, content=raw.encode(), headers={"content-type": "application/json", **kw})


@pytest.fixture(scope="module")
def server(base_settings, embedder, tmp_path_factory):
    """One admin server over its own copy of the samples."""
    s = writable_sample_index(base_settings, embedder, tmp_path_factory.mktemp("faults"))
    with serve_api(s, RAG_ADMIN_API_KEY=KEY, RAG_MAX_CHUNKS_PER_ARTICLE=str(MAX_CHUNKS),
                   RAG_MAX_REQUEST_BYTES="1000000") as client:
        client.settings = s
        yield client


# -- items 4, 5, 9, 10: bad input is a clear 4xx ------------------------------------------
BAD_REQUESTS = [
    # (what, method, url, kwargs, expected status, words in detail)
    ("lone surrogate in question", "raw", "/ask", '{"question": "Ngày nào \\ud800?"}', 422, "unicode"),
    ("lone surrogate in history", "raw", "/ask", '{"question": "Còn ở Trà Vinh?", "history": [{"question": "\\udfff"}]}', 422, "unicode"),
    ("lone surrogate in source", "raw", "/ask", '{"question": "Ngày nào?", "source": "\\ud800"}', 422, "unicode"),
    ("lone surrogate in feedback ids", "raw", "/feedback", '{"rating": "up", "question": "Q?", "article_ids": ["\\ud800"]}', 422, "unicode"),
    ("lone surrogate in feedback comment", "raw", "/feedback", '{"rating": "up", "question": "Q?", "comment": "\\udc80"}', 422, "unicode"),
    ("top_k as a string", "json", "/ask", {"question": QUESTION, "top_k": "5"}, 422, "top_k"),
    ("top_k as a boolean", "json", "/ask", {"question": QUESTION, "top_k": True}, 422, "top_k"),
    ("top_k as a float", "json", "/ask", {"question": QUESTION, "top_k": 5.5}, 422, "top_k"),
    ("dates in the wrong order", "json", "/ask", {"question": QUESTION, "date_from": "2024-05-01", "date_to": "2024-01-01"}, 422, "date_from"),
    ("rebuild full as a string", "admin-json", "/index/rebuild", {"full": "yes"}, 422, "full"),
    ("JSON id '.'", "admin-json", "/articles", _article("Tiêu đề", "Nội dung bài viết về giáo dục.", id="."), 422, "id"),
    ("JSON id '..'", "admin-json", "/articles", _article("Tiêu đề", "Nội dung bài viết về giáo dục.", id=".."), 422, "id"),
    ("javascript: url", "admin-json", "/articles", _article("Tiêu đề", "Nội dung bài viết về giáo dục.", url="javascript:alert(1)"), 422, "http"),
    ("data: url", "admin-json", "/articles", _article("Tiêu đề", "Nội dung bài viết về giáo dục.", url="data:text/html,x"), 422, "http"),
    ("lone surrogate in a JSON article", "admin-raw", "/articles", '{"title": "T\\ud800", "text": "Giáo dục"}', 422, "json"),
    ("upload name of 300 characters", "file", "/articles", ("a" * 296 + ".txt", "Sở Giáo dục tổ chức hội nghị tổng kết năm học."), 422, "too long"),
    ("upload name of 248 characters", "file", "/articles", ("b" * 244 + ".txt", "Sở Giáo dục tổ chức hội nghị tổng kết năm học."), 422, "too long"),
    ("a .jsonl file upload", "file", "/articles", ("rows.jsonl", '{"text": "Giáo dục và đào tạo"}'), 415, "unsupported"),
    ("NUL bytes", "file", "/articles", ("nul.txt", "Sở Giáo dục và Đào tạo\x00 tổ chức hội nghị."), 422, "control character"),
    ("control characters", "file", "/articles", ("ctl.txt", "Sở Giáo dục và Đào tạo \x1b[31m tổ chức hội nghị."), 422, "control character"),
    ("no Vietnamese words", "file", "/articles", ("en.txt", "Lorem ipsum dolor sit amet, consectetur adipiscing elit."), 422, "Vietnamese"),
    ("one token repeated", "file", "/articles", ("rep.txt", "Tiêu đề bài viết\n\n" + "giáo " * 100_000), 422, "repeats"),
    ("one token repeated, JSON", "admin-json", "/articles", _article("Đề thi", "học " * 5000), 422, "repeats"),
]


def _send(client, kind, url, payload):
    if kind == "raw":
        return _json_raw(client, url, payload)
    if kind == "admin-raw":
        return _json_raw(client, url, payload, **AUTH)
    if kind == "json":
        return client.post(url, json=payload)
    if kind == "admin-json":
        return client.post(url, json=payload, headers=AUTH)
    name, text = payload
    return client.post(url, files={"file": (name, text.encode(), "text/plain")}, headers=AUTH)


@pytest.mark.parametrize("what, kind, url, payload, status, words", BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS])
def test_bad_input_is_a_clear_4xx(server, what, kind, url, payload, status, words):
    uploads = sorted(server.settings.upload_dir.glob("*")) if server.settings.upload_dir.exists() else []
    r = _send(server, kind, url, payload)
    assert r.status_code == status and words.lower() in r.json()["detail"].lower(), (what, r.status_code, r.text)
    assert (sorted(server.settings.upload_dir.glob("*")) if server.settings.upload_dir.exists() else []) == uploads


def test_feedback_review_survives_bad_text(server):
    _json_raw(server, "/feedback", '{"rating": "down", "question": "Q\\ud800?", "article_ids": ["\\ud800"]}')
    assert server.get("/feedback", headers=AUTH).status_code == 200


def test_request_bodies_are_capped(server):
    big = json.dumps({"question": QUESTION, "history": [{"question": "x" * 1999}] * 50,
                      "pad": "y" * 2_000_000})
    r = server.post("/ask", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "too large" in r.json()["detail"]

    def chunks():  # no Content-Length: the cap must count what is streamed
        for _ in range(40):
            yield b" " * 50_000
        yield b'{"question": "x"}'

    r = server.post("/ask", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text
    assert server.post("/ask", json={"question": QUESTION}).status_code == 200


def test_article_too_long_is_refused(server):
    r = server.post("/articles", json=_article("Tổng hợp bài viết dài", _long_text()), headers=AUTH)
    assert r.status_code == 422 and "too long" in r.json()["detail"], r.text


# -- item 11: no server paths in public replies -------------------------------------------
def test_no_server_paths_in_public_replies(server):
    root = str(server.settings.data_dir.resolve())
    _rebuild(server)
    a = server.post("/ask", json={"question": QUESTION}).json()
    assert a["citations"] and a["citations"][0]["file"].endswith(".txt")
    listed = server.get("/articles").json()
    one = server.get(f"/articles/{listed[0]['id']}").json()
    status = server.get("/index/status").json()
    for reply in (a, listed, one, status, server.get("/health").json()):
        text = json.dumps(reply, ensure_ascii=False)
        assert root not in text and str(ROOT) not in text and "/tmp/" not in text, text[:500]
    assert all(not x["file"].startswith("/") for x in listed)


# -- items 1, 2: names never collide, deletes stick ----------------------------------------
def test_colliding_names_keep_every_article(server):
    before = server.get("/index/status").json()["articles"]
    sent = {
        "json _coll": ("json", _article("Hội thi số một", "Sở Giáo dục Cà Mau tổ chức hội thi thứ nhất cho 11 trường.", id="_coll")),
        "json coll": ("json", _article("Hội thi số hai", "Sở Giáo dục Cà Mau tổ chức hội thi thứ hai cho 22 trường.", id="coll")),
        "json .coll": ("json", _article("Hội thi số ba", "Sở Giáo dục Cà Mau tổ chức hội thi thứ ba cho 33 trường.", id=".coll")),
        "../../x.txt": ("file", "Thông báo thứ nhất\n\nSở Giáo dục Bến Tre thông báo lịch họp số một cho 44 trường."),
        "/etc/x.txt": ("file", "Thông báo thứ hai\n\nSở Giáo dục Bến Tre thông báo lịch họp số hai cho 55 trường."),
        "x.txt": ("file", "Thông báo thứ ba\n\nSở Giáo dục Bến Tre thông báo lịch họp số ba cho 66 trường."),
        "bài#1.txt": ("file", "Thông báo thứ tư\n\nSở Giáo dục Bến Tre thông báo lịch họp số bốn cho 77 trường."),
    }
    ids = {}
    for name, (kind, payload) in sent.items():
        r = (server.post("/articles", json=payload, headers=AUTH) if kind == "json" else
             server.post("/articles", files={"file": (name, payload.encode(), "text/plain")}, headers=AUTH))
        assert r.status_code == 201, (name, r.text)
        ids[name] = r.json()["articles"][0]["id"]
    assert len(set(ids.values())) == len(sent)
    stored = [p for p in server.settings.upload_dir.iterdir() if not p.name.startswith(".")]
    assert len({p.name for p in stored}) >= len(sent)
    status = _rebuild(server)
    assert status["rebuild"]["report"]["removed"] == 0, status
    assert status["articles"] == before + len(sent)
    for name, aid in ids.items():
        assert server.get(f"/articles/{aid}").status_code == 200, name
    # Delete them all (the '#' one included): gone now and after a rebuild.
    for name, aid in ids.items():
        r = server.delete(f"/articles/{aid}", headers=AUTH)
        assert r.status_code == 200 and r.json()["moved_to"], (name, r.text)
    status = _rebuild(server)
    assert status["articles"] == before
    for aid in ids.values():
        assert server.get(f"/articles/{aid}").status_code == 404


def test_deleting_a_folder_file_with_hash_in_its_name(server):
    path = server.settings.data_dir / "tin#2024.txt"
    path.write_text("Tin giáo dục số năm\n\nSở Giáo dục Trà Vinh khen thưởng 88 giáo viên dạy giỏi năm 2024.")
    status = _rebuild(server)
    assert status["rebuild"]["report"]["added"] == 1
    aid = next(a["id"] for a in server.get("/articles").json() if a["file"] == "tin#2024.txt")
    r = server.delete(f"/articles/{aid}", headers=AUTH)
    assert r.status_code == 200 and r.json()["moved_to"] and not path.exists(), r.text
    _rebuild(server)
    assert server.get(f"/articles/{aid}").status_code == 404


def test_concurrent_colliding_uploads(server):
    """Uploads racing on names that used to share a file: each ends 201 (after 409 retries), none lost."""
    before = server.get("/index/status").json()["articles"]
    names = ["../../y.txt", "/etc/y.txt", "y.txt", "./y.txt", "a/y.txt", "y .txt"]
    results, failures = {}, []

    def upload(n: int, name: str):
        text = f"Thông báo số {n}\n\nSở Giáo dục Vĩnh Long thông báo kế hoạch số {n} cho {100 + n} trường học."
        for _ in range(200):
            r = server.post("/articles", files={"file": (name, text.encode(), "text/plain")}, headers=AUTH)
            if r.status_code != 409:
                break
            time.sleep(0.1)
        if r.status_code == 201:
            results[name] = r.json()["articles"][0]["id"]
        else:
            failures.append((name, r.status_code, r.text))

    threads = [threading.Thread(target=upload, args=(n, name)) for n, name in enumerate(names)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures and len(set(results.values())) == len(names)
    status = _rebuild(server)
    assert status["rebuild"]["report"]["removed"] == 0 and status["articles"] == before + len(names)
    for aid in results.values():
        assert server.delete(f"/articles/{aid}", headers=AUTH).status_code == 200


# -- item 8: a rebuild is never accepted and then dropped ---------------------------------
def test_rebuild_waits_for_a_writer_holding_the_lock(server):
    index_dir = server.settings.index_dir
    version = server.get("/index/status").json()["version"]
    extra = server.settings.data_dir / "cho-khoa.txt"
    extra.write_text("Tin chờ khóa\n\nSở Giáo dục Hậu Giang tổ chức tập huấn cho 99 cán bộ quản lý.")
    with open(index_dir / ".lock", "w") as lock:  # another writer (a CLI ingest, an upload) holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = server.post("/index/rebuild", headers=AUTH, json={"full": True})
        assert r.status_code == 202
        up = server.post("/articles", json=_article("Tin khác", "Sở Giáo dục Hậu Giang họp giao ban."), headers=AUTH)
        assert up.status_code == 409 and "try again" in up.json()["detail"] and up.json()["code"] == "busy"
        time.sleep(1.5)
        assert server.get("/index/status").json()["rebuild"]["state"] == "running"
        fcntl.flock(lock, fcntl.LOCK_UN)
    status = _wait_rebuild(server)
    assert status["rebuild"]["state"] == "done" and status["version"] > version, status
    assert status["rebuild"]["report"]["added"] == 1
    extra.unlink()
    _rebuild(server)


# -- items 3, 8: kill -9 of the server mid-write loses nothing ----------------------------
def _articles(client) -> set[str]:
    return {a["id"] for a in client.get("/articles", params={"limit": 1000}).json()}


def test_kill_during_rebuild_and_upload(base_settings, embedder, tmp_path):
    s = writable_sample_index(base_settings, embedder, tmp_path)
    (s.data_dir / "bai-dai.txt").write_text("Tổng hợp bài viết\n\n" + _long_text(7))
    env = {"RAG_ADMIN_API_KEY": KEY}
    faults = 0
    with serve_api(s, **env) as client:
        before = _articles(client)
        version = client.get("/health").json()["index_version"]
        assert client.post("/index/rebuild", headers=AUTH).status_code == 202
        deadline = time.time() + 60
        while client.get("/index/status").json()["rebuild"]["to_embed"] == 0 and time.time() < deadline:
            time.sleep(0.05)
        os.kill(client.pid, signal.SIGKILL)
        faults += 1
    with serve_api(s, **env) as client:
        health = client.get("/health").json()
        assert health["ready"] and health["index_version"] == version  # the last complete version
        assert _articles(client) == before

        text = "Kế hoạch năm học\n\n" + _long_text(6)

        def upload():
            try:
                client.post("/articles", files={"file": ("ke-hoach.txt", text.encode(), "text/plain")}, headers=AUTH)
            except httpx.TransportError:
                pass

        t = threading.Thread(target=upload)
        t.start()
        deadline = time.time() + 30
        while not (s.upload_dir / "ke-hoach.txt").exists() and time.time() < deadline:
            time.sleep(0.01)
        os.kill(client.pid, signal.SIGKILL)
        faults += 1
        t.join()
    with serve_api(s, **env) as client:
        assert client.get("/health").json()["ready"]
        assert _articles(client) >= before
        status = _rebuild(client)
        after = _articles(client)
        # Nothing lost: the samples, the long folder file and the upload whose file was in place.
        assert before < after and len(after) == len(before) + 1 + (s.upload_dir / "ke-hoach.txt").exists()
        assert status["rebuild"]["report"]["removed"] == 0
    assert faults == 2


# -- items 6, 7: a damaged index is detected, reported, and the previous version served ----
def _two_versions(base_settings, embedder, root: Path):
    s = writable_sample_index(base_settings, embedder, root)
    from rag.sync import ingest_folder

    (s.data_dir / "them.txt").write_text("Tin thêm\n\nSở Giáo dục Sóc Trăng khai giảng năm học mới cho 120 trường.")
    ingest_folder(s.data_dir, s, embedder)
    versions = sorted(p for p in s.index_dir.iterdir() if p.name.startswith("v"))
    assert len(versions) == 2  # the previous version is kept beside the current one
    return s, versions


def _truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


DAMAGE = {
    "store.sqlite truncated": lambda v: _truncate(v / "store.sqlite"),
    "vectors.faiss truncated": lambda v: _truncate(v / "vectors.faiss"),
    "bm25 truncated": lambda v: _truncate(next(p for p in sorted((v / "bm25").iterdir()) if p.suffix == ".npy")),
    "manifest.json truncated": lambda v: _truncate(v / "manifest.json"),
    "manifest counts wrong": lambda v: (v / "manifest.json").write_text(
        json.dumps({**json.loads((v / "manifest.json").read_text()), "chunks": 999})),
    "vectors.faiss missing": lambda v: (v / "vectors.faiss").unlink(),
}


def test_each_kind_of_damage_is_detected(base_settings, embedder, tmp_path):
    from rag.index import Index, IndexDamagedError

    s, (older, current) = _two_versions(base_settings, embedder, tmp_path / "base")
    for n, (kind, damage) in enumerate(DAMAGE.items()):
        root = tmp_path / f"d{n}"
        shutil.copytree(s.index_dir, root, symlinks=True)
        damage(root / current.name)
        index = Index.open(root, embedder.name, embedder.dimension)  # falls back to the older version
        assert index.path.name == older.name and "index damaged" in index.problem, kind
        shutil.rmtree(root / older.name)
        with pytest.raises(IndexDamagedError, match="rag ingest --rebuild"):
            Index.open(root, embedder.name, embedder.dimension)


def test_damaged_index_on_a_server_and_the_cli(base_settings, embedder, tmp_path):
    s, (older, current) = _two_versions(base_settings, embedder, tmp_path)
    _truncate(current / "store.sqlite")
    with serve_api(s, RAG_ADMIN_API_KEY=KEY) as client:
        health = client.get("/health").json()
        assert health["index_version"] == int(older.name[1:]) and "serving the previous version" in health["problem"]
        assert not health["ready"] and str(tmp_path) not in health["problem"]
        assert client.post("/ask", json={"question": QUESTION}).status_code == 200
        shutil.rmtree(older)
    cli = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(s.data_dir)], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "RAG_INDEX_DIR": str(s.index_dir), "RAG_CACHE_DIR": str(s.cache_dir),
                                         "RAG_MODELS_DIR": str(s.models_dir)}, timeout=300)
    assert cli.returncode != 0 and "index damaged" in cli.stdout + cli.stderr and "--rebuild" in cli.stdout + cli.stderr
    assert "Traceback" not in cli.stderr
    with serve_api(s, RAG_ADMIN_API_KEY=KEY) as client:
        health = client.get("/health").json()
        assert not health["ready"] and "index damaged" in health["problem"] and "rebuild" in health["problem"]
        assert client.get("/articles").status_code < 500
        damaged = client.post("/ask", json={"question": QUESTION})
        assert damaged.status_code == 503 and "index damaged" in damaged.json()["detail"]  # not a false "not found"
        _rebuild(client)  # repairs from the data folder
        health = client.get("/health").json()
        assert health["ready"] and health["problem"] is None and health["articles"] == 6


def test_reader_that_resolved_the_previous_version_can_still_open_it(base_settings, embedder, tmp_path):
    """Item 7: `refresh` resolves `current`, a commit swaps it, then the open must still work."""
    from rag.index import Index, current_version_dir
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    s = writable_sample_index(base_settings, embedder, tmp_path)
    assistant = Assistant(s, embedder)
    resolved = current_version_dir(s.index_dir)
    (s.data_dir / "moi.txt").write_text("Tin mới\n\nSở Giáo dục Bạc Liêu tổng kết năm học với 150 trường.")
    ingest_folder(s.data_dir, s, embedder)  # the writer swaps `current` between resolve and open
    Index.load(resolved, embedder.name, embedder.dimension, s.index_dir).close()
    assert assistant.refresh().manifest.articles == 6 and assistant.problem is None


# -- items 12, 13: no temp-file litter, one process prepares the model ---------------------
def test_pyvi_leaves_no_temp_file(sample_index, tmp_path):
    """A server that has segmented and tagged questions and is then killed leaves no
    model*.crfsuite behind (a count question is tagged: support.py reads the counted noun)."""
    with serve_api(sample_index, TMPDIR=str(tmp_path)) as client:
        assert client.post("/ask", json={"question": QUESTION}).status_code == 200
        assert client.post("/ask", json={"question": "Có bao nhiêu đảng viên nữ?"}).status_code == 200
        os.kill(client.pid, signal.SIGKILL)
        time.sleep(0.2)
    assert list(tmp_path.glob("model*.crfsuite")) == []


def test_the_tagger_leaves_no_temp_file(tmp_path):
    """pyvi's part-of-speech tagger (support.py reads counted nouns with it) unpickles a CRF
    that writes a temp copy too: a process killed after tagging leaves none behind."""
    script = "import os, signal\nfrom rag.text import pos_tags\npos_tags('Có bao nhiêu đảng viên nữ?')\n" \
             "os.kill(os.getpid(), signal.SIGKILL)\n"
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp_path)}, timeout=120)
    assert list(tmp_path.glob("model*.crfsuite")) == []


def test_model_preparation_is_locked(tmp_path):
    target = tmp_path / "model"
    writer = ("import sys, time; from pathlib import Path; from embeddings.e5_convert import preparing\n"
              "t = Path(sys.argv[1])\n"
              "with preparing(t, 'done') as done:\n"
              "    print('done' if done else 'prepared', flush=True)\n"
              "    if not done:\n"
              "        t.mkdir(); time.sleep(1.5); (t / 'done').write_text('x')\n")
    procs = [subprocess.Popen([sys.executable, "-c", writer, str(target)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert outs == ["done", "prepared"]  # the second waited and found the first one's result


def test_first_segmentation_from_many_threads_at_once():
    """A rebuild and /ask segmenting for the first time together: pyvi's model must be opened
    once, not by one thread while another removes its temp file (was a 500 on /ask)."""
    script = (
        "import threading\n"
        "from rag.text import pos_tags, segment\n"
        "errors = []\n"
        "def go():\n"
        "    try:\n"
        "        segment('Học sinh đến trường')\n"
        "        pos_tags('Học sinh đến trường')\n"
        "    except Exception as exc:\n"
        "        errors.append(repr(exc))\n"
        "threads = [threading.Thread(target=go) for _ in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print(len(errors), errors[:1])\n"
    )
    for _ in range(3):  # a fresh process each time: the model is loaded on first use
        out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and out.stdout.startswith("0 "), out.stdout + out.stderr
