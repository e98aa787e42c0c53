"""A post asked by its role ("người đứng đầu Sở") is read as its title ("Giám đốc Sở")."""

from __future__ import annotations

import pytest

from rag.answer.paraphrase import as_written, posts_named


@pytest.mark.parametrize("question, read", [
    ("Người đứng đầu Sở GDĐT Trà Vinh là ai?", "Giám đốc Sở GDĐT Trà Vinh là ai?"),
    ("Thủ trưởng Sở GDĐT Trà Vinh năm 2021 là ai?", "Giám đốc Sở GDĐT Trà Vinh năm 2021 là ai?"),
    ("Ai là cấp phó của Sở GDĐT Lạng Sơn?", "Ai là Phó Giám đốc Sở GDĐT Lạng Sơn?"),
    ("Ai là người đứng đầu Đảng ủy Sở?", "Ai là Bí thư Đảng ủy Sở?"),
    ("Cấp trưởng của Công đoàn cơ sở tên là gì?", "Chủ tịch Công đoàn cơ sở tên là gì?"),
    ("Ai là cấp phó của phòng GDĐT?", "Ai là Phó Trưởng phòng GDĐT?"),
    ("Người lãnh đạo cao nhất của trường THPT Chu Văn An là ai?", "Hiệu trưởng trường THPT Chu Văn An là ai?"),
    ("Cấp phó của Bộ GDĐT là ai?", "Thứ trưởng Bộ GDĐT là ai?"),
    # Not a question asking who: a statute's own term ("người đứng đầu cơ quan") stays.
    ("Người đứng đầu Sở có nhiệm vụ gì?", "Người đứng đầu Sở có nhiệm vụ gì?"),
    # A body whose head has no one title.
    ("Người đứng đầu cơ quan là ai?", "Người đứng đầu cơ quan là ai?"),
    # A body only as pyvi reads the word: "cơ sở", "tổ chức", "bộ phận", "hội nghị" and "Ban
    # Chấp hành" are no "sở", "tổ", "bộ", "hội" or "ban"; nor is a body headed by another title
    # (the Ủy ban Kiểm tra's Chủ nhiệm, the Ban Giám hiệu's Hiệu trưởng) rewritten.
    ("Người đứng đầu cơ sở giáo dục là ai?", "Người đứng đầu cơ sở giáo dục là ai?"),
    ("Ai là người đứng đầu tổ chức Công đoàn?", "Ai là người đứng đầu tổ chức Công đoàn?"),
    ("Ai là người đứng đầu bộ phận một cửa?", "Ai là người đứng đầu bộ phận một cửa?"),
    ("Ai là người đứng đầu Hội nghị sơ kết?", "Ai là người đứng đầu Hội nghị sơ kết?"),
    ("Ai là người đứng đầu Ban Chấp hành Đảng bộ Sở?", "Ai là người đứng đầu Ban Chấp hành Đảng bộ Sở?"),
    ("Ai là người đứng đầu Ủy ban Kiểm tra?", "Ai là người đứng đầu Ủy ban Kiểm tra?"),
    ("Ai là người đứng đầu Ban Giám hiệu?", "Ai là người đứng đầu Ban Giám hiệu?"),
    ("Người đứng đầu UBND tỉnh là ai?", "Chủ tịch UBND tỉnh là ai?"),
    # Asked for the title itself, the question must keep the role.
    ("Tên gọi chức danh của người đứng đầu Sở là gì?", "Tên gọi chức danh của người đứng đầu Sở là gì?"),
])
def test_a_role_is_read_as_the_post_that_holds_it(question, read):
    assert posts_named(question) == read


def test_the_reply_shows_the_question_as_read(assistant):
    """The chat's "Đã hiểu câu hỏi là: …" shows the post the search looked for."""
    answer = assistant.ask("Người đứng đầu Sở GDĐT Trà Vinh là ai?")
    assert answer.query == "Giám đốc Sở GDĐT Trà Vinh là ai?"
    assert answer.short_answer.text == "Nguyễn Thị Bạch Vân"


@pytest.mark.parametrize("question, read, short", [
    ("Ai trúng cử chức Phó Bí thư Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025?",
     "Ai được bầu giữ chức Phó Bí thư Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025?", "Hà Thị Khánh Vân"),
    ("Ai đọc lời khai mạc đại hội Đảng bộ Sở GDĐT Lạng Sơn?",
     "Ai đọc diễn văn khai mạc đại hội Đảng bộ Sở GDĐT Lạng Sơn?", "Trần Quốc Tuấn"),
])
def test_a_phrase_the_articles_write_otherwise_is_read_as_they_write_it(assistant, question, read, short):
    answer = assistant.ask(question)
    assert answer.query == read and answer.short_answer.text == short


