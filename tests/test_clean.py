"""Cleaning: normalisation, boilerplate removal on the real samples, metadata, readers."""

from __future__ import annotations

import json
import unicodedata

import pytest

from rag.clean import clean_document, normalize_query, normalize_vietnamese
from rag.documents import RawDocument
from rag.ingest import ReadError, read_file, read_text
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    "raw, expected",
    [("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("thuỷ điện", "thủy điện"), ("khoẻ", "khỏe"),
     ("xoá", "xóa"), ("HOÀ", "HÒA"), ("quý", "quý"), ("hoàn", "hoàn"), ("thuyền", "thuyền"), ("của", "của")],
)
def test_one_tone_mark_placement(raw, expected):
    assert normalize_vietnamese(raw) == expected
    assert normalize_vietnamese(unicodedata.normalize("NFD", raw)) == expected


def test_questions_and_articles_normalise_alike():
    assert normalize_query("  Thuỷ\u00a0điện  Hoà Bình?\u200b") == "Thủy điện Hòa Bình?"


def _clean(name: str):
    path = SAMPLES / name
    return clean_document(RawDocument(id=name, path=str(path), text=path.read_text(encoding="utf-8")))


NOISE = ["In trang", "Lượt xem", "A- A A+", "Tăng tương phản", "Tổng lượt truy cập", "Đang truy cập",
         "Hôm nay: 86", "Click để đánh giá", "Tổng số điểm", "Đánh giá bài viết", "Truy cập nội dung luôn",
         "Chi tiết tin", "Đọc bài viết", "Thống kê truy cập"]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_sample_boilerplate_is_removed(path):
    article = _clean(path.name)
    for noise in NOISE:
        assert noise not in article.text, noise
    assert len(article.text) > 1500


def test_real_content_is_kept():
    text = _clean("002_fa9cf9e85024cd9b.txt").text
    assert text.startswith("Ngày 21/5/2020, Đảng bộ Sở Giáo dục và Đào tạo (GDĐT) Lạng Sơn")
    assert "Dự đại hội có mặt 139 đảng viên" in text
    # The prose ends, then the by-line (kept: it is quoted when asked who wrote the article).
    assert text.endswith("quyết tâm thực hiện thắng lợi nghị quyết đã đề ra ./.\nTác giả: Lương Thị Bích Ngà")
    # A sentence that mentions a widget word stays: only whole noise lines go.
    doc = RawDocument(id="x", path="x.txt", text="Tiêu đề bài\n\n" + "Bài viết có lượt xem cao nhất năm được đánh giá tốt. " * 3)
    assert "lượt xem cao nhất" in clean_document(doc).text
    short = clean_document(RawDocument(id="y", path="y.txt", text="Thông báo\nLịch họp chuyển sang thứ Hai."))
    assert (short.title, short.text) == ("Thông báo", "Lịch họp chuyển sang thứ Hai.")


