"""Incremental ingest: hashes skip unchanged articles, changes and removals, atomic versions."""

from __future__ import annotations

import shutil

import pytest

from rag.index import Index, ModelMismatchError, current_version_dir
from rag.sync import ingest_folder


def test_first_ingest_then_nothing_to_embed(settings, embedder, articles_dir):
    first = ingest_folder(articles_dir, settings, embedder)
    assert (first.added, first.unchanged, first.removed) == (5, 0, 0)
    assert first.embedded == first.chunks_added == first.total_chunks > 5
    version = current_version_dir(settings.index_dir)
    again = ingest_folder(articles_dir, settings, embedder)
    assert (again.added, again.updated, again.unchanged, again.embedded, again.chunks_added) == (0, 0, 5, 0, 0)
    assert current_version_dir(settings.index_dir) == version  # nothing rewritten


def test_an_index_cut_into_sentences_the_old_way_is_rebuilt(settings, embedder, articles_dir):
    """Sentence vectors are stored per chunk in the cut of the release that wrote them: an index
    whose manifest records an older cut (or none, written before it was recorded) is rebuilt
    by the next ingest, from the embedding cache where the text is the same."""
    import json

    from rag.text import SENTENCE_RULES

    ingest_folder(articles_dir, settings, embedder)
    path = current_version_dir(settings.index_dir) / "manifest.json"
    assert json.loads(path.read_text())["sentence_rules"] == SENTENCE_RULES
    old = json.loads(path.read_text())
    del old["sentence_rules"]
    path.write_text(json.dumps(old))
    # An upload first (the API, a feed) updates the old index and leaves it marked old...
    from rag.documents import RawDocument
    from rag.sync import add_documents

    add_documents([RawDocument(id="up", path="upload/tin.txt", text="Tin ngắn\n\nSở tổ chức hội nghị tổng kết năm học.")],
                  settings, embedder)
    assert json.loads((current_version_dir(settings.index_dir) / "manifest.json").read_text()).get(
        "sentence_rules", 1) == 1
    # ...so the next ingest of the folder still rebuilds it.
    again = ingest_folder(articles_dir, settings, embedder)
    assert again.added == 5 and again.unchanged == 0  # every article re-chunked
    assert json.loads((current_version_dir(settings.index_dir) / "manifest.json").read_text())["sentence_rules"] \
        == SENTENCE_RULES
    assert ingest_folder(articles_dir, settings, embedder).unchanged == 5  # and only once


def test_changed_file_reembeds_only_that_article(settings, embedder, articles_dir):
    ingest_folder(articles_dir, settings, embedder)
    target = articles_dir / "003_8a7642bd17cf580f.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nHội nghị kết thúc lúc 11 giờ cùng ngày.\n", encoding="utf-8")
    index = Index.open(settings.index_dir)
    before = index.store.counts()["chunks"]
    article_chunks = len(index.store.chunk_ids(next(a for a, (_h, p) in index.store.article_hashes().items() if p.endswith(target.name))))
    index.close()
    r = ingest_folder(articles_dir, settings, embedder)
    assert (r.updated, r.unchanged, r.added) == (1, 4, 0)
    assert 1 <= r.embedded <= article_chunks + 1  # chunks whose text did not change come from the cache
    assert r.chunks_added >= article_chunks and r.total_chunks >= before


def test_removed_file_leaves_the_index(settings, embedder, articles_dir):
    ingest_folder(articles_dir, settings, embedder)
    (articles_dir / "004_5050eadd8a00d5e3.txt").unlink()
    r = ingest_folder(articles_dir, settings, embedder)
    assert (r.removed, r.total_articles) == (1, 4)
    index = Index.open(settings.index_dir)
    assert index.vectors.size == index.store.counts()["chunks"] == r.total_chunks
    assert len(index.lexical.ids) == r.total_chunks
    assert all("Trà Vinh" not in (row["title"]) for row in index.store.list_articles())


def test_duplicate_files_are_indexed_once(settings, embedder, articles_dir):
    shutil.copy(articles_dir / "000_b361aaff9fcc3b44.txt", articles_dir / "copy-of-000.txt")
    r = ingest_folder(articles_dir, settings, embedder)
    assert (r.added, r.duplicates, r.total_articles) == (5, 1, 5)


def test_unreadable_file_is_reported_not_fatal(settings, embedder, articles_dir):
    (articles_dir / "broken.jsonl").write_text("{oops\n", encoding="utf-8")
    r = ingest_folder(articles_dir, settings, embedder)
    assert r.added == 5 and any("broken.jsonl" in p and "invalid JSON" in why for p, why in r.errors)
    # As the chat's admin panel words the rebuild: which file, and why in Vietnamese.
    from ui.render import rebuild_summary

    last = rebuild_summary({"finished_at": None, "report": {"added": r.added, "errors": r.errors}})[-1]
    assert last.startswith("1 tệp không đọc được và đã bị bỏ qua: ") and "broken.jsonl (dòng 1: JSON không hợp lệ (" in last


