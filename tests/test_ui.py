"""The chat page's logic with Streamlit's AppTest, against a real API server."""

from __future__ import annotations

import datetime as dt
import html
import re
import time

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ENGLISH, ROOT, SAMPLES, free_port, serve_api
from ui.render import (answer_as_text, answer_markdown, conversation_label, date_label, example_questions, highlighted_passage, in_filters,
                       rebuild_summary, short_answer_text, source_line, vn_date)
from ui.reasons import vietnamese
from ui.sites import report_lines

APP = str(ROOT / "ui" / "app.py")
KEY = "ui-test-key"
QUESTION = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"


@pytest.fixture(scope="module")
def api_url(sample_index, tmp_path_factory):
    # Its own feedback and conversation files: the checks below read them back.
    with serve_api(sample_index, RAG_ADMIN_API_KEY=KEY,
                   RAG_FEEDBACK_PATH=str(tmp_path_factory.mktemp("ui") / "feedback.sqlite")) as client:
        yield str(client.base_url)


@pytest.fixture
def app(api_url, monkeypatch):
    monkeypatch.setenv("RAG_API_URL", api_url)
    at = AppTest.from_file(APP, default_timeout=60)
    return at.run()


def _ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question)
    return at.run()


def _texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_a_question_the_server_refuses_says_why_in_vietnamese(app):
    at = _ask(app, "???")
    errors = " ".join(e.value for e in at.error)
    assert "Yêu cầu không hợp lệ. (câu hỏi: cần có ít nhất một từ)" in errors and not ENGLISH.search(errors)


def test_first_visit_says_what_is_covered_and_offers_examples(app):
    assert not app.exception
    status = " ".join(m.value for m in app.sidebar.markdown)
    assert "**5** bài viết" in status and "đoạn" not in status  # staff words; chunks only under "Giới thiệu"
    assert "multilingual-e5-small" not in status
    about = next(e for e in app.sidebar.expander if e.label == "Giới thiệu")
    assert any("multilingual-e5-small" in c.value for c in about.caption)
    assert "Sở Giáo dục và Đào tạo Trà Vinh" in app.sidebar.selectbox[0].options
    # The article naming no province is filed apart, and the list says why.
    assert "Sở Giáo dục và Đào tạo (không ghi tỉnh)" in app.sidebar.selectbox[0].options
    main = " ".join(m.value for m in app.main.markdown)
    assert "5 bài viết của 5 đơn vị, từ 21/05/2020 đến 08/05/2023" in main
    examples = [b for b in app.main.button if b.key and b.key.startswith("example_")]
    assert len(examples) == 3
    examples[0].click()
    at = app.run()
    assert len(at.chat_message) == 2 and at.chat_message[0].markdown[0].value == examples[0].label
    assert at.chat_message[1].markdown[0].value.startswith("**")  # an example gets a short answer


def test_answer_with_sources_filters_and_copy_text(app):
    at = _ask(app, QUESTION)
    assert not at.exception
    text = _texts(at)
    assert "21/5/2020" in text and "[1]" in text
    assert at.chat_message[-1].markdown[0].value == "**21/5/2020 [1]**"  # the short answer first, in bold
    assert "Sở Giáo dục và Đào tạo Lạng Sơn" in text  # the source line
    assert ".txt" not in text  # a source is never a file name
    assert "<mark>" in text  # the quoted span is marked in its passage
    assert "Phạm vi tìm: tất cả bài viết" in text  # the filters it was answered under
    copied = at.code[0].value
    assert copied.startswith(f"Hỏi: {QUESTION}") and "Trả lời ngắn: 21/5/2020 [1]" in copied and "Nguồn:\n[1]" in copied
    assert any(b.label == "Mở bài viết" for b in at.button)


def test_follow_up_is_understood(app):
    at = _ask(app, "Hội nghị của Sở Giáo dục và Đào tạo Sóc Trăng được tổ chức vào ngày nào?")
    at = _ask(at, "Còn ở Trà Vinh thì sao?")
    assert "25/01/2021" in at.chat_message[-1].markdown[0].value
    assert any("Đã hiểu câu hỏi là" in c.value for c in at.caption)


