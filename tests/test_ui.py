"""The chat page's logic with Streamlit's AppTest, against a real API server."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, free_port, serve_api
from ui.render import highlighted_passage, source_line, vn_date

APP = str(ROOT / "ui" / "app.py")


@pytest.fixture(scope="module")
def api_url(sample_index):
    with serve_api(sample_index) as client:
        yield str(client.base_url)


@pytest.fixture
def app(api_url, monkeypatch):
    monkeypatch.setenv("RAG_API_URL", api_url)
    at = AppTest.from_file(APP, default_timeout=60)
    return at.run()


def _ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question)
    return at.run()


def test_sidebar_shows_index_status_and_filters(app):
    assert not app.exception
    status = " ".join(m.value for m in app.sidebar.markdown)
    assert "**5** bài viết" in status and "multilingual-e5-small" in status
    assert "Sở Giáo dục và Đào tạo Trà Vinh" in app.sidebar.selectbox[0].options


def test_answer_with_sources_and_highlight(app):
    at = _ask(app, "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "21/5/2020" in text and "[1]" in text
    assert at.chat_message[-1].markdown[0].value == "**21/5/2020 [1]**"  # the short answer first, in bold
    assert "Sở Giáo dục và Đào tạo Lạng Sơn" in text  # the source line
    assert "<mark>" in text  # the quoted span is marked in its passage


def test_follow_up_is_understood(app):
    at = _ask(app, "Hội nghị của Sở Giáo dục và Đào tạo Sóc Trăng được tổ chức vào ngày nào?")
    at = _ask(at, "Còn ở Trà Vinh thì sao?")
    assert "25/01/2021" in at.chat_message[-1].markdown[0].value
    assert any("Đã hiểu câu hỏi là" in c.value for c in at.caption)


def test_not_found_is_said_plainly(app):
    at = _ask(app, "Cách nấu phở bò ngon?")
    assert any("Không tìm thấy" in i.value for i in at.info)


def test_filter_by_organisation(app):
    app.sidebar.selectbox[0].select("Sở Giáo dục và Đào tạo Trà Vinh")
    at = _ask(app.run(), "Hội nghị cán bộ công chức năm 2021 tổ chức ngày nào?")
    sources = [m.value for m in at.markdown if m.value.startswith("**[1]")]
    assert sources and all("Trà Vinh" in s for s in sources)


def test_new_conversation_clears(app):
    at = _ask(app, "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?")
    assert len(at.chat_message) == 2
    next(b for b in at.sidebar.button if "mới" in b.label).click()
    assert len(at.run().chat_message) == 0


def test_feedback_is_sent(app, api_url):
    at = _ask(app, "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?")
    at.session_state["rating_1"] = 0  # 👎, as a click on the thumbs widget would set it
    at = at.run()
    at.text_input(key="comment_1").input("Thiếu số đảng viên")
    at = at.run()
    at.button(key="send_1").click()
    at = at.run()
    assert any("Cảm ơn" in c.value for c in at.caption)


def test_api_down_gives_a_friendly_message_and_retry(monkeypatch):
    monkeypatch.setenv("RAG_API_URL", f"http://127.0.0.1:{free_port()}")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception and "Không kết nối được" in at.sidebar.warning[0].value
    at = _ask(at, "Đại hội diễn ra ngày nào?")
    assert not at.exception
    assert "Không kết nối được" in at.error[0].value
    assert any(b.label == "Thử lại" for b in at.button)


def test_render_helpers():
    c = {"number": 1, "title": "Tin *mới*", "date": "2020-05-21", "source": "Sở GDĐT", "url": None,
         "file": "/data/a.txt", "passage": "Mở đầu. Ngày 21/5 <họp>. Kết.", "passage_start": 100,
         "start": 108, "end": 124}
    assert highlighted_passage(c) == "Mở đầu. <mark>Ngày 21/5 &lt;họp&gt;.</mark> Kết."
    assert source_line(c) == "**[1] Tin \\*mới\\*** · 21/05/2020 · Sở GDĐT · `a.txt`"
    assert vn_date(None) == "" and vn_date("2021-01-27") == "27/01/2021"
