"""The verifier, the prompt and the stream parser on fixed strings (no server, no model)."""

from __future__ import annotations

import pytest

from rag.generate.client import LLMError, is_done, parse_event_line
from rag.generate.prompt import NO_ANSWER, Passage, messages
from rag.generate.verify import dates, names, split_sentences, verify

P1 = ("Ngày 21/5/2020, Đảng bộ Sở Giáo dục và Đào tạo (GDĐT) Lạng Sơn đã tổ chức Đại hội nhiệm kỳ 2020-2025 "
      "tại hội trường Trung tâm giáo dục thường xuyên 1 tỉnh. Tới dự và chỉ đạo đại hội có đồng chí Nguyễn Đức "
      "Thắng, Phó Bí thư Đảng ủy Khối các cơ quan tỉnh. Đại hội bầu 9 đồng chí vào Ban Chấp hành.")
P2 = ("Sáng ngày 12 tháng 3 năm 2021, Sở GDĐT Sóc Trăng tổ chức Hội nghị tổng kết năm học với 1.500 cán bộ, "
      "giáo viên tham dự. Hội nghị do ông Trần Văn Lâu chủ trì.")


def passages() -> list[Passage]:
    return [Passage(1, "a1", "Đại hội Lạng Sơn", "2020-05-22", "Sở GDĐT Lạng Sơn", None, "a1.txt", P1, 100, 1.0),
            Passage(2, "a2", "Hội nghị Sóc Trăng", "2021-03-12", "Sở GDĐT Sóc Trăng", None, "a2.txt", P2, 0, 0.5)]


def test_a_supported_answer_is_kept_as_written():
    v = verify("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày 21/5/2020 [1]. Đồng chí Nguyễn Đức Thắng dự đại hội [1].",
               passages())
    assert [s.kept for s in v.sentences] == [True, True] and not any(s.recited for s in v.sentences)
    assert v.text == ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày 21/5/2020. [1] "
                      "Đồng chí Nguyễn Đức Thắng dự đại hội. [1]")
    assert v.counts() == {"sentences": 2, "kept": 2, "dropped": 0, "recited": 0, "citations_dropped": 0}


def test_an_out_of_range_citation_is_dropped_and_the_sentence_recited():
    v = verify("Đại hội diễn ra ngày 21/5/2020 tại Lạng Sơn [7].", passages())
    s = v.sentences[0]
    assert s.kept and s.citations == [1] and s.recited and s.out_of_range == 1
    assert v.counts()["citations_dropped"] == 1 and "[7]" not in v.text


def test_a_wrong_citation_is_moved_to_the_passage_that_has_the_fact():
    v = verify("Hội nghị ở Sóc Trăng có 1.500 cán bộ, giáo viên tham dự [1].", passages())
    s = v.sentences[0]
    assert s.kept and s.citations == [2] and s.recited


def test_an_unsupported_number_drops_its_sentence():
    v = verify("Đại hội diễn ra ngày 21/5/2020 [1]. Đại hội bầu 11 đồng chí vào Ban Chấp hành [1].", passages())
    assert [s.kept for s in v.sentences] == [True, False]
    assert "11" in v.sentences[1].reason and "11" not in v.text
    assert v.counts()["dropped"] == 1


def test_a_wrong_date_is_not_supported_by_a_nearby_one():
    v = verify("Đại hội diễn ra ngày 20/5/2020 [1].", passages())
    assert not v.sentences[0].kept and "20/5/2020" in v.sentences[0].reason


def test_dates_match_across_forms():
    assert dates("ngày 21 tháng 5 năm 2020")[0][0] == (21, 5, 2020) == dates("21/5/2020")[0][0]
    v = verify("Hội nghị tổ chức ngày 12/3/2021 tại Sóc Trăng [2].", passages())
    assert v.sentences[0].kept
    v = verify("Đại hội diễn ra vào tháng 5/2020 [1].", passages())
    assert v.sentences[0].kept


def test_an_invented_name_drops_its_sentence():
    v = verify("Hội nghị do ông Lê Văn Tám chủ trì [2].", passages())
    assert not v.sentences[0].kept and "lê văn tám" in v.sentences[0].reason
    assert [n for n, _, _ in names("Hội nghị do ông Trần Văn Lâu chủ trì tại Sở GDĐT")] == ["Trần Văn Lâu", "Sở", "GDĐT"]


def test_a_sentence_about_something_else_is_dropped_even_when_cited():
    v = verify("Thời tiết hôm nay đẹp trời, mọi người đi chơi công viên [1].", passages())
    assert not v.sentences[0].kept and v.text == ""


def test_a_sentence_without_citation_is_recited_or_dropped():
    v = verify("Đại hội bầu 9 đồng chí vào Ban Chấp hành.", passages())
    assert v.sentences[0].kept and v.sentences[0].citations == [1] and v.sentences[0].recited
    v = verify("Kết quả rất tốt.", passages())
    assert not v.sentences[0].kept


def test_markers_before_the_next_sentence_belong_to_the_previous_one():
    assert split_sentences("Câu một. [1] Câu hai [2] Câu ba [1, 2].") == [
        ("Câu một.", [1]), ("Câu hai", [2]), ("Câu ba.", [1, 2])]


def test_the_fixed_reply_is_recognised_as_declining():
    v = verify(NO_ANSWER, passages())
    assert v.declined and not v.kept


def test_the_prompt_numbers_passages_and_asks_for_citations():
    m = messages("Đại hội diễn ra ngày nào?", passages())
    # One user turn: Gemma's and Mistral's templates drop system messages.
    assert [x["role"] for x in m] == ["user"]
    text = m[0]["content"]
    assert NO_ANSWER in text and "ví dụ [1]" in text
    assert "[1] Đại hội Lạng Sơn" in text and "[2] Hội nghị Sóc Trăng" in text
    assert text.index(NO_ANSWER) < text.index(P1) < text.index(P2) < text.index("Câu hỏi: Đại hội diễn ra ngày nào?")


def test_stream_lines_are_parsed():
    assert parse_event_line('data: {"choices":[{"delta":{"content":"Xin"}}]}') == "Xin"
    assert parse_event_line('data: {"choices":[{"delta":{"role":"assistant"}}]}') is None
    assert parse_event_line(": ping") is None and parse_event_line("") is None
    assert is_done(parse_event_line("data: [DONE]"))
    with pytest.raises(LLMError) as err:
        parse_event_line('data: {"error": {"message": "context too long"}}')
    assert err.value.reason == "server_error"
    with pytest.raises(LLMError):
        parse_event_line("data: {oops")


def test_unset_url_means_no_generator(base_settings):
    from rag.generate import ChatClient, Generator

    assert base_settings.llm_url is None
    assert Generator.from_settings(base_settings) is None and ChatClient.from_settings(base_settings) is None
    s = base_settings.model_copy(update={"llm_url": "http://127.0.0.1:9/v1/", "llm_passages": 3})
    g = Generator.from_settings(s)
    assert g.client.endpoint == "http://127.0.0.1:9/v1/chat/completions" and g.max_passages == 3
