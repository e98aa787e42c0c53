"""A "who is" answer and the term of office it holds the post for (rag.answer.tenure): the
Lạng Sơn article reports the 2020-2025 congress and names the outgoing Bí thư by his 2015-2020
term; he is not answered as the holder of any other term."""

from __future__ import annotations

import pytest

from rag.answer import tenure

LANG_SON = "Đảng ủy Sở GDĐT Lạng Sơn"


def test_a_past_holder_is_answered_with_his_term_and_flagged(assistant):
    answer = assistant.ask(f"Ai là Bí thư {LANG_SON}?")
    short = answer.short_answer
    assert answer.status == "answered" and short.text == "Trần Quốc Tuấn" and short.basis == "past"
    assert short.sure is False  # shown as a guess to check against the quote, not in bold
    assert answer.note == ("Các bài viết không nêu ai là Bí thư nhiệm kỳ 2020-2025; "
                           "bài viết ghi Trần Quốc Tuấn là Bí thư nhiệm kỳ 2015-2020.")
    assert answer.text.endswith(answer.note) and "nhiệm kỳ 2015-2020" in answer.citations[0].quote


def test_the_holder_of_another_term_does_not_answer_the_asked_term(assistant):
    answer = assistant.ask(f"Ai là Bí thư {LANG_SON} nhiệm kỳ 2020-2025?")
    assert answer.abstained and answer.status == "not_found" and answer.short_answer is None
    assert answer.note.startswith("Các bài viết không nêu ai là Bí thư nhiệm kỳ 2020-2025; "
                                  "bài viết ghi Trần Quốc Tuấn là Bí thư nhiệm kỳ 2015-2020.")
    assert "LẠNG SƠN" in answer.note  # the nearest article, by its title


@pytest.mark.parametrize("question", [f"Ai được bầu làm Bí thư {LANG_SON} nhiệm kỳ mới?",
                                      f"Bí thư {LANG_SON} khóa này là ai?"])
def test_the_new_term_asked_plainly_is_the_term_the_article_reports(assistant, question):
    """A staff user read "Có thể là: Trần Quốc Tuấn" above a note saying the new term's Bí thư is
    not stated: "nhiệm kỳ mới" asks for that term as its years do."""
    answer = assistant.ask(question)
    assert answer.abstained and answer.short_answer is None and "nhiệm kỳ 2020-2025" in answer.note
    assert tenure.asks_new_term(question) and not tenure.asks_new_term(f"Ai là Bí thư {LANG_SON}?")


@pytest.mark.parametrize("question", [f"Ai là Phó Bí thư {LANG_SON}?", f"Ai là Phó Bí thư {LANG_SON} nhiệm kỳ 2020-2025?"])
def test_the_sentence_naming_the_holder_of_the_later_term_is_quoted(assistant, question):
    """Hà Thị Khánh Vân is named Phó Bí thư 2015-2020 beside the Bí thư, and elected Phó Bí thư
    2020-2025 further on: that sentence answers, sure, with no note."""
    answer = assistant.ask(question)
    assert answer.short_answer.text == "Hà Thị Khánh Vân" and answer.short_answer.sure
    assert "nhiệm kỳ 2020 – 2025" in answer.citations[0].quote and answer.note is None


@pytest.mark.parametrize("question", [f"Nhiệm kỳ 2020-2025, ai là Bí thư {LANG_SON}?",
                                      f"Trong nhiệm kỳ 2020-2025 ai là Bí thư {LANG_SON}?"])
def test_a_term_written_first_is_read_as_the_asked_one(assistant, question):
    """The term set before "ai là …" (found by an API probe: it answered the Phó Bí thư, sure)."""
    answer = assistant.ask(question)
    assert answer.status == "not_found" and "không nêu ai là Bí thư nhiệm kỳ 2020-2025" in answer.note


@pytest.mark.parametrize("question, name", [
    (f"Ai là Bí thư {LANG_SON} nhiệm kỳ 2015-2020?", "Trần Quốc Tuấn"),
    (f"Ai là Phó Bí thư {LANG_SON} nhiệm kỳ 2015-2020?", "Hà Thị Khánh Vân"),
    ("Ai là Bí thư Đảng ủy Sở GDĐT Kon Tum?", "Phạm Thị Trung"),  # her post is written with no term
])
def test_the_holder_of_the_asked_or_only_term_is_sure(assistant, question, name):
    answer = assistant.ask(question)
    assert answer.short_answer.text == name and answer.short_answer.sure and answer.note is None


@pytest.mark.parametrize("text, name, term", [
    ("đồng chí Trần Quốc Tuấn – Tỉnh ủy viên, Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2015-2020,các đại biểu", "Trần Quốc Tuấn",
     "2015-2020"),
    ("Đồng chí Hà Thị Khánh Vân, Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở, nhiệm kỳ 2020 – 2025.",
     "Hà Thị Khánh Vân", "2020-2025"),
    ("Ông Nguyễn Văn An, Bí thư Huyện ủy khóa 2010-2015, phát biểu.", "Nguyễn Văn An", "2010-2015"),
    # The term is someone else's, or the sentence's, not written with the post.
    ("đồng chí Trần Quốc Tuấn – Bí thư, báo cáo do đồng chí Hà Thị Khánh Vân, Phó Bí thư nhiệm kỳ 2015-2020",
     "Trần Quốc Tuấn", None),
    ("Ông Nguyễn Văn An phát biểu. Đại hội nhiệm kỳ 2020-2025 bầu 9 đồng chí.", "Nguyễn Văn An", None),
    ("Ông Nguyễn Văn An, Bí thư Đảng ủy, phát biểu về phương hướng 2020-2025.", "Nguyễn Văn An", None),
])
def test_the_term_written_with_a_name_s_post(text, name, term):
    assert tenure.held_term(text, text.index(name) + len(name)) == term


def test_the_wanted_term():
    assert tenure.wanted("2015-2020", [], "… nhiệm kỳ 2020-2025 …") == "2020-2025"
    assert tenure.wanted("2015-2020", [], "… nhiệm kỳ 2010-2015 …") is None  # no later term reported
    assert tenure.wanted("2015-2020", [("2015", "2020")], "… 2020-2025 …") is None  # the asked one
    assert tenure.wanted("2015-2020", [("2020", "2025")]) == "2020-2025"
    # A plan's period is no term of office (from a cold read: it was read as the later term).
    assert tenure.wanted("2015-2020", [], "phương hướng giai đoạn 2021-2025", "ĐẠI HỘI NHIỆM KỲ 2020-2025") == "2020-2025"


def test_a_capitalised_address_mid_sentence_names_another_person():
    """The term after "Đồng chí Hà Thị Khánh Vân, …" is hers, whatever case "Đồng chí" is in."""
    text = ("Đồng chí Trần Quốc Tuấn, Giám đốc Sở và Đồng chí Hà Thị Khánh Vân, Bí thư Đảng ủy Sở "
            "nhiệm kỳ 2020-2025 dự.")
    assert tenure.term_of(text, "Trần Quốc Tuấn") is None and tenure.term_of(text, "Hà Thị Khánh Vân") == "2020-2025"
    assert tenure.term_of("Ông Nguyễn Văn An nói ông ấy là Bí thư nhiệm kỳ 2015-2020.", "Nguyễn Văn An") == "2015-2020"