@pytest.mark.parametrize(
    "name, title, date, date_kind, author, source",
    [
        ("000_b361aaff9fcc3b44.txt", "Đảng bộ Sở Giáo dục và Đào tạo hoàn thành xuất sắc nhiệm vụ năm 2020",
         # An unlabelled by-line closes it: "Phan Xuân Nghĩa, Văn phòng Sở".
         "2021-01-14", "published", "Phan Xuân Nghĩa", "Sở Giáo dục và Đào tạo"),
        ("001_6f6c8a02a38941be.txt", "ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH LÀM VIỆC VỚI BAN CHẤP HÀNH ĐẢNG BỘ SỞ GIÁO DỤC VÀ ĐÀO TẠO",
         # No date beside the headline: "chiều ngày 08 ngày 5 năm 2023" opens the first paragraph.
         "2023-05-08", "event", "Đảng ủy Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo Kon Tum"),
        ("002_fa9cf9e85024cd9b.txt", "SỞ GIÁO DỤC VÀ ĐÀO TẠO LẠNG SƠN TỔ CHỨC THÀNH CÔNG ĐẠI HỘI ĐẢNG BỘ NHIỆM KỲ 2020-2025",
         "2020-05-21", "event", "Lương Thị Bích Ngà", "Sở Giáo dục và Đào tạo Lạng Sơn"),  # "Ngày 21/5/2020, …"
        ("003_8a7642bd17cf580f.txt", "Hội nghị Sơ kết công tác Đảng 6 tháng đầu năm 2020, triển khai phương hướng, "
         "nhiệm vụ 6 tháng cuối năm 2020 và báo cáo chuyên đề Đảng ủy Sở lần 1/2020", "2020-07-03", "published", None,
         "Sở Giáo dục và Đào tạo Sóc Trăng"),
        ("004_5050eadd8a00d5e3.txt", "Hội nghị cán bộ, công chức Sở Giáo dục và Đào tạo Trà Vinh năm 2021",
         "2021-01-27", "published", "Chí Quang", "Sở Giáo dục và Đào tạo Trà Vinh"),  # the event was on 25/01
    ],
)
def test_sample_metadata(name, title, date, date_kind, author, source):
    a = _clean(name)
    assert (a.title, a.date, a.date_kind, a.author, a.source) == (title, date, date_kind, author, source)
    assert a.title not in a.text  # the headline is metadata, not a quoted sentence
    if author:  # the by-line is quoted when asked who wrote the article
        assert author in a.text.rsplit("\n", 3)[-1] or author in a.text[-400:]


def test_a_by_line_under_the_headline_keeps_the_date_and_moves_last():
    prose = "Hội nghị tổng kết năm học được tổ chức trang trọng với nhiều đại biểu tham dự và phát biểu. " * 3
    a = clean_document(RawDocument(id="b", path="b.txt",
                                   text="Trang chủ\nTiêu đề hội nghị tổng kết\nTác giả: Nguyễn Văn An\n12/05/2023\n" + prose))
    assert (a.title, a.date, a.author) == ("Tiêu đề hội nghị tổng kết", "2023-05-12", "Nguyễn Văn An")
    assert a.text.endswith("\nTác giả: Nguyễn Văn An") and a.text.startswith("Hội nghị tổng kết")


def test_a_statute_is_named_by_its_type_number_and_title_and_dated_by_its_dateline():
    """The last short line before a statute's first long paragraph is its preamble ("Căn cứ …;"),
    not its name; the number in its header is part of its name (it is cited by it); the
    dateline above the name is its date."""
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 66/2026/NĐ-CP\n"
            "Hà Nội, ngày 02 tháng 3 năm 2026\nNGHỊ ĐỊNH\nQuy định chi tiết một số điều của Luật Giáo dục\n"
            "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
            "Căn cứ Luật Giáo dục số 43/2019/QH14 được sửa đổi, bổ sung bởi Luật số 123/2025/QH15;\n"
            "Điều 1. Phạm vi điều chỉnh\n" + "Nghị định này quy định chi tiết một số điều của Luật Giáo dục. " * 3)
    a = clean_document(RawDocument(id="n", path="nghi-dinh.txt", text=text))
    assert a.title == "NGHỊ ĐỊNH số 66/2026/NĐ-CP Quy định chi tiết một số điều của Luật Giáo dục"
    assert (a.date, a.date_kind) == ("2026-03-02", "published")
    assert a.text.startswith("Căn cứ Luật Tổ chức Chính phủ")