def test_a_phrase_the_articles_do_write_is_searched_as_asked(assistant):
    """Over the sample index: "được bầu" is not reworded, and "lời bế mạc" stays, the articles
    writing neither it nor "diễn văn bế mạc"."""
    index = assistant.refresh()
    knows = lambda word: index.lexical.idf(word) > 0  # noqa: E731
    assert as_written("Ai được bầu làm Bí thư?", knows) == "Ai được bầu làm Bí thư?"
    assert as_written("Ai đọc lời bế mạc đại hội?", knows) == "Ai đọc lời bế mạc đại hội?"


@pytest.mark.parametrize("vocabulary, question, read", [
    # An index that writes "trúng cử" is searched with it.
    ({"trúng_cử", "được", "bầu"}, "Ai trúng cử Bí thư?", "Ai trúng cử Bí thư?"),
    ({"được", "bầu"}, "Ai trúng cử Bí thư?", "Ai được bầu Bí thư?"),
    # Nor is it rewritten into words the index lacks.
    ({"trúng"}, "Ai trúng cử Bí thư?", "Ai trúng cử Bí thư?"),
    # A capital stays a capital: the reply shows the question as read.
    ({"được", "bầu"}, "Trúng cử Phó Bí thư là ai?", "Được bầu Phó Bí thư là ai?"),
    ({"diễn_văn", "khai_mạc", "lời"}, "Ai đọc lời khai mạc?", "Ai đọc diễn văn khai mạc?"),
    # When a statute "applies from" is when it takes effect, as statutes write it.
    ({"có", "hiệu_lực"}, "Nghị định bắt đầu áp dụng từ ngày nào?", "Nghị định có hiệu lực từ ngày nào?"),
    ({"có", "hiệu_lực"}, "Thông tư được áp dụng kể từ bao giờ?", "Thông tư có hiệu lực kể từ bao giờ?"),
    # "áp dụng khi nào" asks in what case (a cold read: a scholarship's transitional clause answered).
    ({"có", "hiệu_lực"}, "Học bổng được áp dụng khi nào?", "Học bổng được áp dụng khi nào?"),
    ({"có", "hiệu_lực"}, "Quy định áp dụng đối với ai?", "Quy định áp dụng đối với ai?"),
    # What a statute replaces it says has ceased to have effect ("… hết hiệu lực"); had been "not found".
    ({"làm", "hết", "hiệu_lực"}, "Nghị định 233/2026/NĐ-CP thay thế nghị định nào?",
     "Nghị định 233/2026/NĐ-CP làm hết hiệu lực nghị định nào?"),
    ({"làm", "hết", "hiệu_lực"}, "Cơ chế mới thay thế cơ chế cũ thế nào?", "Cơ chế mới thay thế cơ chế cũ thế nào?"),
])
def test_a_phrase_is_rewritten_only_into_the_index_s_words(vocabulary, question, read):
    assert as_written(question, vocabulary.__contains__) == read


@pytest.mark.parametrize("question, expected", [
    ("Thế nào là livestream bán hàng?", "Livestream bán hàng là gì?"),
    ("Theo Điều 3, thế nào là người bán?", "Theo Điều 3, người bán là gì?"),
    ("Livestream bán hàng được luật định nghĩa thế nào?", "Livestream bán hàng là gì?"),
    ("Nền tảng số được hiểu như thế nào?", "Nền tảng số là gì?"),
    ("Khái niệm thương mại điện tử là gì?", "Thương mại điện tử là gì?"),
    ("Định nghĩa của thương mại điện tử?", "Thương mại điện tử là gì?"),
    ("Hiểu thế nào về nền tảng số?", "Nền tảng số là gì?"),
    # Asked how something is ruled or went, not what it means: as typed.
    ("Thời giờ làm việc được quy định như thế nào?", "Thời giờ làm việc được quy định như thế nào?"),
    ("Hội nghị được tổ chức như thế nào?", "Hội nghị được tổ chức như thế nào?"),
    # Another question after the term (a cold read): as typed.
    ("Khái niệm livestream bán hàng được quy định tại điều nào?", "Khái niệm livestream bán hàng được quy định tại điều nào?"),
    ("Thế nào là hoàn thành tốt nhiệm vụ thì được khen thưởng?", "Thế nào là hoàn thành tốt nhiệm vụ thì được khen thưởng?"),
    ("Khái niệm nền tảng số được hiểu như thế nào?", "Nền tảng số là gì?"),
])
def test_a_definition_asked_in_other_words_is_read_as_x_la_gi(question, expected):
    from rag.answer.question import definition_typed

    assert definition_typed(question) == expected
