"""Feedback: stored on click, updated on change, comment optional; an old feedback file migrates."""

from __future__ import annotations

import sqlite3

import pytest

from rag.feedback import MIGRATIONS, FeedbackStore
from rag.migrations import schema_version
from tests.conftest import serve_api

KEY = "feedback-test-key"
AUTH = {"X-API-Key": KEY}


def test_a_file_from_before_versioning_opens_and_keeps_its_rows(tmp_path):
    path = tmp_path / "feedback.sqlite"
    old = sqlite3.connect(path)  # the schema as the first release wrote it, no user_version
    old.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY, created_at TEXT, rating TEXT,"
                " question TEXT, answer TEXT, comment TEXT, article_ids TEXT)")
    old.execute("INSERT INTO feedback VALUES (1, '2026-01-02T03:04:05+00:00', 'down', 'Q?', 'A.', 'sai', '[\"x\"]')")
    old.commit()
    old.close()
    store = FeedbackStore(path)
    assert schema_version(store.db) == len(MIGRATIONS)
    [row] = store.recent()
    assert row["rating"] == "down" and row["comment"] == "sai" and row["article_ids"] == ["x"]
    assert row["updated_at"] == row["created_at"] and row["conversation_id"] is None and row["short_answer"] is None
    assert store.update(1, rating="up")["rating"] == "up"
    store.db.close()
    assert FeedbackStore(path).get(1)["rating"] == "up"  # reopening a migrated file migrates nothing


def test_update_changes_the_same_row(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite")
    first = store.add("down", "Q?", "A.", None, [])
    changed = store.update(first["id"], rating="up")
    assert changed["id"] == first["id"] and changed["rating"] == "up" and changed["comment"] is None
    assert store.update(first["id"], comment="rõ ràng")["rating"] == "up"
    assert store.update(first["id"], clear_comment=True)["comment"] is None
    assert len(store.recent()) == 1
    assert store.update(999, rating="up") is None


@pytest.fixture(scope="module")
def api(sample_index, tmp_path_factory):
    s = sample_index.model_copy(update={"index_dir": sample_index.index_dir})
    with serve_api(s, RAG_ADMIN_API_KEY=KEY,
                   RAG_FEEDBACK_PATH=str(tmp_path_factory.mktemp("fb") / "feedback.sqlite")) as client:
        yield client


def test_click_then_change_then_comment_over_http(api):
    r = api.post("/feedback", json={"rating": "down", "question": "Q?", "answer": "A.", "short_answer": "21/5/2020"})
    assert r.status_code == 201 and r.json()["short_answer"] == "21/5/2020"
    fid = r.json()["id"]
    assert api.patch(f"/feedback/{fid}", json={"rating": "up"}).json()["rating"] == "up"
    r = api.patch(f"/feedback/{fid}", json={"comment": "đúng ngày"})
    assert r.status_code == 200 and r.json()["rating"] == "up" and r.json()["comment"] == "đúng ngày"
    rows = [row for row in api.get("/feedback", headers=AUTH).json() if row["id"] == fid]
    assert len(rows) == 1 and rows[0]["rating"] == "up" and rows[0]["comment"] == "đúng ngày"
    assert rows[0]["short_answer"] == "21/5/2020"  # kept through the changes


@pytest.mark.parametrize("path, body, status, reason", [
    ("/feedback/999999", {"rating": "up"}, 404, "no feedback"),
    ("/feedback/1", {}, 422, "send a rating"),
    ("/feedback/1", {"rating": None}, 422, "rating"),
    ("/feedback/1", {"rating": "meh"}, 422, "rating"),
    ("/feedback/0", {"rating": "up"}, 422, "feedback_id"),
])
def test_bad_updates_get_a_reason(api, path, body, status, reason):
    r = api.patch(path, json=body)
    assert r.status_code == status and reason in r.json()["detail"], r.text


def test_feedback_on_an_unknown_turn_is_refused(api):
    r = api.post("/feedback", json={"rating": "up", "question": "Q?", "conversation_id": "nope", "turn": 0})
    assert r.status_code == 404 and "no turn 0" in r.json()["detail"]
    r = api.post("/feedback", json={"rating": "up", "question": "Q?", "conversation_id": "nope"})
    assert r.status_code == 422 and "together" in r.json()["detail"]