def test_a_pronoun_follow_up_in_the_chat_asks_about_the_person_named(app):
    """The chat sends each earlier turn's short answer, so "Ông ấy …" is understood."""
    at = _ask(app, "Ai là Phó Giám đốc Sở GDĐT Kon Tum?")
    at = _ask(at, "Ông ấy giữ chức vụ gì trong Đảng ủy?")
    assert at.chat_message[-1].markdown[0].value.startswith("**Nguyễn Trọng Thắng: Phó Bí thư Đảng ủy")
    assert any(c.value == "Đã hiểu câu hỏi là: “Nguyễn Trọng Thắng giữ chức vụ gì trong Đảng ủy?”" for c in at.caption)


def test_a_guessed_short_answer_is_shown_as_a_guess(app):
    at = _ask(app, "Buổi làm việc giữa Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum nhằm tìm hiểu điều gì?")
    first = at.chat_message[-1].markdown[0].value
    assert first.startswith("Có thể là: ") and "chưa chắc chắn" in first and "**" not in first


def test_a_yes_no_question_about_a_post_is_answered_yes_or_no_first(app):
    """Through the real API: "không" first, then whose posts, as the article writes them beside the name."""
    at = _ask(app, "Bà Phạm Thị Trung có phải là Phó Giám đốc Sở GDĐT Kon Tum không?")
    assert at.chat_message[-1].markdown[0].value == (
        "**Không** — **Phạm Thị Trung: Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT [1]**")


def test_the_home_line_counts_the_articles_inside_the_filters(app):
    """A date range covering no article says so before anything is asked, not "5 bài viết"."""
    app.sidebar.date_input(key="filter_from").set_value(dt.date(2030, 1, 1))
    at = app.run()
    assert any(m.value.startswith("Không có bài viết nào trong phạm vi lọc (từ 01/01/2030); chỉ mục có 5 bài viết.")
               for m in at.markdown)
    assert not [b for b in at.button if (b.key or "").startswith("example_")]  # no example outside the range
    at.sidebar.date_input(key="filter_from").set_value(dt.date(2021, 1, 1))
    at.sidebar.selectbox[0].select("Sở Giáo dục và Đào tạo Trà Vinh")
    at = at.run()
    assert any(m.value == "Đang tra cứu trong 1/5 bài viết thuộc phạm vi lọc (đơn vị “Sở Giáo dục và Đào tạo Trà Vinh” · "
               "từ 01/01/2021)." for m in at.markdown)


def test_small_talk_gets_no_search_scope(app):
    at = _ask(app, "Xin chào!")
    assert not any("Phạm vi tìm" in c.value for c in at.caption) and not at.info


def test_not_found_is_said_plainly(app):
    at = _ask(app, "Cách nấu phở bò ngon?")
    assert any("Không tìm thấy" in i.value for i in at.info)


def test_filter_by_organisation_is_shown_with_the_answer(app):
    app.sidebar.selectbox[0].select("Sở Giáo dục và Đào tạo Trà Vinh")
    at = _ask(app.run(), "Hội nghị cán bộ công chức năm 2021 tổ chức ngày nào?")
    sources = [m.value for m in at.markdown if m.value.startswith("**[1]")]
    assert sources and all("Trà Vinh" in s for s in sources)
    assert any(c.value == "Phạm vi tìm: đơn vị “Sở Giáo dục và Đào tạo Trà Vinh”" for c in at.caption)


def test_reversed_date_range_is_refused(app):
    app.sidebar.date_input(key="filter_from").set_value(dt.date(2021, 6, 1))
    app.sidebar.date_input(key="filter_to").set_value(dt.date(2020, 1, 1))
    at = _ask(app.run(), QUESTION)
    assert any("“Từ ngày” đang sau “Đến ngày”" in e.value for e in at.sidebar.error)
    assert any(e.value.startswith("Chưa gửi câu hỏi") for e in at.main.error)
    # Nothing was asked, but the question stays on screen to send again once the dates are mended.
    assert [m.markdown[0].value for m in at.chat_message if m.name == "Bạn"] == [QUESTION]
    assert not at.session_state["turns"]  # nothing answered
    at.sidebar.date_input(key="filter_to").set_value(dt.date(2021, 12, 31))
    at = at.button(key="retry").click().run()
    assert not any(e.value.startswith("Chưa gửi câu hỏi") for e in at.main.error)
    assert at.session_state["turns"][-1]["question"] == QUESTION


