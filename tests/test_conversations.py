"""Conversations kept by the API: create, append turns, list recent, reopen with ratings."""

from __future__ import annotations

import json
import sqlite3

import pytest

from rag.conversations import MIGRATIONS, ConversationStore
from rag.migrations import schema_version
from tests.conftest import serve_api

QUESTION = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"


def test_store_keeps_turns_in_order_and_migrates(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite")
    assert schema_version(store.db) == len(MIGRATIONS)
    c = store.create("  Câu hỏi   đầu tiên  " + "x" * 300)
    assert c["title"].startswith("Câu hỏi đầu tiên ") and len(c["title"]) == 120
    assert store.recent() == []  # an empty conversation is not listed
    for i in range(3):
        assert store.append(c["id"], f"q{i}", {"answer": str(i)}, {})["seq"] == i
    assert [t["question"] for t in store.get(c["id"])["turns"]] == ["q0", "q1", "q2"]
    assert store.set_feedback(c["id"], 1, 7, "up", None) and not store.set_feedback(c["id"], 9, 7, "up", None)
    assert store.get(c["id"])["turns"][1]["rating"] == "up"
    assert store.append("unknown", "q", {}, {}) is None and store.get("unknown") is None
    other = store.create("sau")
    store.append(other["id"], "q", {}, {})
    assert [r["id"] for r in store.recent()] == [other["id"], c["id"]]
    store.db.close()
    assert ConversationStore(tmp_path / "c.sqlite").get(c["id"])["turns"][2]["reply"] == {"answer": "2"}


def test_a_file_from_a_newer_release_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "c.sqlite")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(RuntimeError, match="upgrade vnrag"):
        ConversationStore(tmp_path / "c.sqlite")


@pytest.fixture(scope="module")
def api(sample_index, tmp_path_factory):
    with serve_api(sample_index, RAG_FEEDBACK_PATH=str(tmp_path_factory.mktemp("conv") / "feedback.sqlite")) as client:
        yield client


def test_a_conversation_round_trip_over_http(api):
    reply = api.post("/ask", json={"question": QUESTION}).json()
    c = api.post("/conversations", json={"title": QUESTION})
    assert c.status_code == 201
    cid = c.json()["id"]
    turn = api.post(f"/conversations/{cid}/turns",
                    json={"question": QUESTION, "reply": reply, "filters": {"source": "Lạng Sơn"}})
    assert turn.status_code == 201 and turn.json()["seq"] == 0
    fb = api.post("/feedback", json={"rating": "down", "question": QUESTION, "conversation_id": cid, "turn": 0}).json()
    api.patch(f"/feedback/{fb['id']}", json={"rating": "up"})
    got = api.get(f"/conversations/{cid}").json()
    [t] = got["turns"]
    assert t["reply"]["short_answer"]["text"] == "21/5/2020" and t["reply"]["citations"][0]["quote"]
    assert t["filters"] == {"source": "Lạng Sơn", "date_from": None, "date_to": None}
    assert t["rating"] == "up" and t["feedback_id"] == fb["id"]
    assert api.get("/conversations").json()[0]["id"] == cid


@pytest.mark.parametrize("method, path, body, status, reason", [
    ("get", "/conversations/nope", None, 404, "no conversation"),
    ("get", "/conversations/bad%20id", None, 422, "conversation_id"),
    ("post", "/conversations", {"title": "   "}, 422, "title must not be empty"),
    ("post", "/conversations/nope/turns", {"question": "q", "reply": {}}, 422, "reply"),
    ("get", "/conversations?limit=0", None, 422, "limit"),
])
def test_bad_requests_get_a_reason(api, method, path, body, status, reason):
    r = api.request(method.upper(), path, json=body)
    assert r.status_code == status and reason in r.json()["detail"], r.text


def test_a_turn_for_an_unknown_conversation_is_404(api):
    reply = api.post("/ask", json={"question": "Xin chào"}).json()
    r = api.post("/conversations/nope/turns", json={"question": "Xin chào", "reply": reply})
    assert r.status_code == 404


def test_a_reply_that_cannot_be_stored_is_422_not_500(api):
    """The reply is the client's copy: a lone surrogate in it, or a non-finite number, is refused."""
    cid = api.post("/conversations", json={"title": "Thử"}).json()["id"]
    reply = {"question": "q", "query": "q", "answer": "x\ud800", "status": "answered", "citations": [],
             "abstained": False, "timings": {}}
    body = json.dumps({"question": "q", "reply": reply}).encode()  # json.dumps escapes the surrogate as \ud800
    r = api.post(f"/conversations/{cid}/turns", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422 and "not valid Unicode" in r.json()["detail"], r.text
    assert api.get(f"/conversations/{cid}").json()["turns"] == []
