"""The chat page's logic with Streamlit's AppTest, against a real API server."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, free_port, serve_api
from ui.render import (answer_as_text, date_label, example_questions, highlighted_passage, rebuild_summary,
                       source_line, vn_date)

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


def test_first_visit_says_what_is_covered_and_offers_examples(app):
    assert not app.exception
    status = " ".join(m.value for m in app.sidebar.markdown)
    assert "**5** bài viết" in status and "đoạn" not in status  # staff words; chunks only under "Giới thiệu"
    assert "multilingual-e5-small" not in status
    about = next(e for e in app.sidebar.expander if e.label == "Giới thiệu")
    assert any("multilingual-e5-small" in c.value for c in about.caption)
    assert "Sở Giáo dục và Đào tạo Trà Vinh" in app.sidebar.selectbox[0].options
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
    assert len(at.chat_message) == 0


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
    assert example_questions(["HỘI NGHỊ IN HOA", "Hội nghị tổng kết năm 2020, triển khai nhiệm vụ " + "x" * 80,
                              "Trường A đạt chuẩn quốc gia"]) == [
        "Hội nghị tổng kết năm 2020 diễn ra khi nào?", "Trường A đạt chuẩn quốc gia như thế nào?"]
    lines = rebuild_summary({"finished_at": None, "report": {
        "added": 0, "updated": 0, "removed": 0, "total_articles": 6, "articles_before": 6,
        "between": {"since_kind": "start", "added": 1, "updated": 0, "removed": 0, "added_titles": ["Bài mới"]}}})
    assert lines[0] == "Lần cập nhật chỉ mục gần nhất: từ thư mục bài viết thêm 0, sửa 0, xoá 0 bài."
    assert "từ khi máy chủ khởi động: 1 bài được tải lên (“Bài mới”)" in lines[1] and "không tính lại" in lines[1]
    assert lines[2] == "Chỉ mục hiện có 6 bài viết (trước khi cập nhật: 6)."