def test_new_conversation_clears_and_the_old_one_comes_back(app, api_url, monkeypatch):
    at = _ask(app, QUESTION)
    cid = at.query_params["c"]
    assert len(at.chat_message) == 2
    next(b for b in at.sidebar.button if "mới" in b.label).click()
    at = at.run()
    assert len(at.chat_message) == 0 and "c" not in at.query_params
    # A fresh session (a reload) opened on the conversation's URL shows it again.
    again = AppTest.from_file(APP, default_timeout=60)
    again.query_params["c"] = cid
    again = again.run()
    assert len(again.chat_message) == 2 and again.chat_message[1].markdown[0].value == "**21/5/2020 [1]**"
    assert any(b.key == f"conv_{cid}" for b in again.sidebar.button)  # listed among recent ones


def test_recent_conversations_say_when_and_fold_the_older_ones(api_url, monkeypatch):
    """Five conversations opened with the same question could not be told apart, and the list
    pushed the filters below the fold (a staff user's pass)."""
    reply = httpx.post(f"{api_url}/ask", json={"question": QUESTION}).json()
    for _ in range(4):
        cid = httpx.post(f"{api_url}/conversations", json={"title": QUESTION}).json()["id"]
        httpx.post(f"{api_url}/conversations/{cid}/turns", json={"question": QUESTION, "reply": reply}).raise_for_status()
    monkeypatch.setenv("RAG_API_URL", api_url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    older = next(e for e in at.sidebar.expander if e.label == "Cũ hơn")
    folded = {b.key for b in older.button}
    listed = [b for b in at.sidebar.button if (b.key or "").startswith("conv_") and b.key not in folded]
    assert len(listed) == 3 and folded
    assert all(re.search(r" · \d\d:\d\d$", b.label) and b.label.startswith("Đại hội Đảng bộ") for b in listed)
    # Ten conversations in a morning: the earliest is still reachable (only eight were listed).
    for _ in range(6):
        cid = httpx.post(f"{api_url}/conversations", json={"title": QUESTION}).json()["id"]
        httpx.post(f"{api_url}/conversations/{cid}/turns", json={"question": QUESTION, "reply": reply}).raise_for_status()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert sum((b.key or "").startswith("conv_") for b in at.sidebar.button) >= 10


def test_a_conversation_label_is_cut_and_dated():
    now = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.timezone.utc)
    assert conversation_label("Ai là Giám đốc?", "2026-11-25T14:05:00+00:00", now, width=34).endswith(" · " + dt.datetime(
        2026, 11, 25, 14, 5, tzinfo=dt.timezone.utc).astimezone().strftime("%H:%M"))
    old = conversation_label(QUESTION, "2026-11-20T09:00:00+00:00", now)
    assert old.startswith("Đại hội Đảng bộ Sở GDĐT Lạng Sơn…") and old.endswith(" · 20/11")
    assert conversation_label("Ai?", "not a date", now) == "Ai?"


def test_admin_tools_say_a_key_is_needed(app):
    panel = next(e for e in app.sidebar.expander if e.label == "Quản trị")
    assert any("Nhập khoá quản trị" in c.value for c in panel.caption)


def test_feedback_is_stored_on_click_and_updated_on_change(app, api_url):
    at = _ask(app, QUESTION)
    key = next(p.key for p in at.pills if p.key.startswith("rating_"))
    at.pills(key=key).set_value("down")
    at = at.run()
    rows = httpx.get(f"{api_url}/feedback", headers={"X-API-Key": KEY}).json()
    mine = [r for r in rows if r["question"] == QUESTION and r["conversation_id"] == at.query_params["c"]]
    assert len(mine) == 1 and mine[0]["rating"] == "down" and mine[0]["comment"] is None
    at.pills(key=key).set_value("up")
    at = at.run()
    at.text_input(key=key.replace("rating_", "comment_")).input("Đúng ngày")
    at = at.form_submit_button[0].click().run()
    rows = httpx.get(f"{api_url}/feedback", headers={"X-API-Key": KEY}).json()
    [row] = [r for r in rows if r["id"] == mine[0]["id"]]
    assert row["rating"] == "up" and row["comment"] == "Đúng ngày"
    assert any("Cảm ơn" in c.value for c in at.caption)


