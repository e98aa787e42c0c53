"""The API served by a real uvicorn on 127.0.0.1, called over HTTP with httpx."""

from __future__ import annotations

import pytest

from tests.conftest import serve_api


@pytest.fixture(scope="module")
def api(sample_index):
    with serve_api(sample_index) as client:
        yield client


def test_health(api):
    h = api.get("/health").json()
    assert h["ready"] is True and h["articles"] == 5 and h["chunks"] > 5 and h["model"] == "multilingual-e5-small+onnx-int8"
    assert h["generation"] is False  # no RAG_LLM_URL: extractive answers only


def test_ask_answers_with_citations(api):
    r = api.post("/ask", json={"question": "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"})
    assert r.status_code == 200
    body = r.json()
    assert not body["abstained"] and "21/5/2020" in body["answer"]
    c = body["citations"][0]
    article = api.get(f"/articles/{c['article_id']}").json()
    assert article["text"][c["start"] : c["end"]] == c["quote"]
    assert c["source"] == "Sở Giáo dục và Đào tạo Lạng Sơn" and c["file"].endswith(".txt")
    # The page gives no publication date: the congress's own date, said to be one.
    assert (c["date"], c["date_kind"]) == ("2020-05-21", "event")
    assert {"embed", "dense", "lexical", "answer", "total"} <= set(body["timings"])
    short = body["short_answer"]
    assert body["status"] == "answered" and short["text"] == "21/5/2020" and short["kind"] == "date"
    assert short["sure"] is True  # found as a date, not guessed
    assert article["text"][short["start"] : short["end"]] == short["text"] and short["article_id"] == c["article_id"]


def test_ask_says_what_the_articles_do_not_cover(api):
    body = api.post("/ask", json={"question": "Giám đốc Sở GDĐT Bình Định là ai?"}).json()
    assert body["abstained"] and body["status"] == "out_of_scope" and "Bình Định" in body["note"]
    assert body["short_answer"] is None and body["citations"] == []
    hello = api.post("/ask", json={"question": "Xin chào!"}).json()
    assert hello["status"] == "chitchat" and hello["citations"] == []
    filtered = api.post("/ask", json={"question": "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?",
                                      "source": "Trà Vinh"}).json()
    assert filtered["status"] == "filtered" and "Trà Vinh" in filtered["note"] and filtered["citations"] == []


def test_ask_abstains(api):
    body = api.post("/ask", json={"question": "Cách nấu phở bò ngon?"}).json()
    assert body["abstained"] is True and body["citations"] == []


def test_filters_restrict_sources(api):
    q = {"question": "Hội nghị cán bộ công chức năm 2021 tổ chức ngày nào?"}
    only_tv = api.post("/ask", json={**q, "source": "Trà Vinh"}).json()
    assert all("Trà Vinh" in c["source"] for c in only_tv["citations"]) and only_tv["citations"]
    # Case and accents as staff type them: "đào" must match "Đào" (SQLite's lower() would not).
    full = api.post("/ask", json={**q, "source": "sở giáo dục và đào tạo trà vinh"}).json()
    assert full["citations"] and all("Trà Vinh" in c["source"] for c in full["citations"])
    none = api.post("/ask", json={**q, "date_from": "2030-01-01"}).json()
    assert none["abstained"] is True
    blank = api.post("/ask", json={**q, "source": "   "}).json()  # blank, like "": no filter
    assert blank["status"] == "answered" and blank["citations"]
    unmarked = api.post("/ask", json={**q, "source": "tra vinh"}).json()  # typed without marks, as questions are
    assert unmarked["citations"] and all("Trà Vinh" in c["source"] for c in unmarked["citations"])