def test_a_statute_saved_with_its_citation_on_the_first_line_is_named_by_it():
    """With no header, the short lines nearest the body are the laws it rests on ("Nghị quyết số
    248/2025/QH15 …"), not its name: the first line citing a statute by number is."""
    text = ("Nghị định 93/2026/NĐ-CP quy định chi tiết một số điều của Luật Nhà giáo\n\nCăn cứ pháp luật\n"
            "Luật Nhà giáo số 73/2025/QH15\nNghị quyết số 248/2025/QH15 của Quốc hội về cơ chế đặc thù\n\n"
            "Điều 1. Phạm vi điều chỉnh\n" + "Nghị định này quy định chi tiết một số điều của Luật Nhà giáo. " * 3)
    a = clean_document(RawDocument(id="n", path="n.txt", text=text))
    assert a.title == "NGHỊ ĐỊNH số 93/2026/NĐ-CP quy định chi tiết một số điều của Luật Nhà giáo"
    # A news page opening with a decree's citation, with no articles of its own, keeps its headline.
    news = clean_document(RawDocument(id="t", path="t.txt", text=(
        "Nghị định 93/2026/NĐ-CP có gì mới\nTriển khai nghị định mới về nhà giáo\n"
        + "Sáng ngày 14/7/2026, Sở Giáo dục và Đào tạo tổ chức hội nghị triển khai Nghị định 93/2026/NĐ-CP. " * 3)))
    assert news.title == "Triển khai nghị định mới về nhà giáo"
    # A headline citing a decision, over a report with a numbered list, is not renamed as a statute.
    report = clean_document(RawDocument(id="r", path="r.txt", text=(
        "Quyết định 123/2026/QĐ-UBND về kế hoạch tuyển sinh lớp 10\n"
        + "Sáng ngày 14/7/2026, Sở Giáo dục và Đào tạo triển khai kế hoạch tuyển sinh lớp 10 cho các trường. " * 3
        + "\n1. Tuyển sinh theo hình thức xét tuyển.\n2. Thời gian nộp hồ sơ từ ngày 1/8/2026.")))
    assert report.title == "Quyết định 123/2026/QĐ-UBND về kế hoạch tuyển sinh lớp 10"


def test_a_law_without_a_header_is_named_by_its_type_line_not_its_first_chapter():
    text = ("LUẬT\nBẢO HIỂM XÃ HỘI\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
            "Quốc hội ban hành Luật Bảo hiểm xã hội.\n\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n"
            + "Luật này quy định về quyền, trách nhiệm của cơ quan, tổ chức, cá nhân đối với bảo hiểm xã hội. " * 3)
    a = clean_document(RawDocument(id="l", path="luat.txt", text=text))
    assert a.title == "LUẬT BẢO HIỂM XÃ HỘI" and a.text.startswith("Căn cứ Hiến pháp")
    # A name over two lines is read whole.
    amended = clean_document(RawDocument(id="s", path="s.txt", text=(
        "LUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT\nGIÁO DỤC ĐẠI HỌC\nCăn cứ Hiến pháp;\n"
        + "Điều 1. Sửa đổi, bổ sung một số điều của Luật Giáo dục đại học về tự chủ đại học và quản trị. " * 3)))
    assert amended.title == "LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT GIÁO DỤC ĐẠI HỌC"
    # The document type nearest the preamble names it, not a menu item above.
    notice = clean_document(RawDocument(id="t", path="t.txt", text=(
        "HƯỚNG DẪN\nTHÔNG BÁO\nTuyển sinh lớp 10 năm 2024\nCăn cứ Kế hoạch số 12/KH-SGDĐT;\n"
        + "Sở Giáo dục và Đào tạo thông báo tuyển sinh lớp 10 năm học 2024-2025 như sau. " * 3)))
    assert notice.title == "THÔNG BÁO Tuyển sinh lớp 10 năm 2024"
    # A menu's "HƯỚNG DẪN" above a news headline names nothing.
    page = clean_document(RawDocument(id="p", path="p.txt", text="HƯỚNG DẪN\nLIÊN HỆ\nHội nghị tổng kết năm học\n"
                                      + "Sáng ngày 14/01/2021, Sở Giáo dục và Đào tạo tổ chức hội nghị tổng kết. " * 3))
    assert page.title == "Hội nghị tổng kết năm học"


@pytest.mark.parametrize("line, author", [
    ("Phan Xuân Nghĩa, Văn phòng Sở", "Phan Xuân Nghĩa"),
    ("Hà Nội, ngày 5 tháng 3 năm 2023", None),  # a place and a date
    ("Cao Bằng - tháng 5/2023", None),
    ("Văn Phòng Sở", None),
    ("Một số hình ảnh Hội nghị", None),
])
def test_an_unlabelled_by_line_is_a_name(line, author):
    from rag.clean.metadata import unlabelled_author

    assert unlabelled_author(line) == author