def test_wrong_admin_key_is_said_in_vietnamese(app):
    admin = next(e for e in app.sidebar.expander if e.label == "Quản trị")
    admin.text_input[0].input("sai-khoa")
    at = app.run()
    next(b for b in at.sidebar.button if b.label == "Cập nhật chỉ mục").click()
    at = at.run()
    assert any("Khoá quản trị không đúng" in e.value for e in at.sidebar.error)
    assert not any("wrong API key" in e.value for e in at.sidebar.error)


def test_api_down_tells_staff_to_contact_it_and_hides_the_address(monkeypatch):
    port = free_port()
    monkeypatch.setenv("RAG_API_URL", f"http://127.0.0.1:{port}")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    warning = at.sidebar.warning[0].value
    assert "Không kết nối được" in warning and "hỗ trợ CNTT" in warning and str(port) not in warning
    at = _ask(at, "Đại hội diễn ra ngày nào?")
    assert not at.exception
    assert "hỗ trợ CNTT" in at.error[0].value and "127.0.0.1" not in at.error[0].value
    assert any(b.label == "Thử lại" for b in at.button)


def test_render_helpers():
    c = {"number": 1, "title": "Tin *mới*", "date": "2020-05-21", "source": "Sở GDĐT", "url": None,
         "file": "a.txt", "passage": "Mở đầu. Ngày 21/5 <họp>. Kết.", "passage_start": 100,
         "start": 108, "end": 124, "quote": "Ngày 21/5 <họp>."}
    assert highlighted_passage(c) == "Mở đầu. <mark>Ngày 21/5 &lt;họp&gt;.</mark> Kết."
    assert source_line(c) == "**[1] Tin \\*mới\\*** · 21/05/2020 · Sở GDĐT"
    assert source_line({**c, "url": "javascript:alert(1)"}) == source_line(c)  # never a script link
    assert "[Xem bài gốc](https://x.vn/a)" in source_line({**c, "url": "https://x.vn/a"})
    assert date_label({**c, "date_kind": "event"}) == "21/05/2020 (ngày sự kiện)"
    assert date_label({**c, "date_kind": "published"}) == "21/05/2020" and date_label({"date": None}) == ""
    assert vn_date(None) == "" and vn_date("2021-01-27") == "27/01/2021"
    text = answer_as_text("Hỏi gì?", {"answer": "Đáp.", "citations": [c], "short_answer": None}, {"source": "Sở GDĐT"})
    assert text == ("Hỏi: Hỏi gì?\nTrả lời: Đáp.\n\nNguồn:\n[1] Tin *mới* — Sở GDĐT — 21/05/2020\n"
                    "    “Ngày 21/5 <họp>.”\n\nPhạm vi tìm: đơn vị “Sở GDĐT”")
    # an answer shows as written: a statute's clauses each on its line, "1." no list, "*" no emphasis
    assert answer_markdown("Điều 113. Nghỉ\n1. Khoản *một*:\na) điểm a. [1]\n\nKhông có Điều 5.") == (
        "Điều 113. Nghỉ  \n1\\. Khoản \\*một\\*:  \na) điểm a. \\[1\\]\n\nKhông có Điều 5.")
    # a follow-up is copied with how it was read: "Còn khoản 2 thì sao?" alone says nothing
    followed = answer_as_text("Còn khoản 2 thì sao?", {"answer": "Đáp.", "citations": [], "short_answer": None,
                                                       "query": "Theo khoản 2 Điều 105, …?"})
    assert followed.startswith("Hỏi: Còn khoản 2 thì sao?\n(Đã hiểu câu hỏi là: “Theo khoản 2 Điều 105, …?”)\n")
    # the filters as the API reads them: the organisation's exact name, an undated article in no range
    article = {"source": "Sở GDĐT Trà Vinh", "date": "2021-01-27"}
    assert in_filters(article, {"source": "Sở GDĐT Trà Vinh", "date_from": dt.date(2021, 1, 27), "date_to": None})
    assert not in_filters(article, {"source": "Sở GDĐT", "date_from": None, "date_to": None})
    assert not in_filters(article, {"source": None, "date_from": None, "date_to": dt.date(2021, 1, 26)})
    assert not in_filters({**article, "date": None}, {"source": None, "date_from": dt.date(2000, 1, 1)})
    assert in_filters({**article, "date": None}, {"source": "Sở GDĐT Trà Vinh", "date_from": None, "date_to": None})
    # a yes/no verdict is copied first, as the chat shows it
    verdict = {"text": "Phó Giám đốc Sở", "citation": 1, "sure": True, "verdict": "không"}
    assert "Trả lời ngắn: Không — Phó Giám đốc Sở [1]" in answer_as_text("X có phải là Giám đốc không?", {
        "answer": "Đáp.", "citations": [], "short_answer": verdict})
    assert "Trả lời ngắn: Không — Nguyễn Văn X: Phó Giám đốc Sở [1]" in answer_as_text("X có phải là Giám đốc không?", {
        "answer": "Đáp.", "citations": [], "short_answer": {**verdict, "holder": "Nguyễn Văn X"}})
    # Whose posts, also with no verdict (the article silent on the post claimed).
    posts = {"text": "Tỉnh ủy viên, Giám đốc Sở GDĐT", "citation": 1, "sure": True, "kind": "post",
             "holder": "Nguyễn Thị Bạch Vân"}
    assert short_answer_text(posts) == "**Nguyễn Thị Bạch Vân: Tỉnh ủy viên, Giám đốc Sở GDĐT [1]**"
    assert example_questions(["HỘI NGHỊ IN HOA", "Hội nghị tổng kết năm 2020, triển khai nhiệm vụ " + "x" * 80,
                              "Trường A đạt chuẩn quốc gia"]) == [
        "Hội nghị tổng kết năm 2020 diễn ra khi nào?", "Tóm tắt bài “Trường A đạt chuẩn quốc gia”"]
    lines = rebuild_summary({"finished_at": None, "report": {
        "added": 0, "updated": 0, "removed": 0, "total_articles": 6, "articles_before": 6,
        "between": {"since_kind": "start", "added": 1, "updated": 0, "removed": 0, "added_titles": ["Bài mới"]}}})
    assert lines[0] == "Lần cập nhật chỉ mục gần nhất: từ thư mục bài viết thêm 0, sửa 0, xoá 0 bài."
    assert "từ khi máy chủ khởi động: 1 bài được tải lên (“Bài mới”)" in lines[1] and "không tính lại" in lines[1]
    assert lines[2] == "Chỉ mục hiện có 6 bài viết (trước khi cập nhật: 6)."


