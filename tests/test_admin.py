"""Admin routes on a real uvicorn: API key, adding articles (JSON and files), deletes, rebuilds."""

from __future__ import annotations

import json
import threading
import time

import pytest

from tests.conftest import ENGLISH, XQUAD, serve_api, writable_sample_index
from ui.reasons import vietnamese

KEY = "s3cret-key-for-tests"
AUTH = {"X-API-Key": KEY}
NEW = {
    "title": "Sở GDĐT Cà Mau tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh",
    "text": "Ngày 12/3/2024, Sở Giáo dục và Đào tạo Cà Mau khai mạc Hội thi giáo viên dạy giỏi cấp tỉnh "
            "tại Trường THPT Hồ Thị Kỷ. Hội thi có 214 giáo viên tham gia.",
    "date": "2024-03-12", "source": "Sở Giáo dục và Đào tạo Cà Mau", "id": "ca-mau-hoi-thi",
}
NEW_KEY = NEW["id"]


@pytest.fixture(scope="module")
def admin(base_settings, embedder, tmp_path_factory):
    """One server for the module, over its own copy of the samples; tests leave it as they found it
    except for what they add, so none depends on another's order."""
    s = writable_sample_index(base_settings, embedder, tmp_path_factory.mktemp("admin"))
    with serve_api(s, RAG_ADMIN_API_KEY=KEY, RAG_MAX_UPLOAD_BYTES="20000") as client:
        client.settings = s
        yield client


def _uploads(client) -> list[str]:
    folder = client.settings.data_dir / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_key_required_and_checked(admin):
    assert admin.post("/articles", json=NEW).status_code == 401
    r = admin.post("/articles", json=NEW, headers={"X-API-Key": "wrong"})
    assert r.status_code == 401 and r.json()["detail"] == "wrong API key"
    assert admin.get("/feedback").status_code == 401