def test_html_goes_through_trafilatura(tmp_path):
    page = tmp_path / "page.html"
    body = "<p>Ngày 12/3/2024, Sở Giáo dục và Đào tạo Hà Giang tổ chức hội thảo về chuyển đổi số trong trường học. " * 4
    page.write_text(
        "<html><head><title>Hội thảo chuyển đổi số</title><meta name='author' content='Nguyễn Văn An'>"
        "<meta property='article:published_time' content='2024-03-12'></head><body>"
        "<nav><a href='/'>Trang chủ</a> <a href='/tin'>Tin tức</a></nav>"
        f"<article><h1>Hội thảo chuyển đổi số</h1>{body}</p></article>"
        "<footer>Bản quyền thuộc về Sở GDĐT. Lượt truy cập: 12345</footer></body></html>",
        encoding="utf-8",
    )
    a = clean_document(read_file(page)[0])
    assert a.title == "Hội thảo chuyển đổi số"
    assert a.date == "2024-03-12"
    assert "chuyển đổi số trong trường học" in a.text
    assert "Bản quyền" not in a.text and "Trang chủ" not in a.text


def test_html_page_without_its_own_date_or_site_name(tmp_path):
    """A host name is no organisation, and a date elsewhere on the page (a footer) is not the
    article's: the organisation and the event date come from the article's own words."""
    page = tmp_path / "page.html"
    body = "<p>Ngày 12/3/2024, Sở Giáo dục và Đào tạo Hà Giang tổ chức hội thảo về chuyển đổi số trong trường học. " * 4
    page.write_text(
        "<html><head><title>Hội thảo chuyển đổi số</title>"
        "<meta property='og:site_name' content='sgddt.hagiang.gov.vn'></head><body>"
        f"<article><h1>Hội thảo chuyển đổi số</h1>{body}</p></article>"
        "<footer>Cập nhật giao diện ngày 04/11/2013. Lượt truy cập: 12345</footer></body></html>",
        encoding="utf-8",
    )
    a = clean_document(read_file(page)[0])
    assert a.source == "Sở Giáo dục và Đào tạo Hà Giang"
    assert (a.date, a.date_kind) == ("2024-03-12", "event")