@pytest.mark.parametrize(
    "body, reason",
    [({"question": "   "}, "must not be empty"), ({"question": "x" * 2001}, "at most 2000"),
     ({"question": "a", "top_k": 0}, "top_k"), ({"question": "a", "top_k": 51}, "top_k"),
     ({"question": "a", "date_from": "2024-13-40"}, "date_from"), ({}, "question"),
     # Invisible, control or punctuation-only questions hold nothing to search (from an API probe).
     ({"question": "\u00a0\u200b\u3000"}, "must not be empty"), ({"question": "\u200d\u200d"}, "must not be empty"),
     ({"question": "Ai là\x00 Giám đốc?"}, "control characters"), ({"question": "\x1b[31m"}, "control characters"),
     ({"question": "???"}, "only punctuation"),
     # Markup alone, dropped before reading, left nothing (an API probe got 200 "not_found").
     ({"question": "<img src=x onerror=alert(1)>"}, "not only HTML markup"),
     # Filters and earlier turns alike (from an API probe: a NUL in source was echoed in the note).
     ({"question": "a", "source": "Lạng\x00Sơn"}, "source must not contain control characters"),
     ({"question": "a", "source": "x" * 201}, "source must be at most 200 characters"),
     ({"question": "a", "history": [{"question": "Ai\x1b[31m?"}]}, "history.0.question: question must not contain"),
     ({"question": "a", "history": [{"question": "Ai?", "answer": "x" * 20001}]}, "at most 20000 characters"),
     ({"question": "a", "date_from": 1588291200}, "ISO date"),
     # A field it does not know is said, not ignored (an API probe's "filters": {"source": …}
     # was answered unfiltered, and a misspelt "topk" taken as the default).
     ({"question": "a", "filters": {"source": "Trà Vinh"}}, "filters: unknown field"),
     ({"question": "a", "topk": 1}, "topk: unknown field"),
     ({"question": "a", "history": [{"question": "Ai?", "anwser": "B"}]}, "history.0.anwser: unknown field")],
)
def test_bad_requests_get_a_reason(api, body, reason):
    r = api.post("/ask", json=body)
    assert r.status_code == 422 and reason in r.json()["detail"]


