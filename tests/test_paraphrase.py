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
    # "sở" only as a whole word: "sở hữu", "cơ sở" are not a Department.
    ("Người đứng đầu cơ sở giáo dục là ai?", "Người đứng đầu cơ sở giáo dục là ai?"),
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
     "Ai được bầu chức Phó Bí thư Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025?", "Hà Thị Khánh Vân"),
    ("Ai đọc lời khai mạc đại hội Đảng bộ Sở GDĐT Lạng Sơn?",
     "Ai đọc diễn văn khai mạc đại hội Đảng bộ Sở GDĐT Lạng Sơn?", "Trần Quốc Tuấn"),
])
def test_a_phrase_the_articles_write_otherwise_is_read_as_they_write_it(assistant, question, read, short):
    answer = assistant.ask(question)
    assert answer.query == read and answer.short_answer.text == short


def test_a_phrase_the_articles_do_write_is_searched_as_asked(assistant):
    """Only a phrase the index never writes is replaced: "được bầu" is not reworded, and
    "lời bế mạc" stays, the articles writing neither it nor "diễn văn bế mạc"."""
    index = assistant.refresh()
    knows = lambda word: index.lexical.idf(word) > 0  # noqa: E731
    from rag.text import segment
    assert as_written("Ai được bầu làm Bí thư?", knows, segment) == "Ai được bầu làm Bí thư?"
    assert as_written("Ai đọc lời bế mạc đại hội?", knows, segment) == "Ai đọc lời bế mạc đại hội?"
