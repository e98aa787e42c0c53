"""End to end: the API and the Streamlit chat on 127.0.0.1, driven in Debian's headless Chromium.

``SAVE_SCREENSHOT=1`` also writes the screenshots shown in the README (docs/chat-first-visit.png,
docs/chat-answer.png, docs/chat-source.png, docs/chat-phone.png).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, free_port, serve_api, writable_sample_index

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
KEY = "browser-test-key"
QUESTION = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"


@pytest.fixture(scope="module")
def stack(base_settings, embedder, tmp_path_factory):
    """The API (admin key set, over a writable copy of the samples) and the chat; yields (chat URL, API client)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium chromium-driver)")
    s = writable_sample_index(base_settings, embedder, tmp_path_factory.mktemp("browser"))
    with serve_api(s, RAG_ADMIN_API_KEY=KEY) as api:
        port = free_port()
        env = {**os.environ, "RAG_API_URL": str(api.base_url)}
        with tempfile.TemporaryFile() as log:
            # Started from the repository root like `rag serve`, so .streamlit/config.toml applies.
            proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "ui/app.py", "--server.address",
                                     "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
                                     "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log,
                                    stderr=subprocess.STDOUT)
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + 120
            while time.time() < deadline:
                try:
                    if httpx.get(url + "/_stcore/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.3)
            try:
                yield url, api
            finally:
                proc.terminate()
                proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _open(browser, url: str, width: int = 1280, height: int = 1000):
    page = browser.new_page(viewport={"width": width, "height": height}, locale="vi-VN")
    page.goto(url)
    page.get_by_text("bài viết · cập nhật").wait_for(timeout=60_000)  # the sidebar has the index status
    return page


@pytest.fixture
def page(browser, stack):
    page = _open(browser, stack[0])
    yield page
    page.close()


def _ask(page, question: str, turn: int = 0):
    box = page.get_by_placeholder("Đặt câu hỏi về các bài viết…")
    box.fill(question)
    box.press("Enter")
    messages = page.locator('[data-testid="stChatMessage"]')
    messages.nth(2 * turn + 1).get_by_text("Phạm vi tìm").first.wait_for(timeout=60_000)  # the answer is complete
    return messages.nth(2 * turn + 1)


def _shot(page, name: str) -> Path:
    target = ROOT / "docs" / name if os.environ.get("SAVE_SCREENSHOT") else Path(tempfile.mkdtemp()) / name
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")  # not half-drawn
    page.screenshot(path=str(target), full_page=True)
    return target


def _feedback(api, question: str) -> list[dict]:
    return [r for r in api.get("/feedback", headers={"X-API-Key": KEY}).json() if r["question"] == question]


def _until(check, timeout: float = 20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    return check()


def test_answer_and_citation_appear(page):
    page.wait_for_function("document.documentElement.lang === 'vi'", timeout=10_000)  # set by the page's script
    assert page.get_by_text("Deploy", exact=True).count() == 0  # client.toolbarMode = "minimal"
    # First visit: examples made from the index's titles, e.g. "Hội nghị cán bộ … năm 2021 diễn ra khi nào?"
    page.get_by_role("button", name=re.compile("diễn ra khi nào")).first.wait_for()
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")  # the page has finished its run
    _shot(page, "chat-first-visit.png")
    answer = _ask(page, QUESTION)
    assert "[1]" in answer.inner_text()
    assert "21/5/2020" in answer.locator("strong").first.text_content()  # the short answer, first and bold
    assert answer.get_by_text("Sở Giáo dục và Đào tạo Lạng Sơn").count() >= 1
    assert ".txt" not in answer.inner_text()  # never a file name
    mark = answer.locator("mark").first
    assert "21/5/2020" in mark.text_content()  # the answering span is marked (its expander may be closed)
    labels = page.locator('[data-testid="stChatMessageContent"]').evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")
    assert labels[:2] == ["Tin nhắn của Bạn", "Tin nhắn của Trợ lý"]  # screen readers hear Vietnamese
    english = page.evaluate("() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"
                            ".filter(l => /^(Send message|Collapse sidebar|Choose date|Chat message from)/.test(l))")
    assert english == []
    answer.get_by_text("Đoạn trích").first.click()
    mark.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(800)  # let the expander finish opening
    # The turn from its question down (Streamlit scrolls inside the page, to the bottom): the
    # screenshot shows the short answer in bold above the quote.
    page.locator('[data-testid="stChatMessage"]').first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.mouse.move(700, 500)
    page.mouse.wheel(0, -120)  # the question too, which the top bar otherwise covers
    page.wait_for_timeout(300)
    box = answer.locator("strong").first.bounding_box()
    assert box is not None and 0 <= box["y"] < 1000 - box["height"]  # in the screenshot
    assert _shot(page, "chat-answer.png").stat().st_size > 10_000


def test_not_found_path(page):
    answer = _ask(page, "Cách nấu phở bò ngon?")
    answer.get_by_text("Không tìm thấy thông tin liên quan").wait_for(timeout=30_000)
    assert answer.locator("mark").count() == 0


def test_source_opens_from_the_citation(page):
    answer = _ask(page, QUESTION)
    answer.get_by_role("button", name="Mở bài viết").first.click()
    dialog = page.get_by_role("dialog")
    dialog.locator("mark#trich-dan").wait_for(timeout=30_000)
    assert "21/5/2020" in dialog.locator("mark#trich-dan").text_content()
    text = dialog.inner_text()
    assert "SỞ GIÁO DỤC VÀ ĐÀO TẠO LẠNG SƠN TỔ CHỨC THÀNH CÔNG" in text and "Sở Giáo dục và Đào tạo Lạng Sơn" in text
    assert "139 đảng viên" in text and len(text) > 2000  # the whole article, not the passage
    assert ".txt" not in text and "/tmp" not in text  # no file name, no server path
    page.wait_for_timeout(500)
    _shot(page, "chat-source.png")


def test_feedback_is_stored_on_click_and_updated_on_change(page, stack):
    api = stack[1]
    question = "Hội nghị cán bộ công chức Sở GDĐT Trà Vinh năm 2021 diễn ra ngày nào?"
    answer = _ask(page, question)
    answer.get_by_role("radio", name="Chưa đúng").click()  # emoji hidden from screen readers
    rows = _until(lambda: [r for r in _feedback(api, question) if r["rating"] == "down"])
    assert len(rows) == 1 and rows[0]["comment"] is None  # stored on the click alone
    assert rows[0]["short_answer"] == "25/01/2021"  # the bold answer rated, beside the quote
    answer.get_by_role("radio", name="Hữu ích").click()
    changed = _until(lambda: [r for r in _feedback(api, question) if r["rating"] == "up"])
    assert len(_feedback(api, question)) == 1 and changed[0]["id"] == rows[0]["id"]  # the same row, updated


def test_conversation_is_restored_after_reload(page):
    _ask(page, QUESTION)
    page.wait_for_url(re.compile(r"\?c=[A-Za-z0-9_-]+"), timeout=30_000)
    url = page.url
    page.reload()
    restored = page.locator('[data-testid="stChatMessage"]')
    restored.nth(1).get_by_text("Phạm vi tìm").first.wait_for(timeout=60_000)
    assert page.url == url and QUESTION in restored.nth(0).inner_text()
    assert "21/5/2020" in restored.nth(1).locator("strong").first.text_content()
    recent = page.locator('[data-testid="stSidebar"]').get_by_role("button", name=re.compile("Đại hội Đảng bộ Sở GDĐT"))
    recent.first.wait_for(timeout=10_000)  # listed among the recent conversations


def test_phone_width(browser, stack):
    # A phone's width; tall enough that the screenshot holds the whole turn (the page scrolls inside itself).
    page = _open(browser, stack[0], width=390, height=1500)
    try:
        answer = _ask(page, QUESTION)
        assert "21/5/2020" in answer.locator("strong").first.text_content()
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        page.wait_for_timeout(500)
        assert _shot(page, "chat-phone.png").stat().st_size > 10_000
    finally:
        page.close()


def test_admin_upload_refreshes_the_counts_and_the_rebuild_reports_it(page, stack):
    before = stack[1].get("/index/status").json()["articles"]
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(f"{before} bài viết").wait_for()
    sidebar.get_by_text("Quản trị", exact=True).click()  # not the "Khoá quản trị" label inside
    key = sidebar.get_by_label("Khoá quản trị", exact=True)
    key.fill(KEY)
    key.press("Enter")
    # The file picker speaks Vietnamese and gives the API's limit, not Streamlit's 200 MB.
    picker = sidebar.locator('[data-testid="stFileUploader"]')
    picker.get_by_text("Tối đa 2MB mỗi tệp", exact=False).wait_for(timeout=20_000)
    assert "Chọn tệp" in picker.inner_text() and "per file" not in picker.inner_text()
    text = "Lịch tiếp công dân tháng 12\n\nSở Giáo dục và Đào tạo Bến Tre tiếp công dân vào thứ Năm hằng tuần tại trụ sở."
    sidebar.locator('input[type="file"]').set_input_files(
        files=[{"name": "lich-tiep-dan.txt", "mimeType": "text/plain", "buffer": text.encode()}])
    sidebar.get_by_text("lich-tiep-dan.txt").wait_for(timeout=20_000)
    sidebar.get_by_role("button", name="Tải lên", exact=True).click()
    sidebar.get_by_text("Đã thêm “Lịch tiếp công dân tháng 12”").wait_for(timeout=60_000)
    # The count in the sidebar is the new one without any further interaction.
    sidebar.get_by_text(f"{before + 1} bài viết").wait_for(timeout=10_000)
    # A rebuild right after the upload says the upload was already indexed, not "thêm 0" alone.
    sidebar.get_by_role("button", name="Cập nhật chỉ mục", exact=True).click()
    sidebar.get_by_text("1 bài được tải lên (“Lịch tiếp công dân tháng 12”)").wait_for(timeout=120_000)
    sidebar.get_by_text(f"Chỉ mục hiện có {before + 1} bài viết").wait_for()


def test_api_down_then_back_is_noticed_by_the_page(page, stack):
    api = stack[1]
    sidebar = page.locator('[data-testid="stSidebar"]')
    os.kill(api.pid, signal.SIGSTOP)  # the API hangs: connections open, nothing answers
    try:
        warning = sidebar.get_by_text("Không kết nối được tới máy chủ hỏi đáp")
        warning.wait_for(timeout=60_000)
        text = sidebar.inner_text()
        assert "hỗ trợ CNTT" in text and "127.0.0.1" not in text and "http" not in text  # no internal address
    finally:
        os.kill(api.pid, signal.SIGCONT)
    # Back without a reload or a click: the page's health check reruns it.
    warning.wait_for(state="detached", timeout=60_000)
    sidebar.get_by_text("bài viết · cập nhật").wait_for(timeout=30_000)