@pytest.mark.parametrize("content, reason", [
    ('{"question": "abc"', "the body is not valid JSON (at character 18"),  # had been "18: JSON decode error"
    ("", "the request needs a JSON body"),  # had been "Field required", naming nothing
])
def test_a_body_that_is_no_json_object_gets_a_reason(api, content, reason):
    r = api.post("/ask", content=content, headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"].startswith(reason)


@pytest.mark.parametrize("headers", [{"content-type": "text/plain"}, {"content-type": "application/x-www-form-urlencoded"}, {}])
def test_a_body_not_sent_as_json_is_415_saying_what_to_send(api, headers):
    body = '{"question": "Giám đốc Sở GDĐT Kon Tum là ai?"}'.encode()
    r = api.post("/ask", content=body, headers=headers)
    assert r.status_code == 415 and "application/json" in r.json()["detail"]
    assert api.post("/ask", content=body, headers={"content-type": "application/json; charset=utf-8"}).status_code == 200
    assert api.post("/ask", content=body, headers={"content-type": "application/vnd.api+json"}).status_code == 200


def test_a_body_that_cannot_be_decoded_says_what_to_send(api):
    """Invalid UTF-8, a 5,000-digit number, absurd nesting: FastAPI said only "There was an
    error parsing the body" (from an API probe)."""
    for body in (b'{"question": "\xff\xfe"}', b'{"question": "a", "top_k": ' + b"9" * 5000 + b"}", b"[" * 100_000):
        r = api.post("/ask", content=body, headers={"Content-Type": "application/json"})
        assert r.status_code == 400 and r.json() == {
            "detail": "the body could not be read: send UTF-8 JSON of ordinary depth and size"}


def test_non_json_body_is_4xx(api):
    r = api.post("/ask", content=b"\xff\xfe not json", headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500


def test_articles(api):
    rows = api.get("/articles").json()
    assert len(rows) == 5 and all("text" not in r for r in rows)
    assert api.get("/articles/nope").status_code == 404
    assert api.get("/articles", params={"limit": 0}).status_code == 422


def test_follow_up_uses_history(api):
    first = "Hội nghị của Sở Giáo dục và Đào tạo Sóc Trăng được tổ chức vào ngày nào?"
    r = api.post("/ask", json={"question": "Còn ở Trà Vinh thì sao?", "history": [{"question": first}]}).json()
    assert r["query"] == "Hội nghị của Sở Giáo dục và Đào tạo Trà Vinh được tổ chức vào ngày nào?"
    assert "25/01/2021" in r["answer"] and "Trà Vinh" in r["citations"][0]["source"]
    alone = api.post("/ask", json={"question": first}).json()
    assert alone["query"] == first and "03-7-2020" in alone["answer"]
    # null, as many clients send for no earlier turns, is none (it had been a 422).
    nothing = api.post("/ask", json={"question": first, "history": None})
    assert nothing.status_code == 200 and nothing.json()["query"] == first


def test_a_follow_up_about_another_provinces_congress_is_refused_when_it_held_none(api):
    """"Còn ở Trà Vinh thì sao?" after Lạng Sơn's congress asks about Trà Vinh's congress; its
    article reports a staff meeting, whose date is no answer."""
    first = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"
    r = api.post("/ask", json={"question": "Còn ở Trà Vinh thì sao?", "history": [{"question": first}]}).json()
    assert r["query"] == "Đại hội Đảng bộ Sở GDĐT Trà Vinh diễn ra ngày nào?"
    assert r["status"] == "out_of_scope" and "đại hội" in r["answer"] and "25/01/2021" not in r["answer"]
    assert r["citations"] == [] and r["short_answer"] is None


def test_a_pronoun_follow_up_asks_about_the_person_last_answered(api):
    """"Ông ấy …" after a "who" question names the person the previous short answer gave."""
    first = "Ai là Phó Giám đốc Sở GDĐT Kon Tum?"
    who = api.post("/ask", json={"question": first}).json()["short_answer"]["text"]
    assert who == "Nguyễn Trọng Thắng"
    r = api.post("/ask", json={"question": "Ông ấy giữ chức vụ gì trong Đảng ủy?",
                               "history": [{"question": first, "answer": who}]}).json()
    assert r["query"] == "Nguyễn Trọng Thắng giữ chức vụ gì trong Đảng ủy?"
    assert r["short_answer"]["text"] == "Phó Bí thư Đảng ủy, Phó Giám đốc Sở GDĐT" and r["short_answer"]["kind"] == "post"
    # Without the answer (a client that sends questions only), the earlier question is answered
    # again to find whom "ông ấy" points at; an API probe had got a person for a post question.
    r = api.post("/ask", json={"question": "Ông ấy giữ chức vụ gì?", "history": [{"question": first}]}).json()
    assert r["query"] == "Nguyễn Trọng Thắng giữ chức vụ gì?" and r["short_answer"]["kind"] == "post"


def test_a_question_typed_without_marks_is_answered_and_read_back(api):
    """The reply's ``query`` is the question as read (marks put back), for the user to check."""
    r = api.post("/ask", json={"question": "giam doc so gddt tra vinh la ai"}).json()
    assert r["query"] == "giám đốc sở gdđt Trà Vinh là ai" and "Nguyễn Thị Bạch Vân" in r["short_answer"]["text"]

def test_admin_routes_refused_without_configured_key(api):
    r = api.post("/articles", json={"title": "T", "text": "x"}, headers={"X-API-Key": "anything"})
    assert r.status_code == 403 and "RAG_ADMIN_API_KEY" in r.json()["detail"]
    assert api.delete("/articles/abc", headers={"X-API-Key": ""}).status_code == 403
    assert api.post("/index/rebuild").status_code == 403


def test_index_status(api):
    s = api.get("/index/status").json()
    assert s["articles"] == 5 and s["version"] >= 1 and s["rebuild"]["state"] == "idle"
    assert "Sở Giáo dục và Đào tạo Trà Vinh" in s["sources"] and s["updated_at"]


def test_a_guessed_short_answer_is_flagged(api):
    body = api.post("/ask", json={"question": "Buổi làm việc giữa Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum nhằm "
                                              "tìm hiểu điều gì?"}).json()
    assert body["status"] == "answered" and body["short_answer"]["sure"] is False


def test_a_past_term_s_holder_is_flagged_with_a_note(api):
    """The Lạng Sơn article names its Bí thư by the 2015-2020 term and reports the 2020-2025 one."""
    body = api.post("/ask", json={"question": "Ai là Bí thư Đảng ủy Sở GDĐT Lạng Sơn?"}).json()
    assert body["status"] == "answered" and body["short_answer"]["text"] == "Trần Quốc Tuấn"
    assert body["short_answer"]["sure"] is False
    assert "nhiệm kỳ 2015-2020" in body["note"] and body["answer"].endswith(body["note"])


def test_a_yes_no_question_about_a_post_gets_a_verdict(api):
    body = api.post("/ask", json={"question": "Bà Phạm Thị Trung có phải là Giám đốc Sở GDĐT Kon Tum không?"}).json()
    short = body["short_answer"]
    assert (short["verdict"], short["kind"], short["text"]) == ("có", "post", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT")
    assert short["holder"] == "Phạm Thị Trung"  # whose posts, as the article writes the name
    other = api.post("/ask", json={"question": "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"}).json()
    assert other["short_answer"]["verdict"] is None and other["short_answer"]["holder"] is None


def test_a_date_gives_the_day_it_names_and_a_claimed_count_a_verdict(api):
    """The page misprinted "08 ngày 5 năm 2023": the span stays verbatim, ``day`` reads it; a
    yes/no claim about a count is settled by the count the article gives."""
    short = api.post("/ask", json={"question": "Đảng ủy Khối làm việc với Đảng bộ Sở GDĐT Kon Tum ngày nào?"}).json()[
        "short_answer"]
    assert (short["text"], short["day"]) == ("08 ngày 5 năm 2023", "2023-05-08")
    count = api.post("/ask", json={"question": "Đại hội Đảng bộ Sở GDĐT Lạng Sơn có 150 đảng viên dự phải không?"}).json()
    assert (count["short_answer"]["text"], count["short_answer"]["verdict"], count["short_answer"]["day"]) == (
        "139 đảng viên", "không", None)


def test_ask_reads_statute_articles_cited_by_number(legal_assistant):
    """Over a statute: what "Điều 113" is about is its heading, and an article the law does not
    have is named in the refusal."""
    with serve_api(legal_assistant.settings) as client:
        body = client.post("/ask", json={"question": "Điều 113 quy định gì?"}).json()
        assert body["status"] == "answered" and body["citations"][0]["quote"].startswith("Điều 113. Nghỉ hằng năm\n1. ")
        assert body["short_answer"]["text"] == "Nghỉ hằng năm" and body["short_answer"]["kind"] == "subject"
        missing = client.post("/ask", json={"question": "Theo Điều 120, người lao động được nghỉ mấy ngày?"}).json()
        assert missing["status"] == "not_found" and missing["answer"].endswith("không có Điều 120.")
        assert missing["citations"] == [] and missing["short_answer"] is None
        partly = client.post("/ask", json={"question": "Điều 5 và Điều 113 quy định gì?"}).json()
        assert partly["status"] == "answered" and partly["note"].endswith("không có Điều 5.")
        assert [c["quote"].split("\n")[0] for c in partly["citations"]] == ["Điều 113. Nghỉ hằng năm"]
        clause = client.post("/ask", json={"question": "Khoản 2 Điều 113 quy định gì?"}).json()
        assert clause["citations"][0]["quote"].startswith("2. Người lao động làm việc chưa đủ 12 tháng")
        assert clause["short_answer"] is None


def test_a_question_s_length_is_counted_as_read(api):
    """An NFD question (each tone mark a character of its own) of 1,880 letters had been
    refused as over 2000: its length is counted composed, as it is read."""
    import unicodedata

    composed = ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào? " * 40)[:1880]
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed) > 2000
    assert api.post("/ask", json={"question": decomposed}).status_code == 200