# --- "Nguồn web": a fake portal on 127.0.0.1 (never any other address) and an API over an empty index.
NEW_PAGE = "/tin-tuc/dai-hoi-dang-bo-lang-son.html"
BROKEN_PAGE = "/tin-tuc/bai-loi.html"
BLOCKED_PAGE = "/noi-bo/bao-cao.html"  # disallowed by robots.txt


@pytest.fixture(scope="module")
def portal():
    """robots.txt (a disallowed folder, a Sitemap: line), a sitemap of three pages: one sample
    article, one that answers 500, one robots.txt forbids."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    base = server.url_for("/").rstrip("/")
    lines = (SAMPLES / "002_fa9cf9e85024cd9b.txt").read_text(encoding="utf-8").splitlines()
    article = ("<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Sở GD&amp;ĐT</title></head><body>"
               "<main><article>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines if x.strip())
               + "</article></main></body></html>")
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2024-01-10</lastmod></url>"
                   for p in (NEW_PAGE, BROKEN_PAGE, BLOCKED_PAGE))
    server.expect_request("/robots.txt").respond_with_data(
        f"User-agent: *\nDisallow: /noi-bo/\n\nSitemap: {base}/sitemap.xml\n", content_type="text/plain")
    server.expect_request("/sitemap.xml").respond_with_data(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        content_type="application/xml")
    server.expect_request("/").respond_with_data("<html><body><p>Trang chủ</p></body></html>",
                                                 content_type="text/html; charset=utf-8")
    server.expect_request(NEW_PAGE).respond_with_data(article, content_type="text/html; charset=utf-8")
    server.expect_request(BROKEN_PAGE).respond_with_data("Lỗi máy chủ", status=500)
    yield base
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture(scope="module")
def web_api_url(base_settings, tmp_path_factory):
    """An API over an empty articles folder that may fetch from loopback (the portal), no delay."""
    root = tmp_path_factory.mktemp("ui-web")
    s = base_settings.model_copy(update={"data_dir": root / "articles", "index_dir": root / "index",
                                         "cache_dir": root / "cache"})
    s.data_dir.mkdir()
    with serve_api(s, RAG_ADMIN_API_KEY=KEY, RAG_FETCH_ALLOW_PRIVATE_ADDRESSES="true", RAG_FETCH_DELAY="0") as client:
        yield str(client.base_url)


def _sites(at: AppTest):
    return next(e for e in at.sidebar.expander if e.label == "Nguồn web")


def _add_site(at: AppTest, home: str) -> AppTest:
    form = _sites(at)
    form.text_input[0].input(home)
    return form.button[0].click().run()  # the form's submit button comes first


def test_web_site_is_registered_synced_and_reported(web_api_url, portal, monkeypatch):
    monkeypatch.setenv("RAG_API_URL", web_api_url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not any(e.label == "Nguồn web" for e in at.sidebar.expander)  # admins only
    next(e for e in at.sidebar.expander if e.label == "Quản trị").text_input[0].input(KEY)
    at = at.run()
    assert any("Chưa theo dõi trang web nào" in c.value for c in _sites(at).caption)

    at = _add_site(at, "ftp://127.0.0.1/")  # refused: the API's reason, in Vietnamese
    [error] = [e.value for e in _sites(at).error]
    assert error.startswith("Không thêm được trang web: Yêu cầu không hợp lệ. Lý do: không phải địa chỉ http:// "
                            "hoặc https://: 'ftp://127.0.0.1/'"), error
    assert not ENGLISH.search(error), error

    at = _add_site(at, portal + "/")
    assert not at.exception
    assert any(s.value.startswith("Đã thêm 127.0.0.1") for s in _sites(at).success)
    assert any("Chưa đồng bộ lần nào" in c.value for c in _sites(at).caption)
    assert any(m.value.startswith("**127.0.0.1") and "0 bài viết đã lấy" in m.value for m in _sites(at).markdown)

    next(b for b in _sites(at).button if b.label == "Đồng bộ ngay").click()
    at = at.run()
    deadline = time.time() + 120
    while not any("Lần đồng bộ gần nhất" in c.value for c in _sites(at).caption) and time.time() < deadline:
        time.sleep(1)
        at = at.run()
    report = next(c.value for c in _sites(at).caption if "Lần đồng bộ gần nhất" in c.value)
    assert "1 bài mới" in report and "1 bị robots.txt chặn" in report and "1 lỗi (HTTP 500: lỗi máy chủ)" in report, report
    assert any("1 bài viết đã lấy" in m.value for m in _sites(at).markdown)
    failures = next(e for e in _sites(at).expander if e.label.startswith("Trang lỗi"))
    assert BROKEN_PAGE in failures.markdown[0].value
    assert any(m.value.startswith("**1** bài viết") for m in at.sidebar.markdown)  # the new article counts


def test_sync_report_lines():
    at = dt.datetime(2026, 11, 23, 14, 5).timestamp()
    report = {"state": "done", "started_at": at - 30, "finished_at": at, "new": ["a", "b"], "changed": ["c"],
              "unchanged": 5, "duplicates": [], "skipped_robots": ["d"], "skipped": [], "gone": [],
              "failed": [{"url": "e", "reason": "HTTP 500"}, {"url": "f", "reason": "HTTP 500"}],
              "problems": ["sitemap x: HTTP 404"], "error": None}
    assert report_lines(report) == [
        "Lần đồng bộ gần nhất 14:05 23/11: 2 bài mới, 1 bài sửa, 5 không đổi, 1 bị robots.txt chặn, "
        "2 lỗi (HTTP 500: lỗi máy chủ).",
        "Vấn đề của trang web: sơ đồ trang (sitemap) x: HTTP 404: không tìm thấy trang"]
    assert report_lines(None) == ["Chưa đồng bộ lần nào."]
    quiet = {**report, "new": [], "changed": [], "unchanged": 0, "skipped_robots": [], "failed": [], "problems": [],
             "error": "ValueError: see the server log"}
    assert report_lines(quiet) == ["Lần đồng bộ gần nhất 14:05 23/11: không có trang nào.",
                                   "Lần đồng bộ dừng giữa chừng: lỗi ValueError; chi tiết trong nhật ký máy chủ"]
    odd = {**quiet, "error": "something no rule knows"}  # kept for IT support, marked as such
    assert report_lines(odd)[-1] == "Lần đồng bộ dừng giữa chừng: chi tiết kỹ thuật: something no rule knows"


def _reasons_from_the_code() -> list[str]:
    """Reasons the ingest, upload and fetch code really gives, made by calling it."""
    from rag.fetch.discover import parse_sitemap
    from rag.fetch.extract import extract_page
    from rag.fetch.urls import normalize
    from rag.files.names import stored_name
    from rag.ingest.quality import degenerate
    from rag.ingest.reader import read_text

    found = [degenerate("Hello world, this is an English text without any accent at all, " * 3),
             degenerate("học " * 40), degenerate("Bài viết\x07 có ký tự lạ " * 5),
             parse_sitemap(b"<html><p>Trang</p></html>", "a.vn").problem, parse_sitemap(b"", "a.vn").problem]
    calls = [lambda: read_text("   ", ".txt", "a.txt"), lambda: read_text("x", ".pdf", "a.pdf"),
             lambda: read_text('{"text": 1}', ".jsonl", "a.jsonl"), lambda: read_text("{bad", ".jsonl", "a.jsonl"),
             lambda: stored_name(""), lambda: stored_name("a" * 400 + ".txt"), lambda: normalize("ftp://a.vn/"),
             lambda: extract_page("<html><body><nav>Trang chủ</nav></body></html>", "https://a.vn/x"),
             lambda: extract_page("<html><body><article><p>Ngắn quá.</p></article></body></html>", "https://a.vn/y")]
    for call in calls:
        with pytest.raises(Exception) as refused:
            call()
        found.append(str(refused.value))
    return found


def test_server_reasons_read_in_vietnamese():
    """What the admin panel shows for each refusal: Vietnamese, with the figures and names kept."""
    reasons = _reasons_from_the_code()
    assert all(reasons) and len(set(reasons)) == len(reasons), reasons
    for reason in reasons:
        shown = vietnamese(reason)
        # A parser's own message may follow, marked as a technical detail, after the Vietnamese.
        said = shown.split("(chi tiết kỹ thuật:")[0]
        assert said and not said.startswith("chi tiết kỹ thuật") and not ENGLISH.search(said), (reason, shown)
    assert vietnamese("not indexed: the text holds no Vietnamese words; only Vietnamese articles are indexed") == (
        "chưa đưa được vào chỉ mục: văn bản không có từ tiếng Việt; chỉ nhận bài viết tiếng Việt")
    assert vietnamese("home: not an http(s) URL: 'ftp://a.vn/'; listings.0: not an http(s) URL: 'x'") == (
        "trang chủ: không phải địa chỉ http:// hoặc https://: 'ftp://a.vn/'; "
        "trang danh sách thứ 1: không phải địa chỉ http:// hoặc https://: 'x'")
    # Figures as Vietnamese writes them; a reason inside a known one that no rule knows is marked.
    assert vietnamese("no answer within 7.5 s") == "không có phản hồi sau 7,5 giây"
    assert vietnamese("the file is not UTF-8 text (invalid byte at position 0)").startswith(
        "tệp không phải văn bản UTF-8 (byte thứ 1 không đọc được)")
    assert vietnamese("not a readable sitemap (ParseError: junk)") == (
        "không đọc được sơ đồ trang (chi tiết kỹ thuật: ParseError: junk)")
    assert vietnamese("unsupported file type '(none)'; send one of .txt, .md") == (
        "không nhận loại tệp không có đuôi; chỉ nhận .txt, .md")
    assert vietnamese("  ") == ""