def test_other_model_is_refused_with_instructions(settings, embedder, articles_dir):
    ingest_folder(articles_dir, settings, embedder)
    with pytest.raises(ModelMismatchError, match="rag ingest --rebuild"):
        Index.open(settings.index_dir, model="intfloat/multilingual-e5-large", dimension=1024)

    class Renamed:  # the same vectors under another model name still may not mix
        name, dimension, max_tokens = "another-model", embedder.dimension, embedder.max_tokens
        count_tokens = staticmethod(embedder.count_tokens)
        encode_passages = staticmethod(embedder.encode_passages)

    with pytest.raises(ModelMismatchError):
        ingest_folder(articles_dir, settings, Renamed())
    rebuilt = ingest_folder(articles_dir, settings, Renamed(), rebuild=True)
    assert rebuilt.added == 5 and Index.open(settings.index_dir).manifest.model == "another-model"


def test_interrupted_ingest_keeps_previous_index(settings, embedder, articles_dir):
    first = ingest_folder(articles_dir, settings, embedder)
    version = current_version_dir(settings.index_dir)
    (articles_dir / "new.txt").write_text("Tin mới\n\n" + "Sở Giáo dục tổ chức hội thảo chuyên đề. " * 30, encoding="utf-8")

    class Crashing:  # fails the way a killed process or a full disk would, mid-write
        name, dimension, max_tokens = embedder.name, embedder.dimension, embedder.max_tokens
        count_tokens = staticmethod(embedder.count_tokens)

        def encode_passages(self, texts, progress=False):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_folder(articles_dir, settings, Crashing())
    assert current_version_dir(settings.index_dir) == version
    assert not list(settings.index_dir.glob(".v*.tmp"))
    index = Index.open(settings.index_dir, embedder.name)
    assert index.store.counts() == {"articles": 5, "chunks": first.total_chunks}
    r = ingest_folder(articles_dir, settings, embedder)
    assert r.added == 1


def test_event_dates_are_stored_filtered_and_returned(sample_index, embedder):
    """Issue 13: every sample article has a date; the two whose page gives none carry the event's."""
    from api.schemas import ArticleOut, CitationOut
    from rag.retrieve import Filters, Retriever

    index = Index.open(sample_index.index_dir)
    rows = {r["title"][:24]: (r["date"], r["date_kind"]) for r in index.store.list_articles()}
    assert index.store.undated_articles() == 0
    assert rows["SỞ GIÁO DỤC VÀ ĐÀO TẠO L"] == ("2020-05-21", "event")
    assert rows["ĐẢNG ỦY KHỐI CƠ QUAN VÀ "] == ("2023-05-08", "event")
    assert sorted(kind for _date, kind in rows.values()) == ["event", "event", "published", "published", "published"]

    # The date filter now reaches an article dated by its event.
    retrieval = Retriever(index, embedder).search("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?", 3,
                                                  Filters(date_from="2020-05-01", date_to="2020-05-31"))
    assert retrieval.hits and {(h.chunk.date, h.chunk.date_kind) for h in retrieval.hits} == {("2020-05-21", "event")}

    article = index.store.get_article(retrieval.hits[0].chunk.article_id)
    assert ArticleOut.of(article).date_kind == "event"
    index.close()
    from rag.answer import Citation

    citation = Citation(number=1, article_id=article.id, title=article.title, date=article.date, source=None, url=None,
                        path=article.path, quote="x", start=0, end=1, score=1.0, passage="x", passage_start=0,
                        date_kind=article.date_kind)
    assert CitationOut.of(citation).date_kind == "event"


def test_one_set_of_rules_for_every_job():
    """New, updated, unchanged and duplicate are decided in one place (rag.sync.changes) for the
    folder sync and the API alike; a duplicate is judged against the articles that stay."""
    from rag.documents import Article
    from rag.sync.changes import sort_changes
    from rag.sync.report import IngestReport

    def art(aid, text):
        return Article(id=aid, path=f"/d/{aid}.txt", text=text, title="Tin")

    existing = {a.id: (a.content_hash, a.path) for a in (art("kept", "A"), art("edited", "B"), art("same", "C"),
                                                         art("gone", "D"))}
    batch = [art("new", "E"), art("edited", "B2"), art("same", "C"), art("copy", "A"),
             art("was-edited", "B"),  # the old text of "edited", which this batch replaces: not a duplicate
             art("was-gone", "D")]  # the text of an article this job removes: not a duplicate either
    report = IngestReport()
    todo = sort_changes(batch, existing, report, leaving=["gone"])
    assert [a.id for a in todo] == ["new", "edited", "was-edited", "was-gone"]
    assert (report.added, report.updated, report.unchanged, report.duplicates) == (3, 1, 1, 1)