def test_json_article_is_answerable_at_once_then_deleted(admin):
    before = admin.get("/index/status").json()
    assert before["vector_index"] == "flat"  # 5 articles: exact search
    files_before = _uploads(admin)
    r = admin.post("/articles", json=NEW, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["report"]["added"] == 1 and body["articles"][0]["date"] == "2024-03-12"
    article_id = body["articles"][0]["id"]
    new_files = sorted(set(_uploads(admin)) - set(files_before))
    assert new_files == [f"{NEW_KEY}.jsonl"]  # the upload is kept as a file
    assert admin.get("/index/status").json()["version"] > before["version"]

    a = admin.post("/ask", json={"question": "Hội thi giáo viên dạy giỏi tỉnh Cà Mau có bao nhiêu giáo viên tham gia?"}).json()
    assert "214 giáo viên" in a["answer"] and a["citations"][0]["article_id"] == article_id

    again = admin.post("/articles", json=NEW, headers=AUTH)
    assert again.status_code == 200 and again.json()["report"]["unchanged"] == 1

    gone = admin.delete(f"/articles/{article_id}", headers=AUTH)
    assert gone.status_code == 200 and gone.json()["moved_to"].startswith(".trash/")  # no server path
    assert _uploads(admin) == files_before
    assert admin.get(f"/articles/{article_id}").status_code == 404
    assert admin.delete(f"/articles/{article_id}", headers=AUTH).status_code == 404
    a = admin.post("/ask", json={"question": "Hội thi giáo viên dạy giỏi tỉnh Cà Mau có bao nhiêu giáo viên tham gia?"}).json()
    assert all(c["article_id"] != article_id for c in a["citations"])
    # A rebuild from the data folder must not bring the deleted article back.
    assert admin.post("/index/rebuild", headers=AUTH).status_code == 202
    assert _wait_rebuild(admin)["rebuild"]["state"] == "done"
    assert admin.get(f"/articles/{article_id}").status_code == 404


def test_file_uploads(admin):
    text = "Thông báo tuyển sinh lớp 10\n\nNăm học 2025-2026, Sở Giáo dục và Đào tạo Bến Tre tuyển 12.500 học sinh vào lớp 10 công lập."
    r = admin.post("/articles", files={"file": ("tuyen-sinh.txt", text.encode(), "text/plain")}, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["articles"][0]["title"] == "Thông báo tuyển sinh lớp 10"
    assert (admin.settings.data_dir / "uploads" / "tuyen-sinh.txt").read_text() == text
    html = "<html><head><title>Lịch thi</title></head><body><article><h1>Lịch thi học kỳ</h1><p>Kỳ thi học kỳ I bắt đầu ngày 15/12/2025 trên toàn tỉnh Bến Tre, kéo dài trong ba ngày liên tiếp.</p></article></body></html>"
    r = admin.post("/articles", files={"file": ("lich-thi.html", html.encode(), "text/html")}, headers=AUTH)
    assert r.status_code == 201, r.text
    a = admin.post("/ask", json={"question": "Bến Tre tuyển bao nhiêu học sinh vào lớp 10 công lập?"}).json()
    assert "12.500" in a["answer"]


def test_a_copy_of_an_indexed_article_is_refused_and_not_kept(admin):
    """The same text under another file name: 409 naming the article that holds it, and no copy
    on disk that a rebuild would index in the original's place (or bring back once deleted)."""
    text = ("Tập huấn chuyển đổi số\n\nNgày 04/10/2025, Sở Giáo dục và Đào tạo Bạc Liêu tập huấn chuyển đổi số "
            "cho 320 cán bộ quản lý các trường học trên địa bàn tỉnh.")
    first = admin.post("/articles", files={"file": ("chuyen-doi-so.txt", text.encode(), "text/plain")}, headers=AUTH)
    assert first.status_code == 201, first.text
    article_id = first.json()["articles"][0]["id"]
    files_before, count = _uploads(admin), admin.get("/index/status").json()["articles"]
    copy = admin.post("/articles", files={"file": ("ban-sao.txt", text.encode(), "text/plain")}, headers=AUTH)
    assert copy.status_code == 409 and copy.json()["code"] == "duplicate"  # what a tool acts on
    assert copy.json()["detail"] == (f"the same text is already indexed as article {article_id} "
                                     "(uploads/chuyen-doi-so.txt); nothing was added")
    assert _uploads(admin) == files_before and admin.get("/index/status").json()["articles"] == count
    reason = vietnamese(copy.json()["detail"])
    assert reason.startswith("nội dung này đã có trong bài viết") and not ENGLISH.search(reason)
    # The admin panel tells a copy from a failure by the reply's code, not its English wording.
    from ui.admin import upload_one
    from ui.client import ApiClient

    kind, message = upload_one(ApiClient(str(admin.base_url)), "ban-sao-2.txt", text.encode(), KEY)
    assert kind == "info" and message == f"ban-sao-2.txt: {reason}."
    # Deleted, it stays deleted through a rebuild: no copy is left to stand in for it.
    assert admin.delete(f"/articles/{article_id}", headers=AUTH).status_code == 200
    assert admin.post("/index/rebuild", headers=AUTH).status_code == 202
    assert _wait_rebuild(admin)["rebuild"]["state"] == "done"
    assert admin.get("/index/status").json()["articles"] == count - 1
    a = admin.post("/ask", json={"question": "Sở GDĐT Bạc Liêu tập huấn chuyển đổi số cho bao nhiêu cán bộ quản lý?"}).json()
    assert "320" not in a["answer"]


@pytest.mark.parametrize("files, status, reason", [
    ({"file": ("a.pdf", b"%PDF-1.4", "application/pdf")}, 415, "unsupported file type"),
    ({"file": ("a.txt", "Tiêu đề\n\nNội dung".encode("cp1258", errors="replace") + b"\xff\xfe", "text/plain")}, 422, "not UTF-8"),
    ({"file": ("a.txt", b"x" * 20001, "text/plain")}, 413, "too large"),
    ({"file": ("a.txt", b"   \n  ", "text/plain")}, 422, "no article text"),
    ({"other": ("a.txt", b"abc", "text/plain")}, 422, "field named 'file'"),
])
def test_bad_uploads_get_a_reason(admin, files, status, reason):
    before = _uploads(admin)
    r = admin.post("/articles", files=files, headers=AUTH)
    assert r.status_code == status and reason in r.json()["detail"], r.text
    assert _uploads(admin) == before
    shown = vietnamese(r.json()["detail"])  # as the chat's admin panel shows it
    assert not ENGLISH.search(shown) and "chi tiết kỹ thuật" not in shown, shown


@pytest.mark.parametrize("body, reason", [
    ({"title": "T", "text": "   "}, "text must not be empty"),
    ({"text": "abc"}, "title"),
    ({"title": "T", "text": "abc", "date": "2024-02-30"}, "date"),
    ({"title": "T", "text": "abc", "id": "../../etc"}, "id"),
])
def test_bad_json_articles(admin, body, reason):
    r = admin.post("/articles", json=body, headers=AUTH)
    assert r.status_code == 422 and reason in r.json()["detail"], r.text


def test_wrong_content_type(admin):
    r = admin.post("/articles", content=b"hello", headers={**AUTH, "content-type": "text/plain"})
    assert r.status_code == 415


def _wait_rebuild(client, timeout: float = 300) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = client.get("/index/status").json()
        if status["rebuild"]["state"] in ("done", "failed", "idle"):
            return status
        time.sleep(0.2)
    raise AssertionError("rebuild did not finish")


def test_rebuild_in_background_while_answering(admin):
    paragraphs = [p["context"] for a in json.loads(XQUAD.read_text())["data"][:6] for p in a["paragraphs"]][:30]
    articles_before = admin.get("/index/status").json()["articles"]
    (admin.settings.data_dir / "bai-moi.txt").write_text("Tổng hợp bài viết mới\n\n" + "\n\n".join(paragraphs))
    r = admin.post("/index/rebuild", headers=AUTH)
    assert r.status_code == 202 and r.json()["state"] == "running"
    again = admin.post("/index/rebuild", headers=AUTH)
    assert again.status_code == 409 and again.json()["code"] == "busy"  # one at a time

    answers, stop = [], threading.Event()

    def keep_asking():
        while not stop.is_set():
            answers.append(admin.post("/ask", json={"question": "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"}))

    asker = threading.Thread(target=keep_asking)
    asker.start()
    seen_progress = False
    status = admin.get("/index/status").json()
    while status["rebuild"]["state"] == "running":
        seen_progress |= status["rebuild"]["to_embed"] > 0
        status = admin.get("/index/status").json()
    stop.set()
    asker.join()
    assert status["rebuild"]["state"] == "done", status
    assert status["rebuild"]["report"]["added"] == 1 and status["articles"] == articles_before + 1
    assert seen_progress and len(answers) >= 2
    assert all(a.status_code == 200 and "21/5/2020" in a.json()["answer"] for a in answers)
    q = json.loads(XQUAD.read_text())["data"][0]["paragraphs"][0]["qas"][0]
    hit = admin.post("/ask", json={"question": q["question"]}).json()
    assert hit["citations"][0]["title"] == "Tổng hợp bài viết mới"


def test_feedback_is_stored_for_review(admin):
    r = admin.post("/feedback", json={"rating": "down", "question": "Q?", "answer": "A.", "comment": "sai ngày",
                                      "article_ids": ["x"]})
    assert r.status_code == 201 and r.json()["id"] >= 1
    assert admin.post("/feedback", json={"rating": "meh", "question": "Q?"}).status_code == 422
    rows = admin.get("/feedback", headers=AUTH).json()
    assert rows[0]["comment"] == "sai ngày" and rows[0]["rating"] == "down"