def test_jsonl_reader(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [{"id": "a1", "title": "Tin 1", "text": "Nội dung thứ nhất đủ dài.", "url": "https://x.vn/1", "date": "2024-05-01"},
            {"title": "Tin 2", "text": "Nội dung thứ hai.", "source": "Sở GDĐT Huế"}]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    docs = read_file(f)
    assert [d.title for d in docs] == ["Tin 1", "Tin 2"]
    a = clean_document(docs[0])
    assert (a.url, a.date, a.title) == ("https://x.vn/1", "2024-05-01", "Tin 1")
    assert clean_document(docs[1]).source == "Sở GDĐT Huế"


@pytest.mark.parametrize(
    "content, suffix, reason",
    [("{not json", ".jsonl", "line 1: invalid JSON"), ('{"title": "x"}', ".jsonl", "'text' string"),
     ("   ", ".txt", "no article text"), ("x", ".pdf", "unsupported file type")],
)
def test_bad_input_is_reported(content, suffix, reason):
    with pytest.raises(ReadError, match=reason):
        read_text(content, suffix, "f" + suffix)


def test_non_utf8_file_is_reported(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes("Hội nghị".encode("cp1258", errors="replace") + b"\xff\xfe")
    with pytest.raises(ReadError, match="not UTF-8"):
        read_file(f)


@pytest.mark.parametrize("stated, iso", [
    ("2024-03-05", "2024-03-05"), ("05/03/2024", "2024-03-05"), ("ngày 12 tháng 3 năm 2024", "2024-03-12"),
    ("March 5, 2024", "2024-03-05"), ("Thứ Hai, 05/03/2024 10:00", "2024-03-05"),
    ("31/02/2024", None), ("không rõ", None),
])
def test_stated_dates_are_parsed_and_validated(stated, iso):
    """A source's date is stored as a real ISO date or not at all ("March 5, 2024" was kept as "March 5, 2")."""
    from rag.clean import clean_document
    from rag.documents import RawDocument

    article = clean_document(RawDocument(id="x", path="x.jsonl#1", text="Nội dung bài viết.", title="Tin", date=stated))
    assert article.date == iso


@pytest.mark.parametrize("first_paragraph, iso", [
    ("Ngày 12/3/2024, Sở Giáo dục và Đào tạo tổ chức hội nghị.", "2024-03-12"),
    ("Sáng ngày 5 tháng 4 năm 2021, tại hội trường, Sở tổ chức lễ ra mắt.", "2021-04-05"),
    ("Vào chiều ngày 5 tháng Tư năm 2021 tại Hà Nội, hội thảo khai mạc.", "2021-04-05"),  # dateparser
    ("Thực hiện kế hoạch, sáng ngày 03-7-2020, tại Hội trường Sở, Đảng ủy họp.", "2020-07-03"),
    # Not the event's date: a reference, a day without its year, a range, no real date.
    ("Căn cứ Quyết định số 12 ngày 3/3/2024 của UBND tỉnh, Sở tổ chức tập huấn.", None),
    ("Ngày 12/3, Sở tổ chức hội nghị.", None),
    ("Trong 2 ngày 12 và 13/3/2024, hội thảo diễn ra tại Huế.", None),
    ("Ngày 31/2/2024, Sở tổ chức hội nghị.", None),
])
def test_event_date_from_the_first_paragraph(first_paragraph, iso):
    """A page with no publication date gets the date its report opens with, marked as an event date."""
    a = clean_document(RawDocument(id="e", path="e.txt", text=f"Tin hoạt động\n\n{first_paragraph}\n\nNgày 9/9/2024 x."))
    assert (a.date, a.date_kind) == (iso, "event" if iso else None)


def test_a_stated_date_is_the_publication_date():
    a = clean_document(RawDocument(id="p", path="p.jsonl#1", text="Ngày 12/3/2024, Sở họp.", title="Tin", date="2024-03-15"))
    assert (a.date, a.date_kind) == ("2024-03-15", "published")


@pytest.mark.parametrize("typed, read", [
    ("bn chi bộ trực thuộc Đảng bộ Sở Lạng Sơn", "bao nhiêu chi bộ trực thuộc Đảng bộ Sở Lạng Sơn"),
    ("Đại hội có bn đảng viên dự ko?", "Đại hội có bao nhiêu đảng viên dự không?"),
    ("Hội nghị bàn j?", "Hội nghị bàn gì?"),
    ("tóm tắt bài đại hội đảng bộ sở gd lạng sơn", "tóm tắt bài đại hội đảng bộ sở giáo dục lạng sơn"),
    ("Sở GD và ĐT, Sở GD&ĐT", "Sở GD và ĐT, Sở GD&ĐT"),  # the Department's own abbreviation
    ("BN 91 là ai?", "BN 91 là ai?"),  # in capitals: a patient, not "bao nhiêu"
    ("đc Hoàng Văn Minh giữ chức vụ gì?", "đồng chí Hoàng Văn Minh giữ chức vụ gì?"),
    # Codes and letters an article may mean: as typed.
    ("Mẫu KH/BN số 2 ở điểm k khoản 1", "Mẫu KH/BN số 2 ở điểm k khoản 1"),
])
def test_chat_shorthand_in_a_question_is_written_out(typed, read):
    from rag.clean.normalize import clean_question

    assert clean_question(typed) == read


def test_a_question_in_shorthand_is_answered(assistant):
    """A staff user's "bn chi bo truc thuoc dang bo so lang son" had got the guess "Dự đại hội có mặt 139"."""
    assert assistant.ask("bn chi bo truc thuoc dang bo so lang son").short_answer.text == "7 chi bộ"
